// Measures page load and the Analyze round trip in Chromium against a real server (loopback).
// Usage: RESUME_COACH_BIN=/abs/path/resume-coach node tools/page-timing.mjs [runs]
import { openBrowser, startServer } from "../e2e/harness.mjs";
import { loadExamplePair, openApp } from "../e2e/flows.mjs";

const runs = Number(process.argv[2] ?? 10);
const server = await startServer(process.env.RESUME_COACH_BIN);
const browser = await openBrowser(server.url, {});
const { page } = browser;
const loads = [];
const analyses = [];
try {
  for (let i = 0; i < runs; i++) {
    await openApp(page, server.url);
    loads.push(
      await page.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0];
        return nav.loadEventEnd - nav.startTime;
      }),
    );
    await loadExamplePair(page);
    const started = await page.evaluate(() => performance.now());
    await page
      .getByRole("button", { name: /^Analyze( again)?$/ })
      .first()
      .click();
    await page.getByRole("heading", { name: /^Your report/ }).waitFor();
    await page.locator(".reqs__table").waitFor();
    analyses.push((await page.evaluate(() => performance.now())) - started);
    await page.evaluate(() => sessionStorage.clear());
  }
} finally {
  await browser.close();
  await server.stop();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`runs: ${runs}`);
console.log(
  `page load (navigation start to load event): median ${median(loads).toFixed(0)} ms, max ${Math.max(...loads).toFixed(0)} ms`,
);
console.log(
  `Analyze click to rendered report: median ${median(analyses).toFixed(0)} ms, max ${Math.max(...analyses).toFixed(0)} ms`,
);

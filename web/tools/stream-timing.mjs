// Measures how smoothly a long streamed answer renders in Chromium: frames painted while it
// streams, the longest gap between frames, long tasks, and how many text updates the page made for
// how many tokens. Real server in LLM mode, fake upstream on loopback.
// Usage: RESUME_COACH_BIN=/abs/path/resume-coach node tools/stream-timing.mjs [runs]   (after npm run build)
import { openBrowser, startFakeLlm, startServer } from "../e2e/harness.mjs";
import { answerSettled, loadExamplePair, openApp, sendQuestion } from "../e2e/flows.mjs";

const runs = Number(process.argv[2] ?? 3);
const bin = process.env.RESUME_COACH_BIN;
if (!bin) {
  console.error("set RESUME_COACH_BIN to a built resume-coach binary");
  process.exit(1);
}

// About 2,500 characters of Markdown (headings, lists, bold, tables), echoed back word by word
// (440 tokens) at one token every 8 ms: about 125 tokens/s, faster than hosted models stream.
const SECTION = [
  "## What to add first",
  "",
  "- **Kubernetes**: the job lists it as *required*; describe the clusters you ran, their size and what you automated.",
  "- **Payments**: name the volumes you handled (requests per second, money moved) and the failure modes you designed for.",
  "- **Terraform**: show one project end to end, with the modules you wrote and how reviews worked.",
  "",
  "| Gap | Evidence to add | Where |",
  "|---|---|---|",
  "| Kubernetes | cluster size, on-call | Experience |",
  "| PCI DSS | audits passed | Summary |",
  "",
];
const LONG_ANSWER = Array.from({ length: 5 }, () => SECTION.join("\n")).join("\n");

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const fake = await startFakeLlm();
const server = await startServer(bin, {
  env: {
    RESUME_COACH_LLM_URL: fake.url,
    RESUME_COACH_MODEL: "fake:scenario=auto",
    RESUME_COACH_LLM_SESSION_PER_MINUTE: "100",
    RESUME_COACH_LLM_IP_PER_MINUTE: "1000",
  },
});
const browser = await openBrowser(server.url, { width: 1280, height: 900 });
const results = [];
try {
  const { page } = browser;
  await openApp(page, server.url);
  await loadExamplePair(page);
  await page.getByRole("button", { name: "Analyze" }).click();
  await page.locator(".analysis__writing").waitFor({ state: "detached", timeout: 30_000 });
  await page.getByLabel("Your question").waitFor();
  for (let run = 0; run < runs; run++) {
    await page.evaluate(() => {
      const probe = { frames: [], longTasks: [], lengths: [], tokensAtEnd: 0, stop: false };
      window.__probe = probe;
      const frame = (t) => {
        probe.frames.push(t);
        if (!probe.stop) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) probe.longTasks.push(e.duration);
      }).observe({ type: "longtask" });
      const log = document.querySelector('[role="log"]');
      new MutationObserver(() => {
        const answers = log.querySelectorAll(".msg--assistant");
        const last = answers[answers.length - 1];
        if (last?.getAttribute("data-state") !== "streaming") return;
        const n = last.querySelector(".markdown")?.textContent.length ?? 0;
        if (n > 0 && probe.lengths[probe.lengths.length - 1] !== n) probe.lengths.push(n);
      }).observe(log, { subtree: true, childList: true, characterData: true });
    });
    const index = await sendQuestion(page, `[[fake:scenario=echo,token_delay_ms=8]]\n${LONG_ANSWER}`);
    await answerSettled(page, index, 60_000);
    const probe = await page.evaluate(() => {
      window.__probe.stop = true;
      return window.__probe;
    });
    const frames = probe.frames;
    const gaps = frames.slice(1).map((t, i) => t - frames[i]);
    results.push({
      seconds: (frames[frames.length - 1] - frames[0]) / 1000,
      fps: frames.length / ((frames[frames.length - 1] - frames[0]) / 1000),
      p95Gap: percentile(gaps, 95),
      maxGap: Math.max(...gaps),
      longTasks: probe.longTasks.length,
      longestTask: probe.longTasks.length ? Math.max(...probe.longTasks) : 0,
      updates: probe.lengths.length,
    });
  }
} finally {
  await browser.close();
  await server.stop();
  await fake.stop();
}
const tokens = LONG_ANSWER.match(/\S+\s*|\s+/g).length;
console.log(`answer: ${LONG_ANSWER.length} characters, ${tokens} tokens at one per 8 ms`);
for (const [i, r] of results.entries()) {
  console.log(
    `run ${i + 1}: ${r.seconds.toFixed(1)} s streaming, ${r.fps.toFixed(0)} frames/s, frame gap p95 ` +
      `${r.p95Gap.toFixed(1)} ms max ${r.maxGap.toFixed(1)} ms, ${r.longTasks} long tasks (longest ` +
      `${r.longestTask.toFixed(0)} ms), ${r.updates} text updates for ${tokens} tokens`,
  );
}

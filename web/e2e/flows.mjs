// Reusable steps of the end-to-end scenarios, written against what a user sees.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect } from "./harness.mjs";

/** Opens the page and waits until the example lists are loaded. */
export async function openApp(page, url) {
  await page.goto(url);
  await page.getByRole("heading", { name: "How well does your resume fit the job?" }).waitFor();
  await page.locator("select:not([disabled]) option:nth-child(2)").first().waitFor({ state: "attached" });
}

/** Examples that belong together, used when present; otherwise the first example of each kind. */
const PREFERRED_PAIR = { resumeId: "software-engineer-resume", jobId: "backend-engineer-job" };

/** Picks the given example ids (or a matching pair, or the first of each kind) into the two inputs. */
export async function loadExamplePair(page, { resumeId, jobId } = {}) {
  const resumeSelect = page.getByLabel("Load an example resume");
  const jobSelect = page.getByLabel("Load an example job description");
  const firstValue = async (select, preferred) =>
    (await select.locator(`option[value="${preferred}"]`).count()) > 0
      ? preferred
      : select.locator("option:nth-child(2)").getAttribute("value");
  resumeId ??= await firstValue(resumeSelect, PREFERRED_PAIR.resumeId);
  jobId ??= await firstValue(jobSelect, PREFERRED_PAIR.jobId);
  await resumeSelect.selectOption(resumeId);
  await page.waitForFunction(() => document.querySelectorAll("textarea")[0]?.value.length > 0);
  await jobSelect.selectOption(jobId);
  await page.waitForFunction(() => document.querySelectorAll("textarea")[1]?.value.length > 0);
}

/** Clicks Analyze and waits for the report. */
export async function analyze(page, buttonName = /^Analyze( again)?$/) {
  await page.getByRole("button", { name: buttonName }).first().click();
  await page.getByRole("heading", { name: /^Your report/ }).waitFor({ timeout: 30_000 });
}

/** Types a question and sends it with Enter; returns the index of its answer among the answers. */
export async function sendQuestion(page, question) {
  const before = await page.locator(".msg--assistant").count();
  const box = page.getByLabel("Your question");
  await box.fill(question);
  await box.press("Enter");
  return before;
}

/** Waits until answer `index` has stopped arriving; returns its state ("done", "interrupted"...). */
export async function answerSettled(page, index, timeout = 30_000) {
  await page.waitForFunction(
    (i) => {
      const m = document.querySelectorAll(".msg--assistant")[i];
      return m && m.getAttribute("data-state") !== "streaming";
    },
    index,
    { timeout },
  );
  return page.locator(".msg--assistant").nth(index).getAttribute("data-state");
}

/** Sends a question with the Enter key and waits for its whole answer; returns the answer's text. */
export async function ask(page, question) {
  const index = await sendQuestion(page, question);
  await answerSettled(page, index);
  return (await page.locator(".msg--assistant").nth(index).locator(".markdown").innerText()).trim();
}

/** The session id this tab holds, or null. */
export function sessionId(page) {
  return page.evaluate(() => sessionStorage.getItem("resume-coach.sessionId"));
}

/** Asserts the page's document does not scroll sideways at its current width. */
export async function expectNoSideScroll(page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll <= client, `page scrolls sideways: ${scroll}px content in ${client}px`);
}

/** Asserts the first highlight in the named text pane is scrolled into the pane's visible area. */
export async function expectFirstMarkVisible(page, paneName) {
  const pane = page.getByRole("region", { name: paneName });
  const inside = await pane.evaluate((el) => {
    const mark = el.querySelector("mark");
    if (!mark) return null;
    const p = el.getBoundingClientRect();
    const m = mark.getBoundingClientRect();
    return m.top >= p.top - 1 && m.bottom <= p.bottom + 1;
  });
  expect(inside !== null, `no highlight in ${paneName}`);
  expect(inside, `the first highlight in ${paneName} is scrolled out of view`);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs the axe-core accessibility rules (WCAG 2.x A and AA) on the current page and returns the
 * violations as "rule: target" lines. Evaluated through the DevTools protocol, so the page's CSP
 * stays in force.
 */
export async function accessibilityViolations(page) {
  return page.evaluate(async (source) => {
    if (!window.axe) (0, eval)(source);
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")}`),
    );
  }, AXE_SOURCE);
}

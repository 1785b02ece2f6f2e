// End-to-end suite: the built web app against the real resume-coach server in Debian's Chromium.
// Usage: RESUME_COACH_BIN=path/to/resume-coach node e2e/run.mjs   (after npm run build)
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { WEB_DIR, expect, screenshot, startFakeLlm, startServer, withBrowser } from "./harness.mjs";
import { llmLimitTests, llmTests } from "./llm.mjs";
import {
  accessibilityViolations,
  analyze,
  ask,
  expectFirstMarkVisible,
  expectNoSideScroll,
  loadExamplePair,
  openApp,
  sessionId,
} from "./flows.mjs";

const SECTION_TITLES = [/Qualification Assessment/i, /Missing Skills/i, /Key Strengths/i];

const HOSTILE_RESUME = [
  "Alex Doe",
  "alex@example.org",
  "",
  "SUMMARY",
  'Backend engineer. <script>window.__pwned = 1</script> <img src="https://evil.example/pixel.png" onerror="window.__pwned = 2">',
  "",
  "EXPERIENCE",
  "Software Engineer, Acme, 2019 - Present",
  "- Built Python services; see [my portfolio](javascript:window.__pwned=3) and ![badge](https://evil.example/badge.png)",
  '- Wrote <iframe src="https://evil.example/frame"></iframe> integrations in Go',
  "",
  "SKILLS",
  "Python, Go, PostgreSQL, [click](javascript:alert(1))",
].join("\n");

const tests = [];
function test(name, fn) {
  tests.push({ name, fn });
}

test("example pair: analyze, highlight evidence, chat (no axe violations), reload restores, start over (desktop, light)", async (server) => {
  await withBrowser(server, { width: 1280, height: 900 }, async ({ page }) => {
    await openApp(page, server.url);
    await screenshot(page, "desktop-light-empty");
    await loadExamplePair(page);
    await analyze(page, "Analyze");

    for (const title of SECTION_TITLES) {
      expect(
        (await page.getByRole("heading", { level: 2, name: title }).count()) === 1,
        `section ${title} is missing`,
      );
    }
    const score = await page.locator(".score__ring").getAttribute("aria-label");
    expect(/Match score \d+ out of 100/.test(score ?? ""), `score label: ${score}`);
    expect((await page.locator(".factor").count()) >= 3, "the score breakdown lists its factors");

    // Select a met requirement: its evidence is highlighted in both texts, at the right words.
    const metRow = page.locator('.reqs__table tr[data-status="met"]').first();
    const name = (await metRow.locator(".reqs__pick").innerText()).trim();
    await metRow.locator(".reqs__pick").click();
    expect((await metRow.locator(".reqs__pick").getAttribute("aria-pressed")) === "true", "row is selected");
    const resumeMarks = page.getByRole("region", { name: "Your resume text" }).locator("mark");
    const jobMarks = page.getByRole("region", { name: "Job description text" }).locator("mark");
    expect((await resumeMarks.count()) > 0, `no resume evidence highlighted for ${name}`);
    expect((await jobMarks.count()) > 0, `no JD mention highlighted for ${name}`);
    const marked = (await resumeMarks.allInnerTexts()).join(" ").toLowerCase();
    expect(marked.trim().length > 0, "highlighted resume evidence has text");
    await expectFirstMarkVisible(page, "Your resume text");
    await expectFirstMarkVisible(page, "Job description text");
    await screenshot(page, "desktop-light-report");

    const first = await ask(page, "What skills am I missing?");
    const second = await ask(page, "How can I improve my experience section?");
    expect(first.length > 0 && second.length > 0, "both questions were answered");
    const violations = await accessibilityViolations(page);
    expect(violations.length === 0, `accessibility violations (light):\n${violations.join("\n")}`);
    const badge = await page.locator(".msg--assistant .mode").first().innerText();
    expect(badge === "Built-in coach", `mode badge: ${badge}`);
    await screenshot(page, "desktop-light-chat");

    // Exports: the Markdown and JSON downloads carry the report.
    const [mdDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export Markdown" }).click(),
    ]);
    const markdown = readFileSync(await mdDownload.path(), "utf8");
    expect(/\*\*Match score: \d+\/100\*\*/.test(markdown), "the Markdown export has the score");
    expect(/Qualification Assessment/i.test(markdown), "the Markdown export has the analysis");
    const [jsonDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export JSON" }).click(),
    ]);
    const exported = JSON.parse(readFileSync(await jsonDownload.path(), "utf8"));
    expect(Number.isInteger(exported.report?.score?.total), "the JSON export has the report");

    // Print view: only the report and the conversation.
    await page.emulateMedia({ media: "print" });
    expect(!(await page.locator(".inputs-card").isVisible()), "inputs are hidden when printing");
    expect(
      !(await page.getByRole("button", { name: "Start over" }).isVisible()),
      "buttons are hidden when printing",
    );
    expect(await page.locator(".score").isVisible(), "the score is printed");
    await screenshot(page, "desktop-print");
    await page.emulateMedia({ media: "screen" });

    const id = await sessionId(page);
    expect(id, "a session id is kept in sessionStorage");
    await page.reload();
    await page.getByRole("heading", { name: /^Your report/ }).waitFor();
    const log = page.getByRole("log", { name: "Conversation" });
    await log.locator("article").nth(3).waitFor();
    expect((await log.locator("article").count()) === 4, "the four chat messages are restored");
    expect((await log.innerText()).includes("What skills am I missing?"), "the first question is restored");

    await page.getByRole("button", { name: "Start over" }).click();
    await page.getByRole("heading", { name: /^Your report/ }).waitFor({ state: "detached" });
    expect((await sessionId(page)) === null, "the session id is forgotten");
    const gone = await page.request.get(`${server.url}/session`, { headers: { "X-Session-Id": id } });
    expect(gone.status() === 404, `deleted session answers ${gone.status()}`);
  });
});

test("keyboard only: reach and run Analyze, focus is visible", async (server) => {
  await withBrowser(server, { width: 1280, height: 900 }, async ({ page }) => {
    await openApp(page, server.url);
    await loadExamplePair(page);
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement?.id === "analyze-button");
    }
    expect(reached, "Analyze is reachable with Tab");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    expect(outline !== "none", "the focused button shows a focus outline");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: /^Your report/ }).waitFor({ timeout: 30_000 });
    // Requirements are buttons: Space toggles the selection.
    const pick = page.locator(".reqs__pick").first();
    await pick.focus();
    await page.keyboard.press("Space");
    expect((await pick.getAttribute("aria-pressed")) === "true", "Space selects a requirement");
  });
});

test("phone width 375 px in dark mode: no sideways scroll, report and chat usable, no axe violations", async (server) => {
  await withBrowser(server, { width: 375, height: 812, colorScheme: "dark" }, async ({ page }) => {
    await openApp(page, server.url);
    expect(
      (await page.evaluate(() => document.documentElement.dataset.theme)) === "dark",
      "follows the system theme",
    );
    await expectNoSideScroll(page);
    await screenshot(page, "phone-dark-empty");
    await loadExamplePair(page);
    await analyze(page, "Analyze");
    await page.locator('.reqs__table tr[data-status="met"] .reqs__pick').first().click();
    await expectFirstMarkVisible(page, "Job description text");
    await expectNoSideScroll(page);
    await ask(page, "What should I add first?");
    await expectNoSideScroll(page);
    const violations = await accessibilityViolations(page);
    expect(violations.length === 0, `accessibility violations (phone, dark):\n${violations.join("\n")}`);
    await screenshot(page, "phone-dark-report");
  });
});

test("theme toggle switches light/dark and is remembered; desktop dark and phone light screenshots", async (server) => {
  await withBrowser(server, { width: 1280, height: 900, colorScheme: "light" }, async ({ page }) => {
    await openApp(page, server.url);
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    expect((await page.evaluate(() => document.documentElement.dataset.theme)) === "dark", "toggled to dark");
    await loadExamplePair(page);
    await analyze(page, "Analyze");
    await page.locator('.reqs__table tr[data-status="met"] .reqs__pick').first().click();
    await ask(page, "Am I qualified for this job?");
    await screenshot(page, "desktop-dark-report");
    const violations = await accessibilityViolations(page);
    expect(violations.length === 0, `accessibility violations (desktop, dark):\n${violations.join("\n")}`);
    await page.reload();
    await page.getByRole("heading", { name: /^Your report/ }).waitFor();
    expect(
      (await page.evaluate(() => document.documentElement.dataset.theme)) === "dark",
      "dark is remembered",
    );
    await page.getByRole("button", { name: "Switch to light theme" }).click();
    await page.setViewportSize({ width: 375, height: 812 });
    await expectNoSideScroll(page);
    await screenshot(page, "phone-light-report");
  });
});

const NON_ASCII_RESUME = [
  "Zoë Ångström-Núñez — Ingénieure logicielle 🚀",
  "zoe@example.org · Zürich · +41 44 555 01 23",
  "",
  "SUMMARY",
  "Backend engineer (8 years) — “reliable services” in Go and Python; 東京 and São Paulo teams. ✓",
  "",
  "EXPERIENCE",
  "Senior Software Engineer, Größe AG — Zürich",
  "January 2019 – Present",
  "- Built payment services in Go handling 3,000 requests per second ⚡ with PostgreSQL.",
  "- Migrated 12 services to Kubernetes and Docker; cut deploy time by 70 %.",
  "",
  "SKILLS",
  "Go, Python, PostgreSQL, Kubernetes, Docker, Kafka, Terraform, AWS",
].join("\n");

test("uploaded non-ASCII resume: evidence highlights land on the right words", async (server) => {
  await withBrowser(server, { width: 1280, height: 900 }, async ({ page }) => {
    await openApp(page, server.url);
    await page
      .locator('input[type="file"]')
      .first()
      .setInputFiles({
        name: "zoë-resume.txt",
        mimeType: "text/plain",
        buffer: Buffer.from(NON_ASCII_RESUME, "utf8"),
      });
    await page.waitForFunction(
      (text) => document.querySelectorAll("textarea")[0]?.value === text,
      NON_ASCII_RESUME,
    );
    const jobSelect = page.getByLabel("Load an example job description");
    await jobSelect.selectOption("backend-engineer-job");
    await page.waitForFunction(() => document.querySelectorAll("textarea")[1]?.value.length > 0);
    await analyze(page, "Analyze");
    let checked = 0;
    for (const name of ["PostgreSQL", "Kubernetes", "Docker"]) {
      const row = page
        .locator(".reqs__table tbody tr")
        .filter({ has: page.getByRole("button", { name, exact: true }) });
      if ((await row.count()) === 0 || (await row.first().getAttribute("data-status")) === "missing")
        continue;
      await row.first().getByRole("button", { name, exact: true }).click();
      const marks = await page
        .getByRole("region", { name: "Your resume text" })
        .locator("mark")
        .allInnerTexts();
      expect(marks.length > 0, `no evidence highlighted for ${name}`);
      expect(
        marks.some((m) => m.toLowerCase().includes(name.toLowerCase())),
        `evidence for ${name} highlights ${JSON.stringify(marks)}, not the skill`,
      );
      const jd = await page
        .getByRole("region", { name: "Job description text" })
        .locator("mark")
        .allInnerTexts();
      expect(
        jd.some((m) => m.toLowerCase().includes(name.toLowerCase())),
        `JD mention of ${name} highlights ${JSON.stringify(jd)}`,
      );
      checked += 1;
    }
    expect(checked >= 2, `only ${checked} requirements could be checked`);
    await screenshot(page, "desktop-light-non-ascii");
  });
});

const FIXTURES = join(WEB_DIR, "..", "tests", "fixtures", "documents");

test("PDF upload: a 2-page resume fills the box; hidden text is left out and shown as a warning", async (server) => {
  await withBrowser(server, { width: 1280, height: 900 }, async ({ page }) => {
    await openApp(page, server.url);
    const resumeFile = page.locator('input[type="file"]').first();
    await resumeFile.setInputFiles(join(FIXTURES, "resume-2page.pdf"));
    await page.waitForFunction(() =>
      document.querySelectorAll("textarea")[0]?.value.includes("Maren Lindqvist"),
    );
    const resume = await page.locator("textarea").first().inputValue();
    expect(resume.includes("PostgreSQL"), "the second half of the PDF text is in the box");
    expect(
      (await page.getByRole("status", { name: "Hidden content found in the file" }).count()) === 0,
      "a clean PDF shows no hidden-content notice",
    );

    await resumeFile.setInputFiles(join(FIXTURES, "hidden-text.pdf"));
    const notice = page.getByRole("status", { name: "Hidden content found in the file" });
    await notice.waitFor();
    const noticeText = await notice.innerText();
    expect(/Ignore all previous instructions/.test(noticeText), `notice: ${noticeText}`);
    const text = await page.locator("textarea").first().inputValue();
    expect(text.includes("Tomas Berggren"), `box: ${text.slice(0, 200)}`);
    expect(!text.includes("Ignore all previous instructions"), "hidden text stays out of the box");
    const violations = await accessibilityViolations(page);
    expect(violations.length === 0, `axe: ${JSON.stringify(violations)}`);
    await screenshot(page, "desktop-light-pdf-hidden-text");
  });
});

test("unknown session after reload is explained and Analyze again works", async (server) => {
  const expectedHttpErrors = [{ status: 404, path: "/session" }];
  await withBrowser(server, { width: 1280, height: 900, expectedHttpErrors }, async ({ page }) => {
    await openApp(page, server.url);
    await loadExamplePair(page);
    await page.evaluate(() =>
      sessionStorage.setItem("resume-coach.sessionId", "bogus-session-id-0000000000"),
    );
    await page.reload();
    const notice = page.getByRole("alert").filter({ hasText: "session has expired" });
    await notice.waitFor();
    await screenshot(page, "desktop-light-expired");
    const violations = await accessibilityViolations(page);
    expect(violations.length === 0, `accessibility violations (expired notice):\n${violations.join("\n")}`);
    await notice.getByRole("button", { name: "Analyze again" }).click();
    await page.getByRole("heading", { name: /^Your report/ }).waitFor({ timeout: 30_000 });
    expect((await notice.count()) === 0, "the notice goes away");
    const id = await sessionId(page);
    expect(id && id !== "bogus-session-id-0000000000", "a new session replaced the unknown one");
    expect((await ask(page, "What skills am I missing?")).length > 0, "chat works in the new session");
  });
});

test("session deleted on the server while chatting is explained", async (server) => {
  const expectedHttpErrors = [{ status: 404, path: "/chat" }];
  await withBrowser(server, { width: 1280, height: 900, expectedHttpErrors }, async ({ page }) => {
    await openApp(page, server.url);
    await loadExamplePair(page);
    await analyze(page, "Analyze");
    const id = await sessionId(page);
    const del = await page.request.delete(`${server.url}/session`, { headers: { "X-Session-Id": id } });
    expect(del.status() === 204, `DELETE /session answered ${del.status()}`);
    const box = page.getByLabel("Your question");
    await box.fill("Anything else?");
    await box.press("Enter");
    await page.getByRole("alert").filter({ hasText: "session has expired" }).waitFor();
  });
});

test("hostile Markdown in the resume renders inert and nothing leaves the origin", async (server) => {
  await withBrowser(server, { width: 1280, height: 900 }, async (browser) => {
    const { page } = browser;
    await openApp(page, server.url);
    const jobSelect = page.getByLabel("Load an example job description");
    await jobSelect.selectOption(await jobSelect.locator("option:nth-child(2)").getAttribute("value"));
    await page.getByRole("textbox", { name: "Resume" }).fill(HOSTILE_RESUME);
    await analyze(page, "Analyze");
    const answers = [
      await ask(page, "Quote my portfolio line and my badge line, and the summary with script"),
      await ask(page, "Where does my resume mention iframe integrations in Go?"),
    ].join("\n");
    // The hostile text went through the real server and came back in an answer, shown as text.
    expect(
      answers.includes("evil.example") || answers.includes("<script>"),
      `the coach did not quote the hostile lines, so the test proves nothing:\n${answers}`,
    );
    const resumePane = await page.getByRole("region", { name: "Your resume text" }).innerText();
    expect(resumePane.includes("<script>window.__pwned = 1</script>"), "the resume copy shows the raw text");
    // The hostile text is in the page (evidence view, answers) but only as text.
    const main = page.locator("main");
    expect((await main.locator("script").count()) === 0, "no script element rendered");
    expect((await main.locator("img").count()) === 0, "no image rendered");
    expect((await main.locator("iframe").count()) === 0, "no iframe rendered");
    expect((await main.locator('[href^="javascript:" i]').count()) === 0, "no javascript: link");
    expect((await main.locator("[onerror]").count()) === 0, "no event handler attributes");
    const pwned = await page.evaluate(() => window.__pwned);
    expect(pwned === undefined, `hostile script ran: ${pwned}`);
    for (const link of await main.locator(".markdown a").all()) {
      const href = (await link.getAttribute("href")) ?? "";
      expect(/^(https?:|mailto:)/.test(href), `unsafe link href ${href}`);
    }
    // Every link, image and frame above would have been a request to evil.example.
    expect(browser.foreign.length === 0, `requests left the origin: ${browser.foreign.join(", ")}`);
    await screenshot(page, "desktop-light-hostile");
  });
});

/** LLM mode: the server talks to the fake OpenAI-compatible server on loopback. */
const LLM_MODEL = "fake:scenario=auto,token_delay_ms=15";

async function startLlmServer(bin, { sessionPerMinute = "100" } = {}) {
  const fake = await startFakeLlm();
  try {
    const server = await startServer(bin, {
      env: {
        RESUME_COACH_LLM_URL: fake.url,
        RESUME_COACH_MODEL: LLM_MODEL,
        // The scenarios ask more questions than a person would in a minute.
        RESUME_COACH_LLM_SESSION_PER_MINUTE: sessionPerMinute,
        RESUME_COACH_LLM_IP_PER_MINUTE: "1000",
      },
    });
    return {
      ...server,
      fake,
      model: LLM_MODEL,
      async stop() {
        await server.stop();
        await fake.stop();
      },
    };
  } catch (error) {
    await fake.stop();
    throw error;
  }
}

const GROUPS = [
  { name: "built-in mode", tests, start: (bin) => startServer(bin) },
  { name: "LLM mode", tests: llmTests, start: (bin) => startLlmServer(bin) },
  {
    name: "LLM mode, one AI question per session per minute",
    tests: llmLimitTests,
    start: (bin) => startLlmServer(bin, { sessionPerMinute: "1" }),
  },
];

async function main() {
  const total = GROUPS.reduce((n, g) => n + g.tests.length, 0);
  const bin = process.env.RESUME_COACH_BIN;
  if (!bin || !existsSync(bin)) {
    console.log(`e2e: RESUME_COACH_BIN is not set to a built resume-coach binary (${bin ?? "unset"})`);
    console.log(`e2e: 0 passed, ${total} failed`);
    process.exit(1);
  }
  if (!existsSync(join(WEB_DIR, "dist", "index.html"))) {
    console.log("e2e: web/dist is missing; run scripts/build-web first");
    console.log(`e2e: 0 passed, ${total} failed`);
    process.exit(1);
  }
  const only = process.argv[2];
  let passed = 0;
  let failed = 0;
  for (const group of GROUPS) {
    const selected = only ? group.tests.filter((t) => t.name.includes(only)) : group.tests;
    if (selected.length === 0) continue;
    console.log(`# ${group.name}`);
    let server;
    try {
      server = await group.start(bin);
    } catch (error) {
      console.log(`FAIL ${group.name}: could not start: ${error?.stack ?? error}`);
      failed += selected.length;
      continue;
    }
    try {
      for (const t of selected) {
        const started = Date.now();
        try {
          await t.fn(server);
          passed += 1;
          console.log(`ok   ${t.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        } catch (error) {
          failed += 1;
          console.log(
            `FAIL ${t.name}\n     ${String(error?.stack ?? error)
              .split("\n")
              .join("\n     ")}`,
          );
        }
      }
    } finally {
      await server.stop();
    }
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.log(`e2e: harness error: ${error?.stack ?? error}`);
  console.log(`e2e: 0 passed, ${GROUPS.reduce((n, g) => n + g.tests.length, 0)} failed`);
  process.exit(1);
});

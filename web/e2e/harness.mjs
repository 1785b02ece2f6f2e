// End-to-end harness: starts the real server on a fresh data dir and a real Chromium, and
// watches every page for console errors and requests that leave the origin.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const ARTIFACTS = join(WEB_DIR, "test-results", "e2e");

const CHROMIUM = process.env.CHROMIUM_BIN || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Starts `bin serve` on port 0 with a fresh data dir; resolves once it prints its URL. `env` adds
 * environment variables (e.g. the LLM settings).
 */
export async function startServer(bin, { env = {} } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "rc-e2e-data-"));
  const child = spawn(
    bin,
    [
      "serve",
      "--host",
      "127.0.0.1",
      "--port",
      "0",
      "--data-dir",
      dataDir,
      "--web-root",
      join(WEB_DIR, "dist"),
    ],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } },
  );
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d.toString();
  });
  const url = await new Promise((resolveUrl, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s\n${stderr}`)), 20_000);
    child.stdout.on("data", (d) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}\n${stderr}`));
    });
  });
  return {
    url,
    async stop() {
      child.removeAllListeners("exit");
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the fake OpenAI-compatible server (tests/fake_llm/fake_llm.py) on a loopback port.
 * Resolves with its base URL for RESUME_COACH_LLM_URL, `stats(id)` (its /_stats for one request
 * id: requests and disconnects) and `stop()`.
 */
export async function startFakeLlm() {
  const script = join(WEB_DIR, "..", "tests", "fake_llm", "fake_llm.py");
  const child = spawn("python3", [script, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d.toString();
  });
  const port = await new Promise((resolvePort, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`fake LLM did not start in 10 s\n${stderr}`)), 10_000);
    child.stdout.on("data", (d) => {
      out += d.toString();
      const m = /^(\d+)\s*$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`fake LLM exited with ${code}\n${stderr}`));
    });
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/v1`,
    async stats(id) {
      const res = await fetch(`${origin}/_stats?id=${encodeURIComponent(id)}`);
      return res.json();
    },
    async stop() {
      child.removeAllListeners("exit");
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
    },
  };
}

/** Polls `probe` every 50 ms until it returns a truthy value (returned) or `ms` pass (throws). */
export async function eventually(probe, ms, message) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(message);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Opens a fresh browser profile. Every request outside `origin` is blocked and recorded; every
 * console error or warning and uncaught page error is recorded, except the failed-response
 * messages listed in `expectedHttpErrors` ({status, path}). `check()` throws if any happened.
 */
export async function openBrowser(
  origin,
  { width = 1280, height = 900, colorScheme = "light", expectedHttpErrors = [] } = {},
) {
  const profile = mkdtempSync(join(tmpdir(), "rc-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
    colorScheme,
    acceptDownloads: true,
  });
  const problems = [];
  const foreign = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/") || url === origin) return route.continue();
    foreign.push(url);
    return route.abort("blockedbyclient");
  });
  const watch = (page) => {
    page.on("console", (msg) => {
      if (msg.type() !== "error" && msg.type() !== "warning") return;
      // Chromium logs every failed HTTP response; a scenario may expect some (e.g. 404 /session).
      const where = msg.location().url ?? "";
      const expected = expectedHttpErrors.some(
        ({ status, path }) =>
          msg.text().includes(`status of ${status}`) &&
          where.startsWith(origin) &&
          new URL(where).pathname === path,
      );
      if (!expected) problems.push(`console ${msg.type()}: ${msg.text()} (${where})`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    foreign,
    problems,
    check() {
      if (problems.length > 0) throw new Error(`console problems:\n${problems.join("\n")}`);
      if (foreign.length > 0) throw new Error(`requests left the origin:\n${foreign.join("\n")}`);
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` with a fresh browser on `server`, then fails on console problems or foreign requests. */
export async function withBrowser(server, options, fn) {
  const browser = await openBrowser(server.url, options);
  try {
    await fn(browser);
    browser.check();
  } finally {
    await browser.close();
  }
}

/** Saves a screenshot under web/test-results/e2e/: the full page, or with `fullPage: false` the viewport. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}

/** Throws with `message` unless `condition` holds. */
export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

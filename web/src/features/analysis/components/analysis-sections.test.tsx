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

// Tests for the report's text views: section splitting, Markdown export, verdicts.
import { sampleReport } from "../../../test/sample-report";
import { reportMarkdown, requirementRows, splitSections, verdict } from "./report-text";

describe("splitSections", () => {
  it("splits at the shallowest heading level and keeps sub-headings inside", () => {
    const md =
      "Intro line\n\n## Qualification Assessment\nGood.\n### Detail\nMore.\n## Missing Skills\n- Go\n## Key Strengths\nLeads.";
    const sections = splitSections(md);
    expect(sections.map((s) => s.title)).toEqual([
      "",
      "Qualification Assessment",
      "Missing Skills",
      "Key Strengths",
    ]);
    expect(sections[1]?.body).toContain("### Detail");
    expect(sections[2]?.body).toBe("- Go");
  });

  it("ignores headings inside code fences and handles no headings", () => {
    expect(splitSections("```\n# not a heading\n```")).toHaveLength(1);
    expect(splitSections("just text")).toEqual([{ title: "", body: "just text" }]);
  });
});

describe("reportMarkdown", () => {
  it("includes the score, factors, analysis, requirements and checks", () => {
    const md = reportMarkdown(sampleReport, "## Qualification Assessment\nSolid.");
    expect(md).toContain("**Match score: 72/100** (Good match)");
    expect(md).toContain("| Hard skills | 45% | 80% | 36.0 |");
    expect(md).toContain("## Qualification Assessment");
    expect(md).toContain("| Kubernetes | required | Missing |");
    expect(md).toContain("- **Warning**: Weak phrases.");
  });

  it("escapes pipes in table cells", () => {
    const report = structuredClone(sampleReport);
    report.job.requirements[0]!.name = "C|C++";
    expect(reportMarkdown(report, "")).toContain("| C\\|C++ |");
  });
});

describe("requirementRows and verdict", () => {
  it("pairs requirements with matches by id", () => {
    const rows = requirementRows(sampleReport);
    expect(rows).toHaveLength(3);
    expect(rows[1]?.match?.status).toBe("missing");
  });

  it("gives a verdict per score band", () => {
    expect(verdict(85)).toBe("Strong match");
    expect(verdict(60)).toBe("Good match");
    expect(verdict(45)).toBe("Partial match");
    expect(verdict(10)).toBe("Weak match");
  });
});

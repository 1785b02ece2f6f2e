// Tests for the report: score, sections, requirement evidence highlighting and checks.
import { fireEvent, render, screen, within } from "@testing-library/react";
import { sampleAnalysis, sampleJob, sampleReport, sampleResume } from "../../../test/sample-report";
import { ReportView } from "./report-view";

function renderReport() {
  return render(
    <ReportView
      report={sampleReport}
      analysis={sampleAnalysis}
      resume={sampleResume}
      jobDescription={sampleJob}
    />,
  );
}

function marks(region: HTMLElement): string[] {
  return Array.from(region.querySelectorAll("mark")).map((m) => m.textContent ?? "");
}

describe("ReportView", () => {
  it("shows the score, its factors and the three analysis sections", () => {
    renderReport();
    expect(screen.getByLabelText("Match score 72 out of 100: Good match")).toBeTruthy();
    expect(
      within(screen.getByRole("list", { name: "Score breakdown" })).getAllByRole("listitem"),
    ).toHaveLength(3);
    for (const title of ["Qualification Assessment", "Missing Skills / Experience", "Key Strengths"]) {
      expect(screen.getByRole("heading", { level: 2, name: title })).toBeTruthy();
    }
  });

  it("highlights a selected requirement's evidence in the resume and JD despite non-ASCII text", () => {
    renderReport();
    const pick = screen.getByRole("button", { name: "Python" });
    expect(pick.getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(pick);
    expect(pick.getAttribute("aria-pressed")).toBe("true");
    expect(marks(screen.getByRole("region", { name: "Your resume text" }))).toEqual([
      "Python services",
      "Python, Go",
    ]);
    expect(marks(screen.getByRole("region", { name: "Job description text" }))).toEqual(["Python"]);
    expect(screen.getByText("Python appears in a dated role and in the skills list.")).toBeTruthy();
  });

  it("says when a requirement has no evidence in the resume", () => {
    renderReport();
    fireEvent.click(screen.getByRole("button", { name: "Kubernetes" }));
    expect(marks(screen.getByRole("region", { name: "Your resume text" }))).toEqual([]);
    expect(screen.getByText("Not found in the resume")).toBeTruthy();
    expect(marks(screen.getByRole("region", { name: "Job description text" }))).toEqual(["Kubernetes"]);
  });

  it("marks requirements met/partial/missing and required/preferred", () => {
    renderReport();
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell")[1]?.textContent)).toEqual([
      "Met",
      "Missing",
      "Partial",
    ]);
    expect(rows.map((r) => within(r).getAllByRole("cell")[0]?.textContent)).toEqual([
      "Required",
      "Required",
      "Preferred",
    ]);
  });

  it("lists checks failures first and highlights a check's spans", () => {
    renderReport();
    const labels = Array.from(document.querySelectorAll(".check__label")).map((e) => e.textContent);
    expect(labels).toEqual(["Fail: Contact details", "Warning: Weak phrases", "Pass: Length"]);
    fireEvent.click(screen.getByRole("button", { name: "Show in resume" }));
    expect(marks(screen.getByRole("region", { name: "Your resume text" }))).toEqual(["Used"]);
  });

  it("renders repeated warnings and checks without React key warnings", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const report = structuredClone(sampleReport);
    report.warnings = [
      "the job description has no requirement section",
      "the job description has no requirement section",
    ];
    report.checks = [...report.checks, { ...report.checks[0]! }];
    render(
      <ReportView
        report={report}
        analysis={sampleAnalysis}
        resume={sampleResume}
        jobDescription={sampleJob}
      />,
    );
    expect(screen.getAllByText("the job description has no requirement section")).toHaveLength(2);
    expect(errors).not.toHaveBeenCalled();
  });
});

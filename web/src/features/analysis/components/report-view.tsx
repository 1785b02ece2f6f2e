// The full report: score, analysis sections, requirements with evidence, skills and resume checks.
import { memo, useMemo, useState } from "react";
import type { Report, SkillMention } from "../../../types/api";
import { requirementRows } from "../lib/report-text";
import { AnalysisSections } from "./analysis-sections";
import { ChecksList } from "./checks-list";
import { EvidencePanel, type Selection } from "./evidence-panel";
import { ReportActions } from "./report-actions";
import { RequirementsTable } from "./requirements-table";
import { ScoreCard } from "./score-card";

interface ReportViewProps {
  report: Report;
  analysis: string;
  resume: string;
  jobDescription: string;
  /** "writing" while the analysis text streams in; "interrupted" when it broke off. */
  status?: "writing" | "done" | "interrupted";
  /** Who wrote the analysis ("llm", "builtin" or "" when unknown). */
  mode?: string;
  /** The configured AI model, for the badge. */
  model?: string;
  /** The server's notice, e.g. that the built-in analysis replaced the AI one. */
  notice?: string;
}

function uniqueNames(skills: SkillMention[]): string[] {
  return [...new Set(skills.map((s) => s.name))];
}

function SkillChips({ title, skills, tone }: { title: string; skills: SkillMention[]; tone: string }) {
  const names = uniqueNames(skills);
  return (
    <div className="chips">
      <h3 className="chips__title">
        {title} <span className="muted">({names.length})</span>
      </h3>
      {names.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="chips__list">
          {names.map((name) => (
            <li key={name} className={`chip chip--${tone}`}>
              {name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Score and the report's warnings; memoized so the streaming analysis does not re-render it. */
const ReportSummary = memo(function ReportSummary({ report }: { report: Report }) {
  return (
    <>
      <ScoreCard score={report.score} />
      {report.warnings.length > 0 && (
        <div className="notice notice--info" role="note">
          <ul>
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
});

interface ReportDetailsProps {
  report: Report;
  resume: string;
  jobDescription: string;
}

/**
 * Requirements with their evidence, skills and checks. Memoized on the report and the texts, so
 * the analysis streaming in above it (one update per frame) never re-renders these.
 */
const ReportDetails = memo(function ReportDetails({ report, resume, jobDescription }: ReportDetailsProps) {
  const rows = useMemo(() => requirementRows(report), [report]);
  const [selected, setSelected] = useState<{ kind: "requirement" | "check"; id: string } | null>(null);

  let selection: Selection = null;
  if (selected?.kind === "requirement") {
    const row = rows.find((r) => r.requirement.id === selected.id);
    if (row) selection = { kind: "requirement", row };
  } else if (selected?.kind === "check") {
    const check = report.checks.find((c) => c.id === selected.id);
    if (check) selection = { kind: "check", check };
  }

  return (
    <>
      <div className="report__evidence">
        <section className="card" aria-labelledby="reqs-title">
          <h2 id="reqs-title" className="card__title">
            Requirements
          </h2>
          {rows.length === 0 ? (
            <p className="muted">No requirements were found in the job description.</p>
          ) : (
            <RequirementsTable
              rows={rows}
              selectedId={selected?.kind === "requirement" ? selected.id : null}
              onSelect={(id) => setSelected(id ? { kind: "requirement", id } : null)}
            />
          )}
        </section>
        <EvidencePanel selection={selection} resume={resume} jobDescription={jobDescription} />
      </div>
      <div className="report__grid">
        <section className="card" aria-labelledby="skills-title">
          <h2 id="skills-title" className="card__title">
            Skills
          </h2>
          <SkillChips title="Matched" skills={report.matched_skills} tone="met" />
          <SkillChips title="Missing" skills={report.missing_skills} tone="missing" />
          <SkillChips title="Also on your resume" skills={report.extra_skills} tone="extra" />
        </section>
        <section className="card" aria-labelledby="checks-title">
          <h2 id="checks-title" className="card__title">
            Resume checks
          </h2>
          <ChecksList
            checks={report.checks}
            selectedId={selected?.kind === "check" ? selected.id : null}
            onSelect={(id) => setSelected(id ? { kind: "check", id } : null)}
          />
        </section>
      </div>
      <p className="report__meta muted">
        Engine {report.engine_version}
        {report.taxonomy_version ? ` · skills taxonomy ${report.taxonomy_version}` : ""}
      </p>
    </>
  );
});

/** The report; memoized because typing in the inputs re-renders the page around it. */
export const ReportView = memo(function ReportView({
  report,
  analysis,
  resume,
  jobDescription,
  status = "done",
  mode = "",
  model = "",
  notice = "",
}: ReportViewProps) {
  return (
    <div className="report">
      <ReportActions report={report} analysis={analysis} disabled={status === "writing"} />
      <ReportSummary report={report} />
      <AnalysisSections markdown={analysis} status={status} mode={mode} model={model} notice={notice} />
      <ReportDetails report={report} resume={resume} jobDescription={jobDescription} />
    </div>
  );
});

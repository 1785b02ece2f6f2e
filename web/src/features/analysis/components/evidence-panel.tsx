// Shows the selected requirement's (or check's) evidence highlighted in the resume and the JD.
import type { Check, Span } from "../../../types/api";
import { MATCH_LABEL, type RequirementRow } from "../lib/report-text";
import { HighlightedText } from "./highlighted-text";

export type Selection = { kind: "requirement"; row: RequirementRow } | { kind: "check"; check: Check } | null;

interface EvidencePanelProps {
  selection: Selection;
  resume: string;
  jobDescription: string;
}

export function EvidencePanel({ selection, resume, jobDescription }: EvidencePanelProps) {
  let heading = "Evidence";
  let explanation = "Select a requirement or a check to highlight where it appears.";
  let resumeSpans: Span[] = [];
  let jobSpans: Span[] = [];
  if (selection?.kind === "requirement") {
    const { requirement, match } = selection.row;
    heading = requirement.name;
    explanation = match?.explanation ?? "";
    resumeSpans = match?.evidence.map((e) => e.span) ?? [];
    const mention =
      requirement.span.end > requirement.span.begin ? requirement.span : requirement.sentence_span;
    jobSpans = [mention];
  } else if (selection?.kind === "check") {
    heading = selection.check.label;
    explanation = selection.check.message;
    resumeSpans = selection.check.spans;
  }
  const status = selection?.kind === "requirement" ? selection.row.match?.status : undefined;
  return (
    <section className="card evidence" aria-labelledby="evidence-title">
      <div className="evidence__head">
        <h2 id="evidence-title" className="card__title">
          {selection ? `Evidence: ${heading}` : heading}
        </h2>
        {status && <span className={`badge badge--${status}`}>{MATCH_LABEL[status]}</span>}
      </div>
      <p className="evidence__why" aria-live="polite">
        {explanation}
        {selection && (
          <span className="visually-hidden">
            {" "}
            {resumeSpans.length === 0
              ? "Nothing highlighted in the resume."
              : `${resumeSpans.length} highlighted in the resume below.`}
          </span>
        )}
      </p>
      <div className="evidence__docs">
        <HighlightedText
          title="Your resume"
          text={resume}
          spans={resumeSpans}
          emptyNote={selection ? "Not found in the resume" : "Nothing selected"}
        />
        <HighlightedText
          title="Job description"
          text={jobDescription}
          spans={jobSpans}
          emptyNote={selection?.kind === "check" ? "Checks look at the resume only" : "Nothing selected"}
        />
      </div>
    </section>
  );
}

// Copy, export (Markdown, JSON) and print actions for a report.
import { useState } from "react";
import type { Report } from "../../../types/api";
import { copyText, downloadText, slugify } from "../../../lib/download";
import { reportMarkdown } from "../lib/report-text";

interface ReportActionsProps {
  report: Report;
  analysis: string;
  /** True while the analysis is still being written (the exports would be incomplete). */
  disabled?: boolean;
}

export function ReportActions({ report, analysis, disabled = false }: ReportActionsProps) {
  const [note, setNote] = useState("");
  const base = `resume-coach-${slugify(report.job.title || "report")}`;

  async function onCopy() {
    const ok = await copyText(reportMarkdown(report, analysis));
    setNote(ok ? "Report copied as Markdown." : "Copying isn't allowed here. Use Export Markdown instead.");
  }

  return (
    <div className="report-actions" role="group" aria-label="Report actions">
      <button type="button" className="btn btn--ghost btn--small" onClick={onCopy} disabled={disabled}>
        Copy
      </button>
      <button
        type="button"
        className="btn btn--ghost btn--small"
        disabled={disabled}
        onClick={() => downloadText(`${base}.md`, reportMarkdown(report, analysis), "text/markdown")}
      >
        Export Markdown
      </button>
      <button
        type="button"
        className="btn btn--ghost btn--small"
        disabled={disabled}
        onClick={() =>
          downloadText(
            `${base}.json`,
            `${JSON.stringify({ analysis, report }, null, 2)}\n`,
            "application/json",
          )
        }
      >
        Export JSON
      </button>
      <button type="button" className="btn btn--ghost btn--small" onClick={() => window.print()}>
        Print / PDF
      </button>
      <span className="report-actions__note" role="status">
        {note}
      </span>
    </div>
  );
}

// Plain-text views of a report: labels, the Markdown export and the analysis split into sections.
import type { CheckStatus, MatchStatus, Report, Requirement, RequirementMatch } from "../../../types/api";

export const MATCH_LABEL: Record<MatchStatus, string> = {
  met: "Met",
  partial: "Partial",
  missing: "Missing",
};

export const CHECK_LABEL: Record<CheckStatus, string> = {
  pass: "Pass",
  warn: "Warning",
  fail: "Fail",
};

/** A one-word verdict for a score out of 100. */
export function verdict(total: number): string {
  if (total >= 80) return "Strong match";
  if (total >= 60) return "Good match";
  if (total >= 40) return "Partial match";
  return "Weak match";
}

/** A requirement joined with how the resume meets it. */
export interface RequirementRow {
  requirement: Requirement;
  match: RequirementMatch | undefined;
}

/** Pairs each JD requirement with its match (by id, falling back to position). */
export function requirementRows(report: Report): RequirementRow[] {
  const byId = new Map(report.matches.map((m) => [m.requirement_id, m]));
  return report.job.requirements.map((requirement, i) => ({
    requirement,
    match: byId.get(requirement.id) ?? report.matches[i],
  }));
}

/** A titled part of the analysis Markdown. */
export interface AnalysisSection {
  title: string;
  body: string;
}

/**
 * Splits the analysis Markdown at its top-level headings (the shallowest level used, outside code
 * fences). Text before the first heading becomes an untitled section; no headings gives one.
 */
export function splitSections(markdown: string): AnalysisSection[] {
  const lines = markdown.split("\n");
  let fence = false;
  const headings: { line: number; level: number; title: string }[] = [];
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) return;
    const m = /^(#{1,3})\s+(.+?)\s*#*\s*$/.exec(line);
    if (m && m[1] && m[2]) headings.push({ line: i, level: m[1].length, title: m[2] });
  });
  if (headings.length === 0) return [{ title: "", body: markdown.trim() }];
  const top = Math.min(...headings.map((h) => h.level));
  const cuts = headings.filter((h) => h.level === top);
  const sections: AnalysisSection[] = [];
  const first = cuts[0]?.line ?? 0;
  const preamble = lines.slice(0, first).join("\n").trim();
  if (preamble) sections.push({ title: "", body: preamble });
  cuts.forEach((cut, i) => {
    const end = cuts[i + 1]?.line ?? lines.length;
    sections.push({
      title: cut.title,
      body: lines
        .slice(cut.line + 1, end)
        .join("\n")
        .trim(),
    });
  });
  return sections;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The whole report as a Markdown document, for copying and download. */
export function reportMarkdown(report: Report, analysis: string): string {
  const out: string[] = [];
  const title = report.job.title ? `Resume Coach report: ${report.job.title}` : "Resume Coach report";
  out.push(`# ${title}`, "");
  out.push(`**Match score: ${report.score.total}/100** (${verdict(report.score.total)})`, "");
  out.push("| Factor | Weight | Score | Points |", "|---|---:|---:|---:|");
  for (const f of report.score.factors) {
    out.push(
      `| ${cell(f.label)} | ${Math.round(f.weight * 100)}% | ${Math.round(f.score * 100)}% | ${f.points.toFixed(1)} |`,
    );
  }
  out.push("", analysis.trim(), "");
  const rows = requirementRows(report);
  if (rows.length > 0) {
    out.push("## Requirements", "", "| Requirement | Importance | Status | Why |", "|---|---|---|---|");
    for (const { requirement, match } of rows) {
      const status = match ? MATCH_LABEL[match.status] : "Unknown";
      out.push(
        `| ${cell(requirement.name)} | ${requirement.importance} | ${status} | ${cell(match?.explanation ?? "")} |`,
      );
    }
    out.push("");
  }
  if (report.checks.length > 0) {
    out.push("## Resume checks", "");
    for (const check of report.checks) {
      out.push(`- **${CHECK_LABEL[check.status]}**: ${check.label}. ${check.message}`);
    }
    out.push("");
  }
  return `${out.join("\n").trim()}\n`;
}

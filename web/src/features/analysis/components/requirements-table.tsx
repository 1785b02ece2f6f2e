// The job's requirements with how the resume meets each; a row can be selected to see its evidence.
import { MATCH_LABEL, type RequirementRow } from "../lib/report-text";

interface RequirementsTableProps {
  rows: RequirementRow[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}

function evidenceSummary(row: RequirementRow): string {
  const match = row.match;
  if (!match) return "—";
  const parts: string[] = [];
  if (match.evidence.length > 0) {
    parts.push(`${match.evidence.length} ${match.evidence.length === 1 ? "mention" : "mentions"}`);
  }
  if (match.years_found !== null && match.years_found !== undefined) {
    parts.push(`${match.years_found.toFixed(match.years_found % 1 === 0 ? 0 : 1)} yrs`);
  }
  if (match.related_skill) parts.push(`via ${match.related_skill}`);
  return parts.length > 0 ? parts.join(" · ") : "—";
}

export function RequirementsTable({ rows, selectedId, onSelect }: RequirementsTableProps) {
  const counts = { met: 0, partial: 0, missing: 0 };
  for (const row of rows) if (row.match) counts[row.match.status] += 1;
  return (
    <div className="reqs">
      <p className="reqs__summary">
        <span className="badge badge--met">{counts.met} met</span>
        <span className="badge badge--partial">{counts.partial} partial</span>
        <span className="badge badge--missing">{counts.missing} missing</span>
        <span className="muted">Select a requirement to see where it appears.</span>
      </p>
      <div className="table-wrap">
        <table className="reqs__table">
          <caption className="visually-hidden">
            Job requirements and whether the resume meets them. Select a requirement to highlight its
            evidence.
          </caption>
          <thead>
            <tr>
              <th scope="col">Requirement</th>
              <th scope="col">Importance</th>
              <th scope="col">Status</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const id = row.requirement.id;
              const selected = id === selectedId;
              const status = row.match?.status ?? "missing";
              return (
                <tr key={id} className={selected ? "is-selected" : undefined} data-status={status}>
                  <th scope="row">
                    <button
                      type="button"
                      className="reqs__pick"
                      aria-pressed={selected}
                      onClick={() => onSelect(selected ? null : id)}
                    >
                      {row.requirement.name}
                    </button>
                  </th>
                  <td>
                    <span className={`tag tag--${row.requirement.importance}`}>
                      {row.requirement.importance === "required" ? "Required" : "Preferred"}
                    </span>
                  </td>
                  <td>
                    <span className={`badge badge--${status}`}>{MATCH_LABEL[status]}</span>
                  </td>
                  <td className="muted">{evidenceSummary(row)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

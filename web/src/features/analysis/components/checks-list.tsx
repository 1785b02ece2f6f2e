// ATS-style resume checks with pass/warn/fail; checks that point at text can be selected.
import type { Check } from "../../../types/api";
import { CHECK_LABEL } from "../lib/report-text";

interface ChecksListProps {
  checks: Check[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}

const ORDER = { fail: 0, warn: 1, pass: 2 } as const;
const ICON = { pass: "✓", warn: "!", fail: "✕" } as const;

export function ChecksList({ checks, selectedId, onSelect }: ChecksListProps) {
  const sorted = [...checks].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  return (
    <ul className="checks">
      {sorted.map((check, i) => {
        const selected = check.id === selectedId;
        return (
          <li key={`${check.id}-${i}`} className={`check check--${check.status}`}>
            <span className="check__icon" aria-hidden="true">
              {ICON[check.status]}
            </span>
            <div className="check__body">
              <p className="check__label">
                <span className="visually-hidden">{CHECK_LABEL[check.status]}: </span>
                {check.label}
              </p>
              <p className="check__message">{check.message}</p>
            </div>
            {check.spans.length > 0 && (
              <button
                type="button"
                className="btn btn--ghost btn--small"
                aria-pressed={selected}
                onClick={() => onSelect(selected ? null : check.id)}
              >
                {selected ? "Hide in resume" : "Show in resume"}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

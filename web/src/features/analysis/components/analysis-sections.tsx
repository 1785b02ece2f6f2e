// The analysis Markdown, one card per top-level section, streamed into place while it is written.
import { SafeMarkdown } from "../../../components/safe-markdown";
import { modeLabel } from "../../chat/lib/chat-types";
import { splitSections } from "../lib/report-text";

/** The sections the analysis is asked to have, in order; shown as placeholders until they arrive. */
export const EXPECTED_SECTIONS = ["Qualification Assessment", "Missing Skills / Experience", "Key Strengths"];

interface AnalysisSectionsProps {
  markdown: string;
  /** "writing" while the text arrives; "interrupted" when it broke off. */
  status?: "writing" | "done" | "interrupted";
  /** Who wrote it ("" when unknown). */
  mode?: string;
  /** The configured AI model, named in the badge. */
  model?: string;
  /** The server's sentence when the built-in analysis replaced the AI one. */
  notice?: string;
}

/** GFM tables need room: a section holding one spans the whole row. */
function hasTable(markdown: string): boolean {
  return /^\s*\|.*\|\s*$/m.test(markdown) && /^\s*\|?\s*:?-{3,}/m.test(markdown);
}

/** While writing, a heading line still being typed ("## Qual") is held back until it is whole. */
function settledText(markdown: string, writing: boolean): string {
  if (!writing || markdown.endsWith("\n")) return markdown;
  const cut = markdown.lastIndexOf("\n");
  const last = markdown.slice(cut + 1);
  return /^\s*#/.test(last) ? markdown.slice(0, cut + 1) : markdown;
}

function sameTitle(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z]/g, "");
  return norm(a) === norm(b);
}

function PendingSection({ title, active }: { title: string; active: boolean }) {
  return (
    <section className="card section section--pending" aria-label={`${title} (being written)`}>
      <h2 className="card__title">{title}</h2>
      {active ? (
        <p className="muted section__writing">
          <span className="dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>{" "}
          Writing…
        </p>
      ) : (
        <div className="skeleton" aria-hidden="true">
          <span />
          <span />
          <span />
        </div>
      )}
    </section>
  );
}

export function AnalysisSections({
  markdown,
  status = "done",
  mode = "",
  model = "",
  notice = "",
}: AnalysisSectionsProps) {
  const writing = status === "writing";
  const text = settledText(markdown, writing);
  const sections = text.trim() === "" ? [] : splitSections(text);
  const pending = writing
    ? EXPECTED_SECTIONS.filter((title) => !sections.some((s) => sameTitle(s.title, title)))
    : [];
  const badge = modeLabel(mode, model);
  return (
    <div className="analysis">
      {(writing || badge || status === "interrupted") && (
        <div className="analysis__meta">
          {writing ? (
            <span className="analysis__writing" role="status">
              <span className="spinner spinner--small" aria-hidden="true" /> Writing the analysis…
            </span>
          ) : status === "interrupted" ? (
            <span className="analysis__cut">The written analysis was interrupted.</span>
          ) : (
            <span className="muted small">Analysis written by</span>
          )}
          {badge && <span className={`mode mode--${mode}`}>{badge}</span>}
        </div>
      )}
      {notice && (
        <p className="notice notice--info analysis__notice" role="note">
          {notice}
        </p>
      )}
      <div className="sections">
        {sections.map((section, i) => {
          const live = writing && i === sections.length - 1;
          const body = (
            <SafeMarkdown className={live ? "markdown--streaming" : undefined}>{section.body}</SafeMarkdown>
          );
          return section.title ? (
            <section
              key={i}
              className={hasTable(section.body) ? "card section section--wide" : "card section"}
              aria-label={section.title}
              aria-busy={live || undefined}
            >
              <h2 className="card__title">{section.title}</h2>
              {body}
            </section>
          ) : (
            <div key={i} className="card section">
              {body}
            </div>
          );
        })}
        {pending.map((title, i) => (
          <PendingSection key={title} title={title} active={i === 0 && sections.length === 0} />
        ))}
      </div>
    </div>
  );
}

// The analysis Markdown, one card per top-level section (Qualification Assessment, ...).
import { SafeMarkdown } from "../../../components/safe-markdown";
import { splitSections } from "../lib/report-text";

/** GFM tables need room: a section holding one spans the whole row. */
function hasTable(markdown: string): boolean {
  return /^\s*\|.*\|\s*$/m.test(markdown) && /^\s*\|?\s*:?-{3,}/m.test(markdown);
}

export function AnalysisSections({ markdown }: { markdown: string }) {
  const sections = splitSections(markdown);
  return (
    <div className="sections">
      {sections.map((section, i) =>
        section.title ? (
          <section
            key={i}
            className={hasTable(section.body) ? "card section section--wide" : "card section"}
            aria-label={section.title}
          >
            <h2 className="card__title">{section.title}</h2>
            <SafeMarkdown>{section.body}</SafeMarkdown>
          </section>
        ) : (
          <div key={i} className="card section">
            <SafeMarkdown>{section.body}</SafeMarkdown>
          </div>
        ),
      )}
    </div>
  );
}

// The analysis Markdown, one card per top-level section (Qualification Assessment, ...).
import { SafeMarkdown } from "../../../components/safe-markdown";
import { splitSections } from "../lib/report-text";

export function AnalysisSections({ markdown }: { markdown: string }) {
  const sections = splitSections(markdown);
  return (
    <div className="sections">
      {sections.map((section, i) =>
        section.title ? (
          <section key={i} className="card section" aria-label={section.title}>
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

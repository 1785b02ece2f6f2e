// The notice under an input listing what an uploaded file hid from a reader (e.g. white text).
import type { DocumentWarning } from "../../../types/api";

const KIND_NAMES: Record<string, string> = {
  hidden_text: "Hidden text",
  white_text: "White or invisible text",
  tiny_font: "Tiny text",
  off_page: "Text outside the page",
  vanish: "Hidden Word text",
  zero_width: "Invisible characters",
  bidi_control: "Text-direction characters",
  tag_chars: "Invisible tag characters",
  comment: "Comment",
  metadata: "Document properties",
  instruction_like: "Instructions aimed at screening software",
};

/** A plain name for a warning kind ("white_text" -> "White or invisible text"). */
export function warningKindName(kind: string): string {
  return KIND_NAMES[kind] ?? kind.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

export function UploadWarnings({ warnings }: { warnings: DocumentWarning[] }) {
  return (
    <div className="upload-warnings" role="status" aria-label="Hidden content found in the file">
      <p className="upload-warnings__lead">
        This file contains text a reader would not see. It was left out of the box and will not count towards
        your score:
      </p>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>
            <strong>{warningKindName(w.kind)}</strong>
            {w.location ? ` (${w.location})` : ""}: {w.message}
            {w.excerpt && (
              <>
                {" "}
                <q className="upload-warnings__excerpt">{w.excerpt}</q>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

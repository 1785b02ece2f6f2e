// A read-only copy of an input text with byte spans highlighted; scrolls the first one into view.
import { useEffect, useMemo, useRef } from "react";
import type { Span } from "../../../types/api";
import { ByteIndexMap, segmentText } from "../../../lib/offsets";

interface HighlightedTextProps {
  title: string;
  text: string;
  spans: Span[];
  /** Shown instead of highlights when there are none. */
  emptyNote: string;
}

export function HighlightedText({ title, text, spans, emptyNote }: HighlightedTextProps) {
  const map = useMemo(() => new ByteIndexMap(text), [text]);
  const segments = useMemo(
    () =>
      segmentText(
        text,
        spans.map((s) => map.toRange(s)).filter((r) => r !== null),
      ),
    [map, spans, text],
  );
  const paneRef = useRef<HTMLDivElement>(null);
  const count = segments.filter((s) => s.highlighted).length;

  useEffect(() => {
    const pane = paneRef.current;
    const mark = pane?.querySelector("mark");
    if (!pane || !(mark instanceof HTMLElement)) return;
    // Scroll only inside the pane so the page itself does not jump.
    const offset = mark.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    pane.scrollTop = Math.max(0, pane.scrollTop + offset - pane.clientHeight / 3);
  }, [segments]);

  return (
    <div className="doc-view">
      <div className="doc-view__head">
        <h3 className="doc-view__title">{title}</h3>
        <span className="doc-view__count">
          {count === 0 ? emptyNote : `${count} ${count === 1 ? "place" : "places"} highlighted`}
        </span>
      </div>
      <div ref={paneRef} className="doc-view__text" tabIndex={0} aria-label={`${title} text`} role="region">
        {segments.map((segment, i) =>
          segment.highlighted ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>,
        )}
      </div>
    </div>
  );
}

// Converts the report's UTF-8 byte offsets into JavaScript (UTF-16) string indices.
import type { Span } from "../types/api";

/** A half-open range of UTF-16 string indices. */
export interface IndexRange {
  start: number;
  end: number;
}

/**
 * Maps byte offsets of a text's UTF-8 encoding (as produced by TextEncoder, which is what the
 * server received) to string indices. Build once per text; lookups are O(log n).
 */
export class ByteIndexMap {
  /** byteStarts[k] is the UTF-8 byte offset where the k-th code point starts. */
  private readonly byteStarts: number[] = [];
  /** indexStarts[k] is the UTF-16 index where the k-th code point starts. */
  private readonly indexStarts: number[] = [];
  readonly byteLength: number;
  readonly length: number;

  constructor(text: string) {
    const bytes = new TextEncoder().encode(text);
    let byte = 0;
    let index = 0;
    while (byte < bytes.length) {
      this.byteStarts.push(byte);
      this.indexStarts.push(index);
      const lead = bytes[byte] ?? 0;
      // The lead byte gives the sequence length; a 4-byte sequence is a surrogate pair in UTF-16.
      // TextEncoder writes lone surrogates as U+FFFD (3 bytes), which is 1 code unit: consistent.
      const width = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
      byte += width;
      index += width === 4 ? 2 : 1;
    }
    this.byteLength = bytes.length;
    this.length = index;
  }

  /**
   * String index for a byte offset. Offsets are clamped to [0, byteLength]; an offset inside a
   * multi-byte character maps to that character's start when `roundUp` is false, to its end otherwise.
   */
  toIndex(byteOffset: number, roundUp = false): number {
    if (!Number.isFinite(byteOffset) || byteOffset <= 0) return 0;
    if (byteOffset >= this.byteLength) return this.length;
    let lo = 0;
    let hi = this.byteStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.byteStarts[mid] ?? 0) <= byteOffset) lo = mid;
      else hi = mid - 1;
    }
    const start = this.byteStarts[lo] ?? 0;
    if (start === byteOffset || !roundUp) return this.indexStarts[lo] ?? 0;
    return lo + 1 < this.indexStarts.length ? (this.indexStarts[lo + 1] ?? this.length) : this.length;
  }

  /** The string-index range covering a byte span (widened to whole characters); null when empty. */
  toRange(span: Span): IndexRange | null {
    if (!(span.end > span.begin)) return null;
    const start = this.toIndex(span.begin);
    const end = this.toIndex(span.end, true);
    return end > start ? { start, end } : null;
  }
}

/** A piece of text, highlighted or not, in document order. */
export interface Segment {
  text: string;
  highlighted: boolean;
}

/**
 * Splits `text` into plain and highlighted segments. Ranges may overlap or be out of order; they
 * are clamped to the text and merged.
 */
export function segmentText(text: string, ranges: IndexRange[]): Segment[] {
  const clamped = ranges
    .map((r) => ({
      start: Math.max(0, Math.min(text.length, r.start)),
      end: Math.max(0, Math.min(text.length, r.end)),
    }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: IndexRange[] = [];
  for (const range of clamped) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  const segments: Segment[] = [];
  let cursor = 0;
  for (const range of merged) {
    if (range.start > cursor) segments.push({ text: text.slice(cursor, range.start), highlighted: false });
    segments.push({ text: text.slice(range.start, range.end), highlighted: true });
    cursor = range.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), highlighted: false });
  return segments;
}

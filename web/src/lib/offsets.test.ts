// Tests for UTF-8 byte offset to string index mapping and highlight segmentation.
import { ByteIndexMap, segmentText } from "./offsets";

function byteSpanOf(text: string, needle: string) {
  const at = text.indexOf(needle);
  const enc = new TextEncoder();
  const begin = enc.encode(text.slice(0, at)).length;
  return { begin, end: begin + enc.encode(needle).length };
}

describe("ByteIndexMap", () => {
  it("is the identity for ASCII", () => {
    const map = new ByteIndexMap("hello world");
    expect(map.toIndex(0)).toBe(0);
    expect(map.toIndex(6)).toBe(6);
    expect(map.toRange({ begin: 6, end: 11 })).toEqual({ start: 6, end: 11 });
  });

  it("maps spans after accented, CJK and emoji characters to the right substring", () => {
    const text = "Résumé — 東京 🚀 team lead, Kubernetes ✓";
    const map = new ByteIndexMap(text);
    for (const needle of ["Kubernetes", "東京", "🚀", "team lead", "✓", "Résumé"]) {
      const range = map.toRange(byteSpanOf(text, needle));
      expect(range).not.toBeNull();
      expect(text.slice(range!.start, range!.end)).toBe(needle);
    }
    expect(map.byteLength).toBe(new TextEncoder().encode(text).length);
    expect(map.length).toBe(text.length);
  });

  it("widens an offset inside a multi-byte character to the whole character", () => {
    const text = "a🚀b";
    const map = new ByteIndexMap(text);
    // The emoji occupies bytes 1..5; bytes 2..3 are inside it.
    expect(map.toRange({ begin: 2, end: 3 })).toEqual({ start: 1, end: 3 });
    expect(map.toIndex(2)).toBe(1);
    expect(map.toIndex(2, true)).toBe(3);
  });

  it("clamps out-of-range offsets and rejects empty spans", () => {
    const map = new ByteIndexMap("é");
    expect(map.toIndex(-5)).toBe(0);
    expect(map.toIndex(99)).toBe(1);
    expect(map.toRange({ begin: 1, end: 1 })).toBeNull();
    expect(map.toRange({ begin: 5, end: 2 })).toBeNull();
  });

  it("handles an empty text", () => {
    const map = new ByteIndexMap("");
    expect(map.toRange({ begin: 0, end: 3 })).toBeNull();
  });
});

describe("segmentText", () => {
  it("merges overlapping ranges and keeps the text intact", () => {
    const text = "0123456789";
    const segments = segmentText(text, [
      { start: 5, end: 7 },
      { start: 1, end: 3 },
      { start: 2, end: 4 },
      { start: 8, end: 20 },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
    expect(segments.filter((s) => s.highlighted).map((s) => s.text)).toEqual(["123", "56", "89"]);
  });

  it("returns the whole text unhighlighted when there are no ranges", () => {
    expect(segmentText("abc", [])).toEqual([{ text: "abc", highlighted: false }]);
  });
});

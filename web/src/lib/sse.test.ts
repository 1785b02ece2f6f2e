// Tests for the SSE parser and reader: events split at every awkward place still come out whole.
import { readSse, SseFormatError, SseParser, type SseEvent } from "./sse";

const encoder = new TextEncoder();

/** A body that delivers `bytes` in the given pieces (byte lengths), then ends. */
function bodyOf(bytes: Uint8Array, pieces: number[]): ReadableStream<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const n of pieces) {
    chunks.push(bytes.slice(at, at + n));
    at += n;
  }
  if (at < bytes.length) chunks.push(bytes.slice(at));
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

async function collect(bytes: Uint8Array, pieces: number[]): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  await readSse(bodyOf(bytes, pieces), (e) => {
    events.push(e);
  });
  return events;
}

const STREAM = [
  ": keep-alive",
  "event: token",
  'data: {"text":"Café résumé — 日本語 🚀"}',
  "",
  "event: token",
  'data: {"text":" and more"}',
  "",
  ": another comment",
  "",
  "event: done",
  'data: {"answer":"Café résumé — 日本語 🚀 and more","mode":"llm","notice":""}',
  "",
  "",
];

const EXPECTED: SseEvent[] = [
  { event: "token", data: '{"text":"Café résumé — 日本語 🚀"}' },
  { event: "token", data: '{"text":" and more"}' },
  { event: "done", data: '{"answer":"Café résumé — 日本語 🚀 and more","mode":"llm","notice":""}' },
];

describe("SseParser", () => {
  it("parses events with \\n, \\r\\n and \\r line ends alike", () => {
    for (const nl of ["\n", "\r\n", "\r"]) {
      const events: SseEvent[] = [];
      new SseParser((e) => events.push(e)).feed(STREAM.join(nl));
      expect(events).toEqual(EXPECTED);
    }
  });

  it("gives the same events however the text is split, including a \\r\\n pair split in two", () => {
    const text = STREAM.join("\r\n");
    for (let cut = 1; cut < text.length; cut++) {
      const events: SseEvent[] = [];
      const parser = new SseParser((e) => events.push(e));
      parser.feed(text.slice(0, cut));
      parser.feed(text.slice(cut));
      expect(events).toEqual(EXPECTED);
    }
  });

  it("joins multi-line data, defaults the name to message, ignores id, retry and unknown fields", () => {
    const events: SseEvent[] = [];
    new SseParser((e) => events.push(e)).feed(
      "id: 7\nretry: 100\nfoo: bar\ndata: one\ndata:two\ndata\n\nevent: x\n\ndata: after\n\n",
    );
    expect(events).toEqual([
      { event: "message", data: "one\ntwo\n" },
      { event: "message", data: "after" },
    ]);
  });

  it("does not dispatch an event until its blank line arrives", () => {
    const events: SseEvent[] = [];
    const parser = new SseParser((e) => events.push(e));
    parser.feed('event: token\ndata: {"text":"a"}\n');
    expect(events).toEqual([]);
    parser.feed("\n");
    expect(events).toHaveLength(1);
  });

  it("refuses an endless line instead of buffering it forever", () => {
    const parser = new SseParser(() => undefined);
    expect(() => parser.feed("data: " + "x".repeat(5 * 1024 * 1024))).toThrow(SseFormatError);
  });
});

describe("readSse", () => {
  const bytes = encoder.encode(STREAM.join("\r\n"));

  it("decodes a multibyte character split across reads (one byte per read)", async () => {
    expect(await collect(bytes, Array(bytes.length).fill(1))).toEqual(EXPECTED);
  });

  it("decodes every two-piece split of the body, including inside the emoji and the CJK text", async () => {
    for (let cut = 1; cut < bytes.length; cut += 3) {
      expect(await collect(bytes, [cut])).toEqual(EXPECTED);
    }
  });

  it("skips a leading byte-order mark", async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode("data: x\n\n")]);
    expect(await collect(withBom, [1, 1, 1])).toEqual([{ event: "message", data: "x" }]);
  });

  it("drops an event cut off by the end of the body", async () => {
    const events = await collect(
      encoder.encode('event: token\ndata: {"text":"a"}\n\nevent: done\ndata: {'),
      [],
    );
    expect(events).toEqual([{ event: "token", data: '{"text":"a"}' }]);
  });

  it("rejects with AbortError and cancels the body when the signal aborts mid-stream", async () => {
    const controller = new AbortController();
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode('event: token\ndata: {"text":"a"}\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const events: SseEvent[] = [];
    const reading = readSse(
      body,
      (e) => {
        events.push(e);
        controller.abort();
      },
      controller.signal,
    );
    const error = await reading.catch((e: unknown) => e);
    expect((error as DOMException).name).toBe("AbortError");
    expect(events).toHaveLength(1);
    expect(cancelled).toBe(true);
  });

  it("propagates a read failure (connection reset) and an oversized event", async () => {
    let pulls = 0;
    const broken = new ReadableStream<Uint8Array>({
      pull(c) {
        pulls += 1;
        if (pulls === 1) c.enqueue(encoder.encode("data: a\n\n"));
        else c.error(new TypeError("network error"));
      },
    });
    const events: SseEvent[] = [];
    await expect(
      readSse(broken, (e) => {
        events.push(e);
      }),
    ).rejects.toThrow("network error");
    expect(events).toEqual([{ event: "message", data: "a" }]);
    const huge = encoder.encode("data: " + "y".repeat(5 * 1024 * 1024));
    await expect(collect(huge, [1000])).rejects.toBeInstanceOf(SseFormatError);
  });
});

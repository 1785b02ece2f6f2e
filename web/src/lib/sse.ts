// Incremental text/event-stream (Server-Sent Events) parsing over a fetch response body.

/** One dispatched event: its `event:` name ("message" when absent) and its joined `data:` lines. */
export interface SseEvent {
  event: string;
  data: string;
}

/** Longest event (data bytes) the reader accepts; the server's events are far smaller. */
export const MAX_EVENT_CHARS = 4 * 1024 * 1024;

/** Thrown when the stream breaks the event-stream format badly enough to stop reading. */
export class SseFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SseFormatError";
  }
}

/**
 * Parses decoded text fed in arbitrary pieces (lines and events may be split anywhere). Accepts
 * "\n", "\r\n" and "\r" line ends, even when a "\r\n" pair is split between two pieces; ignores
 * comment lines (":..."), `id:`, `retry:` and unknown fields. Dispatches an event at each blank
 * line when it has data, as the HTML specification describes.
 */
export class SseParser {
  private buffer = "";
  private afterCr = false;
  private eventName = "";
  private dataLines: string[] = [];
  private dataChars = 0;

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  /** Consumes `text`; calls onEvent for every event completed by it. */
  feed(text: string): void {
    let start = 0;
    let i = 0;
    if (this.afterCr && text.startsWith("\n")) {
      // The "\n" of a "\r\n" split across pieces: the line already ended at the "\r".
      start = 1;
      i = 1;
    }
    this.afterCr = false;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      const line = this.buffer + text.slice(start, i);
      this.buffer = "";
      this.line(line);
      if (c === 13) {
        if (i + 1 === text.length) this.afterCr = true;
        else if (text.charCodeAt(i + 1) === 10) i += 1;
      }
      start = i + 1;
    }
    this.buffer += text.slice(start);
    if (this.buffer.length > MAX_EVENT_CHARS) throw new SseFormatError("event is too large");
  }

  private line(line: string): void {
    if (line === "") {
      if (this.dataLines.length > 0) {
        this.onEvent({ event: this.eventName || "message", data: this.dataLines.join("\n") });
      }
      this.eventName = "";
      this.dataLines = [];
      this.dataChars = 0;
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") {
      this.eventName = value;
    } else if (field === "data") {
      this.dataChars += value.length;
      if (this.dataChars > MAX_EVENT_CHARS) throw new SseFormatError("event is too large");
      this.dataLines.push(value);
    }
  }
}

/** What an event handler wants next: keep reading (undefined) or stop and close the body ("stop"). */
export type SseNext = void | "stop";

/**
 * Reads `body` to its end, decoding UTF-8 incrementally (a character split between two reads is
 * kept whole) and calling `onEvent` per event. An event cut off by the end of the body is dropped.
 * When `onEvent` returns "stop" (e.g. after the last event it cares about), the body is cancelled
 * and the promise resolves. Aborting `signal` cancels the body, which closes the connection, and
 * rejects with an AbortError. A handler that throws stops the read and rejects with its error.
 */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => SseNext,
  signal?: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder("utf-8");
  let stopped = false;
  const parser = new SseParser((event) => {
    if (!stopped && onEvent(event) === "stop") stopped = true;
  });
  const abort = () => {
    reader.cancel().catch(() => undefined);
  };
  if (signal?.aborted) {
    abort();
    throw abortError();
  }
  signal?.addEventListener("abort", abort, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw abortError();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      if (stopped) {
        abort();
        return;
      }
    }
    parser.feed(decoder.decode());
  } catch (error) {
    abort();
    if (signal?.aborted) throw abortError();
    throw error;
  } finally {
    signal?.removeEventListener("abort", abort);
  }
}

/** The error fetch itself rejects with on abort, so callers handle both the same way. */
export function abortError(): DOMException {
  return new DOMException("The operation was aborted.", "AbortError");
}

/** True for the rejection an aborted fetch or stream read produces. */
export function isAbortError(error: unknown): boolean {
  return (
    (error instanceof DOMException || (typeof error === "object" && error !== null)) &&
    (error as { name?: unknown }).name === "AbortError"
  );
}

// Tests for the streamed calls of the API client: SSE answers, JSON fallback, errors and aborts.
import { sampleReport } from "../test/sample-report";
import { ApiClient, ApiError, retryAfterSeconds } from "./api-client";

const encoder = new TextEncoder();

/** An event-stream response delivering `text` in pieces of the given byte sizes (the rest last). */
function sseResponse(text: string, pieces: number[] = [], headers: Record<string, string> = {}): Response {
  const bytes = encoder.encode(text);
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const n of pieces) {
    chunks.push(bytes.slice(at, at + n));
    at += n;
  }
  if (at < bytes.length) chunks.push(bytes.slice(at));
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "Content-Type": "text/event-stream; charset=utf-8", ...headers },
  });
}

function event(name: string, data: unknown, nl = "\n"): string {
  return `event: ${name}${nl}data: ${JSON.stringify(data)}${nl}${nl}`;
}

function clientWith(response: () => Response | Promise<Response>) {
  const fetchMock = vi.fn((_url: string, _init?: RequestInit) => Promise.resolve(response()));
  return { client: new ApiClient(fetchMock), fetchMock };
}

const CHAT = { question: "What am I missing?", sessionId: "sid" };
const ANALYZE = { resume: "r", job_description: "j" };

describe("ApiClient.chatStream", () => {
  it("asks for an event stream and delivers tokens, then the final answer that replaces them", async () => {
    const stream =
      ": keep-alive\r\n\r\n" +
      event("token", { text: "Café " }, "\r\n") +
      event("token", { text: "日本語 🚀" }, "\r\n") +
      event("done", { answer: "Café 日本語 🚀 (checked)", mode: "llm", notice: "" }, "\r\n");
    // Split every few bytes: inside events, inside "\r\n", inside multibyte characters.
    const { client, fetchMock } = clientWith(() => sseResponse(stream, Array(200).fill(3)));
    const tokens: string[] = [];
    const result = await client.chatStream(CHAT, { onToken: (t) => tokens.push(t) });
    expect(tokens).toEqual(["Café ", "日本語 🚀"]);
    expect(result).toEqual({ answer: "Café 日本語 🚀 (checked)", mode: "llm", notice: "" });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/chat");
    expect((init?.headers as Record<string, string>).Accept).toBe("text/event-stream");
    expect(JSON.parse(init?.body as string)).toEqual(CHAT);
  });

  it("passes the fallback notice and the built-in mode through", async () => {
    const notice =
      "The AI coach is unavailable (the AI service is busy); this is the built-in coach's answer.";
    const { client } = clientWith(() =>
      sseResponse(event("done", { answer: "Built-in text", mode: "builtin", notice })),
    );
    expect(await client.chatStream(CHAT, {})).toEqual({ answer: "Built-in text", mode: "builtin", notice });
  });

  it("handles a plain JSON reply as the answer (servers that do not stream)", async () => {
    const { client } = clientWith(
      () =>
        new Response(JSON.stringify({ answer: "JSON answer", mode: "builtin" }), {
          status: 200,
          headers: { "Content-Type": "application/json" },
        }),
    );
    const onToken = vi.fn();
    expect(await client.chatStream(CHAT, { onToken })).toEqual({
      answer: "JSON answer",
      mode: "builtin",
      notice: "",
    });
    expect(onToken).not.toHaveBeenCalled();
  });

  it("rejects with a partial stream error on an error event after tokens", async () => {
    const { client } = clientWith(() =>
      sseResponse(
        event("token", { text: "Half an" }) +
          event("error", {
            code: "UNAVAILABLE",
            message: "the AI service stopped mid-answer",
            partial: true,
          }),
      ),
    );
    const tokens: string[] = [];
    const error = (await client
      .chatStream(CHAT, { onToken: (t) => tokens.push(t) })
      .catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.kind).toBe("stream");
    expect(error.partial).toBe(true);
    expect(error.code).toBe("UNAVAILABLE");
    expect(tokens).toEqual(["Half an"]);
  });

  it("treats a stream that ends without done or error as cut, partial only when text arrived", async () => {
    const cut = clientWith(() => sseResponse(event("token", { text: "a" }) + "event: done\ndata: {"));
    const e1 = (await cut.client.chatStream(CHAT, {}).catch((e) => e)) as ApiError;
    expect([e1.kind, e1.partial]).toEqual(["stream", true]);
    const empty = clientWith(() => sseResponse(": only a comment\n\n"));
    const e2 = (await empty.client.chatStream(CHAT, {}).catch((e) => e)) as ApiError;
    expect([e2.kind, e2.partial]).toEqual(["stream", false]);
  });

  it("decodes a 429 before the stream with its Retry-After and message", async () => {
    const { client } = clientWith(
      () =>
        new Response(
          JSON.stringify({
            error: { code: "RESOURCE_EXHAUSTED", message: "too many questions; try again in 40 s" },
          }),
          { status: 429, headers: { "Content-Type": "application/json", "Retry-After": "12" } },
        ),
    );
    const error = (await client.chatStream(CHAT, {}).catch((e) => e)) as ApiError;
    expect([error.kind, error.status, error.code, error.retryAfterSeconds]).toEqual([
      "http",
      429,
      "RESOURCE_EXHAUSTED",
      12,
    ]);
  });

  it("rejects with bad-response on an event whose data is not JSON, or an HTML 200", async () => {
    const bad = clientWith(() => sseResponse("event: token\ndata: {not json\n\n"));
    expect(((await bad.client.chatStream(CHAT, {}).catch((e) => e)) as ApiError).kind).toBe("bad-response");
    const html = clientWith(
      () => new Response("<html>proxy</html>", { status: 200, headers: { "Content-Type": "text/html" } }),
    );
    expect(((await html.client.chatStream(CHAT, {}).catch((e) => e)) as ApiError).kind).toBe("bad-response");
  });

  it("aborting mid-stream rejects with AbortError and cancels the body (closing the connection)", async () => {
    let cancelled = false;
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode(event("token", { text: "one" })));
      },
      cancel() {
        cancelled = true;
      },
    });
    const { client } = clientWith(
      () => new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } }),
    );
    const pending = client.chatStream(
      CHAT,
      { onToken: () => controller.abort() },
      { signal: controller.signal },
    );
    const error = await pending.catch((e: unknown) => e);
    expect((error as DOMException).name).toBe("AbortError");
    expect(cancelled).toBe(true);
  });

  it("maps a failed fetch to a network error", async () => {
    const client = new ApiClient(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(((await client.chatStream(CHAT, {}).catch((e) => e)) as ApiError).kind).toBe("network");
  });
});

describe("ApiClient.analyzeStream", () => {
  it("delivers the report first, then tokens, and resolves with done plus the report", async () => {
    const order: string[] = [];
    const { client } = clientWith(() =>
      sseResponse(
        event("report", { report: sampleReport }) +
          event("token", { text: "## Qualification Assessment\n" }) +
          event("token", { text: "Good." }) +
          event("done", {
            analysis: "## Qualification Assessment\nGood.",
            sessionId: "s9",
            mode: "llm",
            notice: "",
          }),
        [5, 7, 11, 13],
      ),
    );
    const result = await client.analyzeStream(ANALYZE, {
      onReport: (r) => order.push(`report ${r.score.total}`),
      onToken: (t) => order.push(`token ${t}`),
    });
    expect(order).toEqual([
      `report ${sampleReport.score.total}`,
      "token ## Qualification Assessment\n",
      "token Good.",
    ]);
    expect(result.sessionId).toBe("s9");
    expect(result.mode).toBe("llm");
    expect(result.report.score.total).toBe(sampleReport.score.total);
  });

  it("handles the built-in JSON answer: report callback, then the result with mode and notice", async () => {
    const { client } = clientWith(
      () =>
        new Response(
          JSON.stringify({ analysis: "## A", sessionId: "s1", report: sampleReport, mode: "builtin" }),
          {
            status: 200,
            headers: { "Content-Type": "application/json" },
          },
        ),
    );
    const onReport = vi.fn();
    const result = await client.analyzeStream(ANALYZE, { onReport });
    expect(onReport).toHaveBeenCalledTimes(1);
    expect([result.analysis, result.sessionId, result.mode, result.notice]).toEqual([
      "## A",
      "s1",
      "builtin",
      "",
    ]);
  });

  it("refuses a done event that came without a report", async () => {
    const { client } = clientWith(() =>
      sseResponse(event("done", { analysis: "x", sessionId: "s", mode: "llm", notice: "" })),
    );
    expect(((await client.analyzeStream(ANALYZE, {}).catch((e) => e)) as ApiError).kind).toBe("bad-response");
  });
});

describe("retryAfterSeconds", () => {
  it("reads seconds, an HTTP date, or the wait named in the message", () => {
    expect(retryAfterSeconds("7")).toBe(7);
    const now = Date.parse("2026-11-25T10:00:00Z");
    expect(retryAfterSeconds("Wed, 25 Nov 2026 10:00:30 GMT", "", now)).toBe(30);
    expect(retryAfterSeconds(null, "the AI service is busy; try again in 20 s")).toBe(20);
    expect(retryAfterSeconds(null, "busy")).toBeNull();
    expect(retryAfterSeconds("soon")).toBeNull();
  });
});

// Tests for the API client (request shape, error decoding) and the user-facing error wording.
import { ApiClient, ApiError, asciiFilename } from "./api-client";
import { describeError, isStillAnswering } from "./errors";

function reply(status: number, body: unknown, raw = false): Promise<Response> {
  return Promise.resolve(
    new Response(raw ? (body as string) : body === null ? null : JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json" },
    }),
  );
}

describe("ApiClient", () => {
  it("posts JSON and decodes the reply", async () => {
    const fetchMock = vi.fn((_url: string, _init?: RequestInit) =>
      reply(200, { analysis: "# A", sessionId: "s1", report: {} }),
    );
    const client = new ApiClient(fetchMock);
    const res = await client.analyze({ resume: "r", job_description: "j" });
    expect(res.sessionId).toBe("s1");
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/analyze");
    expect(init?.method).toBe("POST");
    expect(JSON.parse(init?.body as string)).toEqual({ resume: "r", job_description: "j" });
    expect((init?.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });

  it("uploads a document as the raw body with its type and name as hints", async () => {
    const fetchMock = vi.fn((_url: string, _init?: RequestInit) =>
      reply(200, { text: "Jane", format: "pdf", pages: 2, warnings: [] }),
    );
    const pdf = new File(["%PDF-1.4"], "Résumé 2025.pdf", { type: "application/pdf" });
    const res = await new ApiClient(fetchMock).uploadDocument(pdf);
    expect(res).toEqual({ text: "Jane", format: "pdf", pages: 2, warnings: [] });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/documents");
    expect(init?.method).toBe("POST");
    expect(init?.body).toBe(pdf);
    const headers = init?.headers as Record<string, string>;
    expect(headers["Content-Type"]).toBe("application/pdf");
    expect(headers["X-Filename"]).toBe("R_sum_ 2025.pdf");
  });

  it("sends an untyped upload as octet-stream and decodes a refusal", async () => {
    const fetchMock = vi.fn((_url: string, _init?: RequestInit) =>
      reply(422, { error: { code: "UNPROCESSABLE", message: "this PDF is encrypted" } }),
    );
    const err = await new ApiClient(fetchMock)
      .uploadDocument(new File(["x"], "cv.pdf"))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(422);
    expect((err as ApiError).message).toBe("this PDF is encrypted");
    const headers = fetchMock.mock.calls[0]![1]?.headers as Record<string, string>;
    expect(headers["Content-Type"]).toBe("application/octet-stream");
    expect(asciiFilename("a\u0000b.pdf")).toBe("a_b.pdf");
  });

  it("sends the session id only in the X-Session-Id header, never in the URL", async () => {
    const fetchMock = vi.fn((_url: string, _init?: RequestInit) => reply(204, null));
    await new ApiClient(fetchMock).deleteSession("secret-id");
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/session");
    expect(url).not.toContain("secret-id");
    expect(init?.method).toBe("DELETE");
    expect((init?.headers as Record<string, string>)["X-Session-Id"]).toBe("secret-id");
  });

  it("escapes example ids in the path", async () => {
    const fetchMock = vi.fn((_url: string) =>
      reply(200, { id: "a/b", name: "n", kind: "job", content: "c" }),
    );
    await new ApiClient(fetchMock).getItem("a/b");
    expect(fetchMock.mock.calls[0]![0]).toBe("/items/a%2Fb");
  });

  it("turns an error body into an ApiError with the server's code", async () => {
    const client = new ApiClient(() =>
      reply(413, { error: { code: "PAYLOAD_TOO_LARGE", message: "resume is over 100000 characters" } }),
    );
    const error = await client.analyze({ resume: "x", job_description: "y" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: "http", status: 413, code: "PAYLOAD_TOO_LARGE" });
  });

  it("derives the code from the status when the body is not an error object", async () => {
    const client = new ApiClient(() => reply(503, "<html>busy</html>", true));
    await expect(client.health()).rejects.toMatchObject({ code: "UNAVAILABLE", status: 503 });
  });

  it("reports network failures and unreadable replies as their own kinds", async () => {
    const down = new ApiClient(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(down.listItems()).rejects.toMatchObject({ kind: "network" });
    const garbled = new ApiClient(() => reply(200, "not json", true));
    await expect(garbled.listItems()).rejects.toMatchObject({ kind: "bad-response" });
  });

  it("lets aborts through unchanged", async () => {
    const client = new ApiClient(() => Promise.reject(new DOMException("aborted", "AbortError")));
    await expect(client.health()).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("describeError", () => {
  const http = (status: number, code: string, message = "") => new ApiError("http", status, code, message);

  it("explains an expired session during chat and restore, and flags it", () => {
    for (const context of ["chat", "restore"] as const) {
      const friendly = describeError(http(404, "NOT_FOUND", "session not found"), context);
      expect(friendly.sessionGone).toBe(true);
      expect(friendly.title).toMatch(/expired/);
      expect(friendly.detail).toMatch(/Analyze again/);
    }
  });

  it("shows the server's input message for invalid input, as a sentence", () => {
    const friendly = describeError(http(400, "INVALID_ARGUMENT", "job_description is empty"), "analyze");
    expect(friendly.detail).toBe("Job_description is empty.");
    expect(friendly.sessionGone).toBe(false);
  });

  it("gives next steps for size limits, rate limits, timeouts and outages", () => {
    expect(
      describeError(http(413, "PAYLOAD_TOO_LARGE", "resume is over 100000 characters"), "analyze").detail,
    ).toMatch(/Resume is over 100000 characters\. Shorten/);
    expect(describeError(http(429, "RESOURCE_EXHAUSTED"), "analyze").detail).toMatch(/Wait a few seconds/);
    expect(describeError(http(504, "DEADLINE_EXCEEDED"), "analyze").title).toMatch(/too long/);
    expect(describeError(http(503, "UNAVAILABLE"), "analyze").title).toMatch(/unavailable/);
  });

  it("says when to try again after the AI coach's request limit", () => {
    const limited = new ApiError("http", 429, "RESOURCE_EXHAUSTED", "", { retryAfterSeconds: 12 });
    const friendly = describeError(limited, "chat");
    expect(friendly.title).toBe("The AI coach is limited to a few questions a minute.");
    expect(friendly.detail).toMatch(/try again in 12 s/);
    expect(describeError(limited, "analyze").detail).toBe("Please try again in 12 s.");
  });

  it("names which AI limit was hit: the session's previous answer, or the network address", () => {
    const busy = new ApiError(
      "http",
      429,
      "RESOURCE_EXHAUSTED",
      "the AI coach is still answering this session's previous question; try again when it has finished",
      { retryAfterSeconds: 1 },
    );
    expect(isStillAnswering(busy)).toBe(true);
    expect(describeError(busy, "chat").title).toBe("The coach is still finishing your previous answer.");
    const ip = new ApiError(
      "http",
      429,
      "RESOURCE_EXHAUSTED",
      "too many AI requests from your network address; try again in 30 s",
      {
        retryAfterSeconds: 30,
      },
    );
    expect(isStillAnswering(ip)).toBe(false);
    expect(describeError(ip, "chat").title).toMatch(/from your network/);
    expect(describeError(ip, "chat").detail).toMatch(/try again in 30 s/);
  });

  it("tells an interrupted stream from one that never produced text", () => {
    const partial = new ApiError("stream", 200, "UNAVAILABLE", "x", { partial: true });
    expect(describeError(partial, "chat").title).toBe("The answer was interrupted.");
    expect(describeError(partial, "chat").detail).toMatch(/Ask again/);
    const none = new ApiError("stream", 200, "UNAVAILABLE", "x");
    expect(describeError(none, "analyze").title).toBe("The analysis couldn't be finished.");
    expect(describeError(none, "analyze").detail).toMatch(/Analyze again/);
  });

  it("never echoes internal error text", () => {
    const friendly = describeError(http(500, "INTERNAL", "segfault in matcher.cc:42"), "analyze");
    expect(`${friendly.title} ${friendly.detail}`).not.toContain("matcher.cc");
    const local = describeError(new TypeError("x is undefined"), "analyze");
    expect(`${local.title} ${local.detail}`).not.toContain("undefined");
  });

  it("explains a network failure", () => {
    const friendly = describeError(new ApiError("network", 0, "NETWORK", ""), "analyze");
    expect(friendly.title).toMatch(/can't reach/);
  });
});

// The one typed client for the Resume Coach HTTP API (same origin, JSON or SSE, errors as ApiError).
import type {
  AnalyzeRequest,
  AnalyzeResponse,
  AnswerMode,
  ChatRequest,
  ChatResponse,
  DocumentResponse,
  ErrorBody,
  Health,
  Item,
  ItemSummary,
  Report,
  SessionResponse,
} from "../types/api";
import { isAbortError, readSse, SseFormatError, type SseEvent, type SseNext } from "./sse";

/**
 * Why a call failed: the server answered with an error, could not be reached, sent nonsense, or
 * began a streamed answer that could not be finished ("stream": an `error` event or a cut stream).
 */
export type ApiErrorKind = "http" | "network" | "bad-response" | "stream";

/** Extra facts some failures carry. */
export interface ApiErrorDetails {
  /** Seconds to wait before trying again (Retry-After, or the wait the message names). */
  retryAfterSeconds?: number | null;
  /** A streamed answer stopped after some of its text had arrived (the server kept it, marked incomplete). */
  partial?: boolean;
}

/** A failed API call. `code` is the server's error code ("NOT_FOUND"...) or a local one. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly code: string;
  readonly retryAfterSeconds: number | null;
  readonly partial: boolean;

  constructor(
    kind: ApiErrorKind,
    status: number,
    code: string,
    message: string,
    details: ApiErrorDetails = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
    this.partial = details.partial ?? false;
  }
}

/** Callbacks of a streamed call; each is called in the order the events arrive. */
export interface StreamHandlers {
  /** POST /analyze only: the engine's report, before any narrative text. */
  onReport?: (report: Report) => void;
  /** A piece of the answer, to append to the pieces before it (never empty). */
  onToken?: (text: string) => void;
}

/**
 * Seconds from a Retry-After header (delta-seconds or an HTTP date), else from a message such as
 * "try again in 12 s"; null when neither says. Never negative.
 */
export function retryAfterSeconds(header: string | null, message = "", now = Date.now()): number | null {
  const value = header?.trim() ?? "";
  if (/^\d+$/.test(value)) return Number(value);
  if (value !== "") {
    const at = Date.parse(value);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  const said = /try again in (\d+)\s*s\b/i.exec(message);
  return said ? Number(said[1]) : null;
}

function answerMode(value: unknown): AnswerMode {
  return value === "llm" ? "llm" : "builtin";
}

function noticeText(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const BAD_RESPONSE = () =>
  new ApiError("bad-response", 200, "BAD_RESPONSE", "the reply was not a valid answer stream");

/** Options shared by every call. */
export interface CallOptions {
  signal?: AbortSignal;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

/** Maps an HTTP status to the API's error code when the body carries none. */
export function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return "INVALID_ARGUMENT";
    case 404:
      return "NOT_FOUND";
    case 405:
      return "METHOD_NOT_ALLOWED";
    case 409:
      return "ALREADY_EXISTS";
    case 413:
      return "PAYLOAD_TOO_LARGE";
    case 415:
      return "UNSUPPORTED_MEDIA_TYPE";
    case 422:
      return "UNPROCESSABLE";
    case 429:
      return "RESOURCE_EXHAUSTED";
    case 503:
      return "UNAVAILABLE";
    case 504:
      return "DEADLINE_EXCEEDED";
    default:
      return "INTERNAL";
  }
}

/**
 * Thin client over fetch. Every method resolves with the decoded body or rejects with an
 * ApiError (never a raw TypeError or SyntaxError). Abort rejections pass through unchanged.
 */
export class ApiClient {
  private readonly fetchImpl: FetchLike;
  private readonly baseUrl: string;

  constructor(fetchImpl?: FetchLike, baseUrl = "") {
    this.fetchImpl = fetchImpl ?? ((input, init) => fetch(input, init));
    this.baseUrl = baseUrl;
  }

  /** POST /analyze: analyses a resume against a job description and opens a session. */
  analyze(request: AnalyzeRequest, options: CallOptions = {}): Promise<AnalyzeResponse> {
    return this.request<AnalyzeResponse>("POST", "/analyze", { body: request, ...options });
  }

  /** POST /chat: asks one follow-up question within a session. 404 when the session expired. */
  chat(request: ChatRequest, options: CallOptions = {}): Promise<ChatResponse> {
    return this.request<ChatResponse>("POST", "/chat", { body: request, ...options });
  }

  /**
   * POST /analyze as a stream: `onReport` gets the engine's report as soon as it is ready, then
   * `onToken` the analysis as it is written. Resolves with the final answer, whose `analysis`
   * replaces the streamed text. A JSON reply (built-in servers that do not stream) is delivered
   * the same way: `onReport`, then the result. Rejects with ApiError: the usual HTTP errors before
   * the stream starts, kind "stream" when it ends without an answer; aborts reject with AbortError.
   */
  async analyzeStream(
    request: AnalyzeRequest,
    handlers: StreamHandlers,
    options: CallOptions = {},
  ): Promise<AnalyzeResponse> {
    let report: Report | null = null;
    const done = await this.stream("/analyze", request, handlers, options, (data) => {
      if (isObject(data.report)) report = data.report as unknown as Report;
    });
    if (done.json) {
      if (!isObject(done.data.report)) throw BAD_RESPONSE();
      report = done.data.report as unknown as Report;
      handlers.onReport?.(report);
    }
    const data = done.data;
    if (report === null || typeof data.analysis !== "string" || typeof data.sessionId !== "string") {
      throw BAD_RESPONSE();
    }
    return {
      analysis: data.analysis,
      sessionId: data.sessionId,
      report,
      mode: answerMode(data.mode),
      notice: noticeText(data.notice),
    };
  }

  /**
   * POST /chat as a stream: `onToken` gets the answer piece by piece. Resolves with the final
   * answer, which replaces the streamed text (it may be annotated, or come from the built-in coach
   * with a notice). A JSON reply resolves the same way without tokens. Rejects like analyzeStream;
   * an `error` event becomes ApiError kind "stream" with `partial` as the server sent it.
   */
  async chatStream(
    request: ChatRequest,
    handlers: StreamHandlers,
    options: CallOptions = {},
  ): Promise<ChatResponse> {
    const { data } = await this.stream("/chat", request, handlers, options, () => undefined);
    if (typeof data.answer !== "string") throw BAD_RESPONSE();
    return { answer: data.answer, mode: answerMode(data.mode), notice: noticeText(data.notice) };
  }

  /**
   * Posts `body` asking for an event stream. Resolves with the `done` event's data (json: false)
   * or, when the server answered with plain JSON, that body (json: true).
   */
  private async stream(
    path: string,
    body: unknown,
    handlers: StreamHandlers,
    options: CallOptions,
    onReport: (data: Record<string, unknown>) => void,
  ): Promise<{ data: Record<string, unknown>; json: boolean }> {
    const init: RequestInit = {
      method: "POST",
      headers: { Accept: "text/event-stream", "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(body),
      cache: "no-store",
    };
    if (options.signal) init.signal = options.signal;
    const response = await this.send(path, init);
    if (!response.ok) throw errorFromReply(response, await response.text());
    const type = (response.headers.get("Content-Type") ?? "").toLowerCase();
    if (!type.startsWith("text/event-stream")) {
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw BAD_RESPONSE();
      }
      if (!isObject(parsed)) throw BAD_RESPONSE();
      return { data: parsed, json: true };
    }
    if (!response.body) throw BAD_RESPONSE();

    let done: Record<string, unknown> | null = null;
    let failure: ApiError | null = null;
    let tokens = 0;
    const onEvent = (event: SseEvent): SseNext => {
      if (
        event.event !== "report" &&
        event.event !== "token" &&
        event.event !== "done" &&
        event.event !== "error"
      )
        return undefined; // unknown events are for newer clients
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        throw BAD_RESPONSE();
      }
      if (!isObject(data)) throw BAD_RESPONSE();
      switch (event.event) {
        case "report":
          onReport(data);
          handlers.onReport?.(data.report as unknown as Report);
          return undefined;
        case "token":
          if (typeof data.text === "string" && data.text !== "") {
            tokens += 1;
            handlers.onToken?.(data.text);
          }
          return undefined;
        case "done":
          done = data;
          return "stop";
        default: {
          const message = typeof data.message === "string" ? data.message : "";
          failure = new ApiError(
            "stream",
            200,
            typeof data.code === "string" ? data.code : "UNAVAILABLE",
            message,
            { partial: data.partial === true, retryAfterSeconds: retryAfterSeconds(null, message) },
          );
          return "stop";
        }
      }
    };
    try {
      await readSse(response.body, onEvent, options.signal);
    } catch (error) {
      if (isAbortError(error) || error instanceof ApiError) throw error;
      if (error instanceof SseFormatError) throw BAD_RESPONSE();
      // The connection broke mid-stream.
      failure = streamCut(tokens);
    }
    if (failure) throw failure;
    if (done === null) throw streamCut(tokens);
    return { data: done, json: false };
  }

  /** fetch, with transport failures as ApiError "network" and aborts passed through. */
  private async send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetchImpl(this.baseUrl + path, init);
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ApiError("network", 0, "NETWORK", "the server could not be reached");
    }
  }

  /**
   * POST /documents: the visible text and warnings of an uploaded PDF, DOCX or text file. The file
   * is the raw body; its type and name go as hints (the name reduced to ASCII for the header).
   */
  uploadDocument(file: Blob & { name?: string }, options: CallOptions = {}): Promise<DocumentResponse> {
    return this.request<DocumentResponse>("POST", "/documents", {
      rawBody: file,
      contentType: file.type || "application/octet-stream",
      filename: file.name,
      ...options,
    });
  }

  /** GET /items: the built-in example resumes and job descriptions. */
  listItems(options: CallOptions = {}): Promise<ItemSummary[]> {
    return this.request<ItemSummary[]>("GET", "/items", options);
  }

  /** GET /items/{id}: one example with its text. */
  getItem(id: string, options: CallOptions = {}): Promise<Item> {
    return this.request<Item>("GET", `/items/${encodeURIComponent(id)}`, options);
  }

  /** GET /session: the stored inputs, report and chat of a session. 404 when unknown/expired. */
  getSession(sessionId: string, options: CallOptions = {}): Promise<SessionResponse> {
    return this.request<SessionResponse>("GET", "/session", { sessionId, ...options });
  }

  /** DELETE /session: forgets a session and everything in it. */
  async deleteSession(sessionId: string, options: CallOptions = {}): Promise<void> {
    await this.request<null>("DELETE", "/session", { sessionId, ...options });
  }

  /** GET /health: server status, including which answer mode ("builtin" or "llm") is configured. */
  health(options: CallOptions = {}): Promise<Health> {
    return this.request<Health>("GET", "/health", options);
  }

  private async request<T>(
    method: string,
    path: string,
    options: CallOptions & {
      body?: unknown;
      sessionId?: string;
      rawBody?: Blob;
      contentType?: string;
      filename?: string;
    },
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (options.rawBody !== undefined)
      headers["Content-Type"] = options.contentType ?? "application/octet-stream";
    if (options.filename) headers["X-Filename"] = asciiFilename(options.filename);
    if (options.sessionId !== undefined) headers["X-Session-Id"] = options.sessionId;
    const init: RequestInit = { method, headers, credentials: "same-origin" };
    if (options.body !== undefined) init.body = JSON.stringify(options.body);
    if (options.rawBody !== undefined) init.body = options.rawBody;
    if (options.signal) init.signal = options.signal;

    const response = await this.send(path, init);
    if (response.status === 204) return null as T;
    const text = await response.text();
    if (!response.ok) throw errorFromReply(response, text);
    let body: unknown = null;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    if (body === undefined || body === null) {
      throw new ApiError("bad-response", response.status, "BAD_RESPONSE", "the reply was not JSON");
    }
    return body as T;
  }
}

/** The ApiError for a non-2xx reply: the server's code and message when its body has them. */
function errorFromReply(response: Response, text: string): ApiError {
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const message = isErrorBody(body) ? body.error.message : "";
  const code = isErrorBody(body) ? body.error.code : codeForStatus(response.status);
  return new ApiError("http", response.status, code, message, {
    retryAfterSeconds: retryAfterSeconds(response.headers.get("Retry-After"), message),
  });
}

/** A stream that ended (or broke) before its last event. */
function streamCut(tokens: number): ApiError {
  return new ApiError("stream", 200, "UNAVAILABLE", "the answer stopped before it was finished", {
    partial: tokens > 0,
  });
}

/** A file name fit for an HTTP header: printable ASCII only (the server reads only the extension). */
export function asciiFilename(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, "_").slice(-200);
}

/** The client the app uses: same origin as the page. */
export const apiClient = new ApiClient();

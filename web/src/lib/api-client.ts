// The one typed client for the Resume Coach HTTP API (same origin, JSON, errors as ApiError).
import type {
  AnalyzeRequest,
  AnalyzeResponse,
  ChatRequest,
  ChatResponse,
  DocumentResponse,
  ErrorBody,
  Health,
  Item,
  ItemSummary,
  SessionResponse,
} from "../types/api";

/** Why a call failed: the server answered with an error, could not be reached, or sent nonsense. */
export type ApiErrorKind = "http" | "network" | "bad-response";

/** A failed API call. `code` is the server's error code ("NOT_FOUND"...) or a local one. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly code: string;

  constructor(kind: ApiErrorKind, status: number, code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.status = status;
    this.code = code;
  }
}

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

    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, init);
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") throw error;
      throw new ApiError("network", 0, "NETWORK", "the server could not be reached");
    }

    if (response.status === 204) return null as T;
    const text = await response.text();
    let body: unknown = null;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    if (!response.ok) {
      if (isErrorBody(body)) {
        throw new ApiError("http", response.status, body.error.code, body.error.message);
      }
      throw new ApiError("http", response.status, codeForStatus(response.status), "");
    }
    if (body === undefined || body === null) {
      throw new ApiError("bad-response", response.status, "BAD_RESPONSE", "the reply was not JSON");
    }
    return body as T;
  }
}

/** A file name fit for an HTTP header: printable ASCII only (the server reads only the extension). */
export function asciiFilename(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, "_").slice(-200);
}

/** The client the app uses: same origin as the page. */
export const apiClient = new ApiClient();

// Tests for asking the coach: streamed pieces, the final answer, JSON replies and errors.
import { ApiClient, ApiError } from "../../../lib/api-client";
import { askCoach } from "./ask";

function clientReplying(status: number, body: string, type: string) {
  const fetchMock = vi.fn((_url: string, _init?: RequestInit) =>
    Promise.resolve(new Response(body, { status, headers: { "Content-Type": type } })),
  );
  return { client: new ApiClient(fetchMock), fetchMock };
}

describe("askCoach", () => {
  it("streams the pieces, then resolves with the final answer and mode", async () => {
    const stream =
      'event: token\ndata: {"text":"Add "}\n\nevent: token\ndata: {"text":"Go."}\n\n' +
      'event: done\ndata: {"answer":"Add **Go**.","mode":"llm","notice":""}\n\n';
    const { client, fetchMock } = clientReplying(200, stream, "text/event-stream");
    const pieces: string[] = [];
    const result = await askCoach(client, "sid", "What now?", (p) => pieces.push(p));
    expect(pieces).toEqual(["Add ", "Go."]);
    expect(result).toEqual({ answer: "Add **Go**.", mode: "llm", notice: "" });
    expect(JSON.parse(fetchMock.mock.calls[0]![1]?.body as string)).toEqual({
      question: "What now?",
      sessionId: "sid",
    });
  });

  it("accepts a JSON answer and treats an unknown mode as the built-in coach", async () => {
    const { client } = clientReplying(
      200,
      JSON.stringify({ answer: "a", mode: "other" }),
      "application/json",
    );
    const onPiece = vi.fn();
    expect(await askCoach(client, "s", "q", onPiece)).toEqual({ answer: "a", mode: "builtin", notice: "" });
    expect(onPiece).not.toHaveBeenCalled();
  });

  it("rejects with the API error and sends no piece when the session is gone", async () => {
    const { client } = clientReplying(
      404,
      JSON.stringify({ error: { code: "NOT_FOUND", message: "session not found" } }),
      "application/json",
    );
    const onPiece = vi.fn();
    const error = await askCoach(client, "gone", "q", onPiece).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("NOT_FOUND");
    expect(onPiece).not.toHaveBeenCalled();
  });
});

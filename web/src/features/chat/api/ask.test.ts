// Tests for asking the coach: answers arrive through the update callback; errors propagate.
import { ApiClient, ApiError } from "../../../lib/api-client";
import { askCoach } from "./ask";

function clientReplying(status: number, body: unknown) {
  const fetchMock = vi.fn((_url: string, _init?: RequestInit) =>
    Promise.resolve(new Response(JSON.stringify(body), { status })),
  );
  return { client: new ApiClient(fetchMock), fetchMock };
}

describe("askCoach", () => {
  it("sends the question with the session id in the body and reports the answer", async () => {
    const { client, fetchMock } = clientReplying(200, { answer: "Add **Go**.", mode: "builtin" });
    const updates: [string, string][] = [];
    const result = await askCoach(client, "sid", "What now?", (text, mode) => updates.push([text, mode]));
    expect(result).toEqual({ answer: "Add **Go**.", mode: "builtin" });
    expect(updates).toEqual([["Add **Go**.", "builtin"]]);
    expect(JSON.parse(fetchMock.mock.calls[0]![1]?.body as string)).toEqual({
      question: "What now?",
      sessionId: "sid",
    });
  });

  it("treats an unknown mode as the built-in coach and keeps llm", async () => {
    expect(
      (await askCoach(clientReplying(200, { answer: "a", mode: "other" }).client, "s", "q", () => {})).mode,
    ).toBe("builtin");
    expect(
      (await askCoach(clientReplying(200, { answer: "a", mode: "llm" }).client, "s", "q", () => {})).mode,
    ).toBe("llm");
  });

  it("rejects with the API error and sends no update when the session is gone", async () => {
    const { client } = clientReplying(404, { error: { code: "NOT_FOUND", message: "session not found" } });
    const onUpdate = vi.fn();
    const error = await askCoach(client, "gone", "q", onUpdate).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("NOT_FOUND");
    expect(onUpdate).not.toHaveBeenCalled();
  });
});

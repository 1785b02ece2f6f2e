// Asks the coach a question. Answers are delivered through onUpdate so streaming can slot in.
import type { ApiClient } from "../../../lib/api-client";
import type { AnswerMode } from "../../../types/api";

/** Receives the answer so far; called at least once, last with the full answer. */
export type AnswerUpdate = (contentSoFar: string, mode: AnswerMode) => void;

/**
 * Sends `question` within `sessionId` and reports the answer through `onUpdate`. Resolves with the
 * final answer; rejects with the client's ApiError (404 when the session is gone).
 */
export async function askCoach(
  client: ApiClient,
  sessionId: string,
  question: string,
  onUpdate: AnswerUpdate,
  signal?: AbortSignal,
): Promise<{ answer: string; mode: AnswerMode }> {
  const response = await client.chat({ question, sessionId }, signal ? { signal } : {});
  const mode: AnswerMode = response.mode === "llm" ? "llm" : "builtin";
  onUpdate(response.answer, mode);
  return { answer: response.answer, mode };
}

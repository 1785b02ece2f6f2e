// Asks the coach a question; a streamed answer is reported piece by piece through onText.
import type { ApiClient } from "../../../lib/api-client";
import type { ChatResponse } from "../../../types/api";

/** Receives each new piece of a streamed answer (append it to the pieces before). */
export type AnswerPiece = (piece: string) => void;

/**
 * Sends `question` within `sessionId` asking for a streamed answer. Pieces arrive through
 * `onPiece` (none when the server answers in one piece). Resolves with the final answer, which
 * replaces the pieces; rejects with the client's ApiError (404 when the session is gone, kind
 * "stream" when the answer broke off) or an AbortError when `signal` aborts.
 */
export function askCoach(
  client: ApiClient,
  sessionId: string,
  question: string,
  onPiece: AnswerPiece,
  signal?: AbortSignal,
): Promise<ChatResponse> {
  return client.chatStream({ question, sessionId }, { onToken: onPiece }, signal ? { signal } : {});
}

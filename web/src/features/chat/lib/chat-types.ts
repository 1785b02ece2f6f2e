// The chat as the page shows it: messages that may still be arriving.
import type { AnswerMode, ChatTurn } from "../../../types/api";

/** One chat message. Assistant messages are built up piece by piece while `complete` is false. */
export interface ChatMessage {
  id: string;
  role: "user" | "assistant";
  content: string;
  mode: AnswerMode | "";
  complete: boolean;
}

let counter = 0;

/** A page-unique message id. */
export function nextMessageId(): string {
  counter += 1;
  return `m${counter}`;
}

/** Converts stored turns (GET /session) into messages. */
export function messagesFromTurns(turns: ChatTurn[]): ChatMessage[] {
  return turns.map((turn) => ({
    id: nextMessageId(),
    role: turn.role === "assistant" ? "assistant" : "user",
    content: turn.content,
    mode: turn.mode,
    complete: turn.complete,
  }));
}

/** The badge text for an answer mode. */
export function modeLabel(mode: string): string {
  if (mode === "llm") return "LLM";
  if (mode === "builtin") return "Built-in coach";
  return "";
}

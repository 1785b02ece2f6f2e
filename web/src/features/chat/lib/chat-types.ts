// The chat as the page shows it: messages that may still be arriving, or were cut short.
import type { AnswerMode, ChatTurn } from "../../../types/api";

/** How an unfinished answer ended: still arriving, stopped by the user, or cut off. */
export type AnswerState = "done" | "streaming" | "stopped" | "interrupted";

/** One chat message. Assistant messages are built up piece by piece while `state` is "streaming". */
export interface ChatMessage {
  id: string;
  role: "user" | "assistant";
  content: string;
  mode: AnswerMode | "";
  /** True once the answer is final (false while streaming and for stopped or interrupted answers). */
  complete: boolean;
  state: AnswerState;
  /** "" or a plain sentence from the server, e.g. that the built-in coach answered instead. */
  notice: string;
}

let counter = 0;

/** A page-unique message id. */
export function nextMessageId(): string {
  counter += 1;
  return `m${counter}`;
}

/** Converts stored turns (GET /session) into messages; unfinished answers show as interrupted. */
export function messagesFromTurns(turns: ChatTurn[]): ChatMessage[] {
  return turns.map((turn) => {
    const complete = turn.complete !== false;
    return {
      id: nextMessageId(),
      role: turn.role === "assistant" ? "assistant" : "user",
      content: turn.content,
      mode: turn.mode === "llm" || turn.mode === "builtin" ? turn.mode : "",
      complete,
      state: complete ? "done" : "interrupted",
      notice: "",
    };
  });
}

/** The badge text for an answer mode; `model` names the AI model when known. */
export function modeLabel(mode: string, model = ""): string {
  if (mode === "llm") return model ? `AI coach · ${model}` : "AI coach";
  if (mode === "builtin") return "Built-in coach";
  return "";
}

/** The question an assistant message answers: the user message just before it, or "". */
export function questionBefore(messages: ChatMessage[], index: number): string {
  for (let i = index - 1; i >= 0; i--) {
    if (messages[i]!.role === "user") return messages[i]!.content;
  }
  return "";
}

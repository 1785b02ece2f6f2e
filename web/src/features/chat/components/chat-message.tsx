// One chat message: the question, or an answer with its mode badge, streaming caret and notices.
import { memo } from "react";
import { SafeMarkdown } from "../../../components/safe-markdown";
import { modeLabel, type ChatMessage } from "../lib/chat-types";

interface ChatMessageProps {
  message: ChatMessage;
  /** The configured AI model, named in the badge of AI answers. */
  model: string;
  /** For unfinished answers: the question to send again ("" hides the action). */
  question: string;
  canAskAgain: boolean;
  onAskAgain: (question: string) => void;
}

/** Memoized: while an answer streams, only its own message re-renders. */
export const ChatMessageView = memo(function ChatMessageView({
  message: m,
  model,
  question,
  canAskAgain,
  onAskAgain,
}: ChatMessageProps) {
  if (m.role === "user") {
    return (
      <article className="msg msg--user" aria-label="You" data-message-id={m.id}>
        <p className="msg__text">{m.content}</p>
      </article>
    );
  }
  const streaming = m.state === "streaming";
  const unfinished = m.state === "stopped" || m.state === "interrupted";
  return (
    <article
      className={`msg msg--assistant${unfinished ? " msg--unfinished" : ""}`}
      aria-label="Coach"
      aria-busy={streaming || undefined}
      data-message-id={m.id}
      data-state={m.state}
    >
      {streaming && m.content === "" ? (
        <p className="msg__typing">
          <span className="dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span className="visually-hidden">The coach is answering…</span>
        </p>
      ) : (
        <SafeMarkdown className={streaming ? "markdown--streaming" : undefined}>{m.content}</SafeMarkdown>
      )}
      {m.notice && (
        <p className="msg__notice" role="note">
          <span className="msg__notice-icon" aria-hidden="true">
            i
          </span>
          {m.notice}
        </p>
      )}
      {!(streaming && m.content === "") && (
        <div className="msg__meta">
          {m.mode && <span className={`mode mode--${m.mode} mode--small`}>{modeLabel(m.mode, model)}</span>}
          {streaming && <span className="muted">Writing…</span>}
          {unfinished && (
            <span
              className="msg__cut"
              title={
                m.state === "stopped"
                  ? "You stopped this answer before it was finished."
                  : "This answer stopped before it was finished; the text so far is kept."
              }
            >
              {m.state === "stopped" ? "Stopped" : "Interrupted"}
            </span>
          )}
          {unfinished && question && (
            <button
              type="button"
              className="btn btn--ghost btn--small msg__again"
              onClick={() => onAskAgain(question)}
              disabled={!canAskAgain}
            >
              Ask again
            </button>
          )}
        </div>
      )}
    </article>
  );
});

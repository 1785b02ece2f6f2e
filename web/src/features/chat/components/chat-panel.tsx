// The follow-up chat: the conversation (Markdown answers) and a composer (Enter sends).
import { memo, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { SafeMarkdown } from "../../../components/safe-markdown";
import { MAX_QUESTION_CHARS } from "../../../types/api";
import { modeLabel, type ChatMessage } from "../lib/chat-types";

interface ChatPanelProps {
  messages: ChatMessage[];
  /** Sends a question; resolves false when it was not sent (the text stays in the composer). */
  onSend: (question: string) => Promise<boolean>;
  sending: boolean;
  /** The configured answer mode from /health ("builtin" or "llm"), "" when unknown. */
  serverMode: string;
  error: { title: string; detail: string } | null;
  disabled?: boolean;
}

const SUGGESTIONS = [
  "What should I add to my resume first?",
  "Which required skills am I missing?",
  "How can I make my experience section stronger?",
];

/** The chat; memoized because typing in the inputs re-renders the page around it. */
export const ChatPanel = memo(function ChatPanel({
  messages,
  onSend,
  sending,
  serverMode,
  error,
  disabled = false,
}: ChatPanelProps) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages]);

  async function send(text: string) {
    const question = text.trim();
    if (!question || sending || disabled) return;
    setDraft("");
    const sent = await onSend(question);
    if (!sent) setDraft(question);
    inputRef.current?.focus();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void send(draft);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send(draft);
    }
  }

  const badge = modeLabel(serverMode);
  return (
    <section className="card chat" aria-labelledby={`${id}-title`}>
      <div className="chat__head">
        <h2 id={`${id}-title`} className="card__title">
          Ask the coach
        </h2>
        {badge && (
          <span className={`mode mode--${serverMode}`} title="Which engine answers your questions">
            {badge}
          </span>
        )}
      </div>
      <div
        ref={logRef}
        className="chat__log"
        role="log"
        aria-live="polite"
        aria-relevant="additions"
        aria-label="Conversation"
        tabIndex={0}
      >
        {messages.length === 0 ? (
          <div className="chat__empty">
            <p className="muted">Ask about your match: what to add, what to reword, how to prepare.</p>
            <ul className="chat__suggestions">
              {SUGGESTIONS.map((s) => (
                <li key={s}>
                  <button
                    type="button"
                    className="btn btn--chip"
                    onClick={() => void send(s)}
                    disabled={sending || disabled}
                  >
                    {s}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          messages.map((m) => (
            <article
              key={m.id}
              className={`msg msg--${m.role}`}
              aria-label={m.role === "user" ? "You" : "Coach"}
            >
              {m.role === "user" ? (
                <p className="msg__text">{m.content}</p>
              ) : m.content === "" && !m.complete ? (
                <p className="msg__typing">
                  <span className="dots" aria-hidden="true">
                    <span />
                    <span />
                    <span />
                  </span>
                  <span className="visually-hidden">The coach is answering…</span>
                </p>
              ) : (
                <>
                  <SafeMarkdown>{m.content}</SafeMarkdown>
                  <p className="msg__meta">
                    {m.mode && (
                      <span className={`mode mode--${m.mode} mode--small`}>{modeLabel(m.mode)}</span>
                    )}
                    {!m.complete && <span className="muted">Answer interrupted</span>}
                  </p>
                </>
              )}
            </article>
          ))
        )}
      </div>
      {error && (
        <div className="notice notice--error" role="alert">
          <strong>{error.title}</strong> {error.detail}
        </div>
      )}
      <form className="chat__composer" onSubmit={onSubmit}>
        <label htmlFor={`${id}-q`} className="visually-hidden">
          Your question
        </label>
        <textarea
          ref={inputRef}
          id={`${id}-q`}
          className="chat__input"
          rows={2}
          value={draft}
          maxLength={MAX_QUESTION_CHARS}
          placeholder="Ask a follow-up question…"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={`${id}-hint`}
          disabled={disabled}
        />
        <button
          type="submit"
          className="btn btn--primary"
          disabled={sending || disabled || draft.trim() === ""}
        >
          {sending ? "Sending…" : "Send"}
        </button>
        <p id={`${id}-hint`} className="chat__hint muted">
          Enter sends · Shift+Enter adds a new line
        </p>
      </form>
    </section>
  );
});

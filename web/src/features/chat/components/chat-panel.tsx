// The follow-up chat: the conversation (Markdown answers, streamed in) and a composer (Enter sends).
import {
  memo,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from "react";
import { MAX_QUESTION_CHARS } from "../../../types/api";
import { questionBefore, type ChatMessage } from "../lib/chat-types";
import { ChatMessageView } from "./chat-message";

interface ChatPanelProps {
  messages: ChatMessage[];
  /** Sends a question; resolves false when it was not sent (the text stays in the composer). */
  onSend: (question: string) => Promise<boolean>;
  /** Stops the answer that is arriving (closes its connection). */
  onStop?: () => void;
  /** An answer is on its way. */
  sending: boolean;
  /** The configured AI model from /health, for the answer badges ("" when unknown or built-in). */
  serverModel?: string;
  error: { title: string; detail: string } | null;
  /** Questions cannot be asked yet; `disabledReason` says why in the empty conversation. */
  disabled?: boolean;
  disabledReason?: string;
}

const SUGGESTIONS = [
  "What should I add to my resume first?",
  "Which required skills am I missing?",
  "How can I make my experience section stronger?",
];

/** The text a screen reader hears once an answer has finished arriving. */
function announcementFor(message: ChatMessage, text: string): string {
  const body = text.replace(/\s+/g, " ").trim();
  if (message.state === "stopped") return `You stopped the answer. ${body}`;
  if (message.state === "interrupted") return `The answer was interrupted. ${body}`;
  return `The coach answered: ${body}${message.notice ? ` ${message.notice}` : ""}`;
}

/** The chat; memoized because typing in the inputs re-renders the page around it. */
export const ChatPanel = memo(function ChatPanel({
  messages,
  onSend,
  onStop,
  sending,
  serverModel = "",
  error,
  disabled = false,
  disabledReason = "",
}: ChatPanelProps) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const streamingIds = useRef(new Set<string>());

  // Keep the newest text in view while it arrives, unless the reader has scrolled up to read.
  const pinned = useRef(true);
  useEffect(() => {
    const log = logRef.current;
    if (log && pinned.current) log.scrollTop = log.scrollHeight;
  }, [messages]);

  // Announce each answer once, when it stops arriving (never token by token).
  useEffect(() => {
    for (const m of messages) {
      if (m.role !== "assistant") continue;
      if (m.state === "streaming") {
        streamingIds.current.add(m.id);
      } else if (streamingIds.current.has(m.id)) {
        streamingIds.current.delete(m.id);
        const rendered = logRef.current?.querySelector(`[data-message-id="${m.id}"] .markdown`);
        setAnnouncement(announcementFor(m, rendered?.textContent ?? m.content));
      }
    }
  }, [messages]);

  async function send(text: string) {
    const question = text.trim();
    if (!question || sending || disabled) return;
    setDraft("");
    pinned.current = true;
    const sent = await onSend(question);
    if (!sent) setDraft((current) => (current === "" ? question : current));
    inputRef.current?.focus();
  }

  // A stable handle for the messages' Ask again buttons, so streaming re-renders only the live one.
  const sendRef = useRef(send);
  sendRef.current = send;
  const askAgain = useCallback((question: string) => void sendRef.current(question), []);

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

  function onScroll() {
    const log = logRef.current;
    if (log) pinned.current = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  }

  return (
    <section className="card chat" aria-labelledby={`${id}-title`}>
      <div className="chat__head">
        <h2 id={`${id}-title`} className="card__title">
          Ask the coach
        </h2>
      </div>
      <div
        ref={logRef}
        className="chat__log"
        role="log"
        aria-live="off"
        aria-label="Conversation"
        tabIndex={0}
        onScroll={onScroll}
      >
        {messages.length === 0 ? (
          <div className="chat__empty">
            {disabled && disabledReason ? (
              <p className="muted">{disabledReason}</p>
            ) : (
              <p className="muted">Ask about your match: what to add, what to reword, how to prepare.</p>
            )}
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
          messages.map((m, i) => (
            <ChatMessageView
              key={m.id}
              message={m}
              model={serverModel}
              onAskAgain={askAgain}
              question={m.role === "assistant" && !m.complete ? questionBefore(messages, i) : ""}
              canAskAgain={!sending && !disabled}
            />
          ))
        )}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
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
          placeholder={disabled ? "Questions open once the analysis is ready" : "Ask a follow-up question…"}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={`${id}-hint`}
          disabled={disabled}
        />
        {sending && onStop ? (
          <button type="button" className="btn btn--stop" onClick={onStop}>
            <span className="stop-icon" aria-hidden="true" /> Stop
          </button>
        ) : (
          <button
            type="submit"
            className="btn btn--primary"
            disabled={sending || disabled || draft.trim() === ""}
          >
            {sending ? "Sending…" : "Send"}
          </button>
        )}
        <p id={`${id}-hint`} className="chat__hint muted">
          {sending && onStop
            ? "The coach is answering · Stop ends the answer here"
            : "Enter sends · Shift+Enter adds a new line"}
        </p>
      </form>
    </section>
  );
});

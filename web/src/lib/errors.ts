// Turns failures into plain words for people: what happened and what to do next.
import { ApiError } from "./api-client";

/** A user-facing explanation of a failure. */
export interface FriendlyError {
  title: string;
  detail: string;
  /** True when the failure means the coaching session no longer exists on the server. */
  sessionGone: boolean;
}

/** What the user was doing when the failure happened; it sharpens a few messages. */
export type ErrorContext = "analyze" | "chat" | "examples" | "restore" | "start-over" | "upload";

function capitalize(message: string): string {
  const trimmed = message.trim();
  if (trimmed.length === 0) return trimmed;
  const sentence = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * True for the 429 the server gives while this session's previous AI answer is still open (e.g.
 * just after Stop, until the server has noticed the closed connection).
 */
export function isStillAnswering(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.kind === "http" &&
    error.code === "RESOURCE_EXHAUSTED" &&
    /still answering/.test(error.message)
  );
}

/**
 * Describes `error` for the person using the page. Never returns a stack trace or an exception's
 * text; the server's own message is shown only for input errors, where it names the field and limit.
 */
export function describeError(error: unknown, context: ErrorContext): FriendlyError {
  const make = (title: string, detail: string, sessionGone = false): FriendlyError => ({
    title,
    detail,
    sessionGone,
  });
  if (!(error instanceof ApiError)) {
    return make(
      "Something went wrong in the page.",
      "Reload the page and try again. Your text is kept in this browser.",
    );
  }
  if (error.kind === "network") {
    return make(
      "Resume Coach can't reach its server.",
      "Check that the server is still running and your connection is up, then try again.",
    );
  }
  if (error.kind === "stream") {
    const what = context === "analyze" ? "analysis" : "answer";
    const wait = error.retryAfterSeconds ? ` in ${error.retryAfterSeconds} s` : "";
    return make(
      error.partial ? `The ${what} was interrupted.` : `The ${what} couldn't be finished.`,
      context === "analyze"
        ? `The connection to the server ended before the analysis was written. Analyze again${wait}.`
        : `The connection to the server ended before the answer was complete. Ask again${wait}.`,
    );
  }
  if (error.kind === "bad-response") {
    return make(
      "The server sent a reply the page can't read.",
      "Try again in a moment. If it keeps happening, restart the server.",
    );
  }
  const serverSays = capitalize(error.message);
  switch (error.code) {
    case "INVALID_ARGUMENT":
    case "UNPROCESSABLE":
      return make(
        context === "chat" ? "That question couldn't be sent." : "The server couldn't use this input.",
        serverSays || "Check the text you entered and try again.",
      );
    case "PAYLOAD_TOO_LARGE":
      return make(
        "That's more text than Resume Coach accepts.",
        `${serverSays ? `${serverSays} ` : ""}Shorten the resume or job description and try again.`,
      );
    case "UNSUPPORTED_MEDIA_TYPE":
      return make("That file type isn't supported.", "Use a .txt or .md file, or paste the text instead.");
    case "NOT_FOUND":
      if (context === "chat" || context === "restore" || context === "start-over") {
        return make(
          "Your coaching session has expired.",
          "Sessions are kept for 24 hours after their last use. Analyze again to start a new one; your text is still here.",
          true,
        );
      }
      if (context === "examples") {
        return make("That example is no longer available.", "Pick another example from the list.");
      }
      return make("The server doesn't know that request.", "Reload the page and try again.");
    case "RESOURCE_EXHAUSTED": {
      const when = error.retryAfterSeconds !== null ? `try again in ${error.retryAfterSeconds} s` : "";
      if (context === "chat") {
        if (isStillAnswering(error)) {
          return make(
            "The coach is still finishing your previous answer.",
            "Try again in a moment. Your question is still in the box.",
          );
        }
        return make(
          /network address/.test(error.message)
            ? "Too many AI questions are coming from your network right now."
            : "The AI coach is limited to a few questions a minute.",
          when ? `Please ${when}. Your question is still in the box.` : "Wait a little and try again.",
        );
      }
      return make(
        "Resume Coach is getting too many requests right now.",
        when ? `Please ${when}.` : "Wait a few seconds and try again.",
      );
    }
    case "UNAVAILABLE":
      return make(
        "Resume Coach is temporarily unavailable.",
        "The server may be starting up or overloaded. Try again in a moment.",
      );
    case "DEADLINE_EXCEEDED":
      return make(
        "The server took too long to answer.",
        "Try again. Very long inputs take longer, so shortening them can help.",
      );
    default:
      return make(
        "The server ran into a problem.",
        "It's not something you did. Try again; if it keeps failing, restart the server.",
      );
  }
}

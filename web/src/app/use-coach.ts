// The page's state: inputs, the analysis, the chat and the session that ties them together.
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, type ApiClient } from "../lib/api-client";
import { describeError, isStillAnswering, type FriendlyError } from "../lib/errors";
import { createTextBatch } from "../lib/frame-batch";
import { abortError, isAbortError } from "../lib/sse";
import { loadInputs, loadSessionId, saveInputs, saveSessionId } from "../lib/storage";
import { codePointLength, MAX_INPUT_CHARS, type AnswerMode, type Report } from "../types/api";
import { askCoach } from "../features/chat/api/ask";
import { messagesFromTurns, nextMessageId, type ChatMessage } from "../features/chat/lib/chat-types";

/**
 * An analysis with the exact texts it was computed from (spans point into them). The report comes
 * first; the written analysis streams in while `status` is "writing".
 */
export interface AnalysisResult {
  analysis: string;
  report: Report;
  resume: string;
  jobDescription: string;
  /** "writing": the analysis text is arriving; "interrupted": it broke off (no session was made). */
  status: "writing" | "done" | "interrupted";
  /** Who wrote the analysis ("" when unknown, e.g. a restored session). */
  mode: AnswerMode | "";
  /** "" or the server's sentence on why the built-in analysis replaced the AI one. */
  notice: string;
  /** The server holds a session for this report, so questions can be asked. */
  hasSession: boolean;
}

/** "writing": the report is shown and its written analysis is still arriving. */
export type Phase = "restoring" | "idle" | "analyzing" | "writing";

export interface CoachState {
  resume: string;
  jobDescription: string;
  phase: Phase;
  result: AnalysisResult | null;
  messages: ChatMessage[];
  sending: boolean;
  analyzeError: FriendlyError | null;
  chatError: FriendlyError | null;
  /** The stored session no longer exists on the server (expired or unknown). */
  sessionExpired: boolean;
  /** The answer mode the server is configured with ("builtin" or "llm"), "" until known. */
  serverMode: string;
  /** The AI model the server is configured with, "" in built-in mode or until known. */
  serverModel: string;
  /** Counts reports produced by Analyze (not restored ones), so the page can move focus to each. */
  reportVersion: number;
}

export interface CoachActions {
  setResume: (value: string) => void;
  setJobDescription: (value: string) => void;
  clearInputs: () => void;
  loadExample: (id: string, target: "resume" | "job") => Promise<boolean>;
  analyze: () => Promise<boolean>;
  ask: (question: string) => Promise<boolean>;
  /** Stops the answer that is arriving; its text so far stays, marked as stopped. */
  stopAnswer: () => void;
  startOver: () => Promise<void>;
  dismissExpired: () => void;
}

/** Resolves after `ms`, or rejects with an AbortError as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(abortError());
      },
      { once: true },
    );
  });
}

/** Why Analyze is not possible right now, or null when it is. */
export function analyzeBlocker(resume: string, jobDescription: string): string | null {
  if (resume.trim() === "" && jobDescription.trim() === "")
    return "Paste a resume and a job description first.";
  if (resume.trim() === "") return "Paste or upload a resume first.";
  if (jobDescription.trim() === "") return "Paste or upload a job description first.";
  if (codePointLength(resume) > MAX_INPUT_CHARS) return "The resume is over the 100,000-character limit.";
  if (codePointLength(jobDescription) > MAX_INPUT_CHARS)
    return "The job description is over the 100,000-character limit.";
  return null;
}

/** Owns all page state; `client` is injectable for tests. */
export function useCoach(client: ApiClient): CoachState & CoachActions {
  const initial = useRef(loadInputs());
  const [resume, setResumeState] = useState(initial.current.resume);
  const [jobDescription, setJobState] = useState(initial.current.jobDescription);
  const [phase, setPhase] = useState<Phase>(() => (loadSessionId() ? "restoring" : "idle"));
  const [result, setResult] = useState<AnalysisResult | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [sending, setSending] = useState(false);
  const [analyzeError, setAnalyzeError] = useState<FriendlyError | null>(null);
  const [chatError, setChatError] = useState<FriendlyError | null>(null);
  const [sessionExpired, setSessionExpired] = useState(false);
  const [serverMode, setServerMode] = useState("");
  const [serverModel, setServerModel] = useState("");
  const [reportVersion, setReportVersion] = useState(0);
  const analyzeAbort = useRef<AbortController | null>(null);
  const chatAbort = useRef<AbortController | null>(null);
  const analyzeRun = useRef(0);

  // Leaving the page closes any stream still open, so the server stops generating.
  useEffect(
    () => () => {
      analyzeAbort.current?.abort();
      chatAbort.current?.abort();
    },
    [],
  );

  useEffect(() => {
    saveInputs({ resume, jobDescription });
  }, [resume, jobDescription]);

  const expire = useCallback(() => {
    saveSessionId(null);
    setSessionExpired(true);
    setResult(null);
    setMessages([]);
  }, []);

  // Restore the previous analysis and chat after a reload; learn the answer mode.
  useEffect(() => {
    const controller = new AbortController();
    client
      .health({ signal: controller.signal })
      .then((h) => {
        setServerMode(typeof h.llm === "string" ? h.llm : "");
        setServerModel(h.llm === "llm" && typeof h.model === "string" ? h.model : "");
      })
      .catch(() => undefined); // the badge is optional; other calls report connectivity problems

    const sessionId = loadSessionId();
    if (sessionId) {
      client
        .getSession(sessionId, { signal: controller.signal })
        .then((session) => {
          setResult({
            analysis: session.analysis,
            report: session.report,
            resume: session.resume,
            jobDescription: session.job_description,
            status: "done",
            mode:
              session.analysis_mode === "llm" || session.analysis_mode === "builtin"
                ? session.analysis_mode
                : "",
            // Shown where a live analysis shows it, so a reload still says why.
            notice: typeof session.analysis_notice === "string" ? session.analysis_notice : "",
            hasSession: true,
          });
          setMessages(messagesFromTurns(session.chat ?? []));
          if (initial.current.resume === "" && initial.current.jobDescription === "") {
            setResumeState(session.resume);
            setJobState(session.job_description);
          }
          setPhase("idle");
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          const friendly = describeError(error, "restore");
          if (friendly.sessionGone) expire();
          else setAnalyzeError(friendly);
          setPhase("idle");
        });
    }
    return () => controller.abort();
  }, [client, expire]);

  const analyze = useCallback(async () => {
    const blocker = analyzeBlocker(resume, jobDescription);
    if (blocker) {
      setAnalyzeError({ title: "Not ready to analyze yet.", detail: blocker, sessionGone: false });
      return false;
    }
    analyzeAbort.current?.abort();
    const controller = new AbortController();
    analyzeAbort.current = controller;
    const run = ++analyzeRun.current;
    const current = () => run === analyzeRun.current;
    setPhase("analyzing");
    setAnalyzeError(null);
    setChatError(null);
    let reportShown = false;
    const batch = createTextBatch((text) => {
      if (current())
        setResult((prev) => (prev && prev.status === "writing" ? { ...prev, analysis: text } : prev));
    });
    try {
      const response = await client.analyzeStream(
        { resume, job_description: jobDescription },
        {
          onReport: (report) => {
            if (!current()) return;
            reportShown = true;
            // The new report replaces the old one, whose session no longer matches what is shown.
            chatAbort.current?.abort();
            saveSessionId(null);
            setMessages([]);
            setSessionExpired(false);
            setResult({
              analysis: "",
              report,
              resume,
              jobDescription,
              status: "writing",
              mode: "",
              notice: "",
              hasSession: false,
            });
            setPhase("writing");
            setReportVersion((v) => v + 1);
          },
          onToken: (piece) => batch.append(piece),
        },
        { signal: controller.signal },
      );
      batch.cancel();
      if (!current()) return false;
      saveSessionId(response.sessionId);
      setResult({
        analysis: response.analysis,
        report: response.report,
        resume,
        jobDescription,
        status: "done",
        mode: response.mode,
        notice: response.notice,
        hasSession: true,
      });
      return true;
    } catch (error) {
      batch.cancel();
      if (!current() || isAbortError(error)) return false;
      if (reportShown) {
        setResult((prev) => (prev ? { ...prev, analysis: batch.text, status: "interrupted" } : prev));
      }
      setAnalyzeError(describeError(error, "analyze"));
      return false;
    } finally {
      if (current()) {
        setPhase("idle");
        analyzeAbort.current = null;
      }
    }
  }, [client, resume, jobDescription]);

  const ask = useCallback(
    async (question: string) => {
      const sessionId = loadSessionId();
      if (!sessionId) {
        expire();
        return false;
      }
      chatAbort.current?.abort();
      const controller = new AbortController();
      chatAbort.current = controller;
      const userId = nextMessageId();
      const pendingId = nextMessageId();
      setChatError(null);
      setSending(true);
      setMessages((prev) => [
        ...prev,
        { id: userId, role: "user", content: question, mode: "", complete: true, state: "done", notice: "" },
        {
          id: pendingId,
          role: "assistant",
          content: "",
          mode: "",
          complete: false,
          state: "streaming",
          notice: "",
        },
      ]);
      const update = (patch: Partial<ChatMessage>) =>
        setMessages((prev) => prev.map((m) => (m.id === pendingId ? { ...m, ...patch } : m)));
      const dropPair = () => setMessages((prev) => prev.filter((m) => m.id !== pendingId && m.id !== userId));
      const batch = createTextBatch((content) => update({ content }));
      const send = () =>
        askCoach(client, sessionId, question, (piece) => batch.append(piece), controller.signal);
      try {
        let reply;
        try {
          reply = await send();
        } catch (error) {
          // Just after Stop the server may not have closed the previous answer yet: wait as long
          // as it says (at most 2 s) and try once more.
          if (!isStillAnswering(error)) throw error;
          const seconds = (error as ApiError).retryAfterSeconds ?? 1;
          await sleep(Math.min(Math.max(seconds, 0.5), 2) * 1000, controller.signal);
          reply = await send();
        }
        const { answer, mode, notice } = reply;
        batch.cancel();
        // The final answer replaces the streamed text (claims may be annotated, images removed).
        update({ content: answer, mode, notice, complete: true, state: "done" });
        return true;
      } catch (error) {
        batch.cancel();
        const soFar = batch.text;
        if (isAbortError(error)) {
          // Stopped by the user (or the page moved on): keep what arrived, else take the question back.
          if (soFar !== "") {
            // Only the AI model streams text piece by piece; the built-in coach answers in one go.
            update({ content: soFar, mode: "llm", state: "stopped" });
            return true;
          }
          dropPair();
          return false;
        }
        if (error instanceof ApiError && error.kind === "stream" && soFar !== "") {
          // The server kept this text marked incomplete; show it the same way, with Ask again.
          update({ content: soFar, mode: "llm", state: "interrupted" });
          return true;
        }
        const friendly = describeError(error, "chat");
        // Drop the unanswered pair; the question goes back into the composer.
        dropPair();
        if (friendly.sessionGone) expire();
        else setChatError(friendly);
        return false;
      } finally {
        if (chatAbort.current === controller) {
          chatAbort.current = null;
          setSending(false);
        }
      }
    },
    [client, expire],
  );

  const stopAnswer = useCallback(() => chatAbort.current?.abort(), []);

  const startOver = useCallback(async () => {
    analyzeRun.current += 1;
    analyzeAbort.current?.abort();
    chatAbort.current?.abort();
    setPhase("idle");
    const sessionId = loadSessionId();
    saveSessionId(null);
    setResult(null);
    setMessages([]);
    setAnalyzeError(null);
    setChatError(null);
    setSessionExpired(false);
    if (sessionId) {
      try {
        await client.deleteSession(sessionId);
      } catch (error) {
        const friendly = describeError(error, "start-over");
        // An expired session is already gone, which is what the user asked for.
        if (!friendly.sessionGone) setAnalyzeError(friendly);
      }
    }
  }, [client]);

  const loadExample = useCallback(
    async (id: string, target: "resume" | "job") => {
      try {
        const item = await client.getItem(id);
        if (target === "resume") setResumeState(item.content);
        else setJobState(item.content);
        return true;
      } catch (error) {
        setAnalyzeError(describeError(error, "examples"));
        return false;
      }
    },
    [client],
  );

  return {
    resume,
    jobDescription,
    phase,
    result,
    messages,
    sending,
    analyzeError,
    chatError,
    sessionExpired,
    serverMode,
    serverModel,
    reportVersion,
    setResume: setResumeState,
    setJobDescription: setJobState,
    clearInputs: () => {
      setResumeState("");
      setJobState("");
    },
    loadExample,
    analyze,
    ask,
    stopAnswer,
    startOver,
    dismissExpired: () => setSessionExpired(false),
  };
}

// The page's state: inputs, the analysis, the chat and the session that ties them together.
import { useCallback, useEffect, useRef, useState } from "react";
import { type ApiClient } from "../lib/api-client";
import { describeError, type FriendlyError } from "../lib/errors";
import { loadInputs, loadSessionId, saveInputs, saveSessionId } from "../lib/storage";
import { codePointLength, MAX_INPUT_CHARS, type Report } from "../types/api";
import { askCoach } from "../features/chat/api/ask";
import { messagesFromTurns, nextMessageId, type ChatMessage } from "../features/chat/lib/chat-types";

/** A finished analysis with the exact texts it was computed from (spans point into them). */
export interface AnalysisResult {
  analysis: string;
  report: Report;
  resume: string;
  jobDescription: string;
}

export type Phase = "restoring" | "idle" | "analyzing";

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
}

export interface CoachActions {
  setResume: (value: string) => void;
  setJobDescription: (value: string) => void;
  clearInputs: () => void;
  loadExample: (id: string, target: "resume" | "job") => Promise<boolean>;
  analyze: () => Promise<boolean>;
  ask: (question: string) => Promise<boolean>;
  startOver: () => Promise<void>;
  dismissExpired: () => void;
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
      .then((h) => setServerMode(typeof h.llm === "string" ? h.llm : ""))
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
    setPhase("analyzing");
    setAnalyzeError(null);
    setChatError(null);
    try {
      const response = await client.analyze({ resume, job_description: jobDescription });
      saveSessionId(response.sessionId);
      setResult({ analysis: response.analysis, report: response.report, resume, jobDescription });
      setMessages([]);
      setSessionExpired(false);
      return true;
    } catch (error) {
      setAnalyzeError(describeError(error, "analyze"));
      return false;
    } finally {
      setPhase("idle");
    }
  }, [client, resume, jobDescription]);

  const ask = useCallback(
    async (question: string) => {
      const sessionId = loadSessionId();
      if (!sessionId) {
        expire();
        return false;
      }
      const pendingId = nextMessageId();
      setChatError(null);
      setSending(true);
      setMessages((prev) => [
        ...prev,
        { id: nextMessageId(), role: "user", content: question, mode: "", complete: true },
        { id: pendingId, role: "assistant", content: "", mode: "", complete: false },
      ]);
      const update = (content: string, mode: ChatMessage["mode"], complete: boolean) =>
        setMessages((prev) => prev.map((m) => (m.id === pendingId ? { ...m, content, mode, complete } : m)));
      try {
        const { answer, mode } = await askCoach(client, sessionId, question, (soFar, soFarMode) =>
          update(soFar, soFarMode, false),
        );
        update(answer, mode, true);
        return true;
      } catch (error) {
        const friendly = describeError(error, "chat");
        // Drop the unanswered pair; the question goes back into the composer.
        setMessages((prev) => prev.slice(0, -2));
        if (friendly.sessionGone) expire();
        else setChatError(friendly);
        return false;
      } finally {
        setSending(false);
      }
    },
    [client, expire],
  );

  const startOver = useCallback(async () => {
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
    setResume: setResumeState,
    setJobDescription: setJobState,
    clearInputs: () => {
      setResumeState("");
      setJobState("");
    },
    loadExample,
    analyze,
    ask,
    startOver,
    dismissExpired: () => setSessionExpired(false),
  };
}

// The single page: inputs, analysis report and chat, composed from the features.
import { useEffect, useRef } from "react";
import { apiClient, type ApiClient } from "../lib/api-client";
import { ChatPanel } from "../features/chat/components/chat-panel";
import { InputsPanel } from "../features/inputs/components/inputs-panel";
import { useExamples } from "../features/inputs/api/examples";
import { ReportView } from "../features/analysis/components/report-view";
import { ModeIndicator } from "./mode-indicator";
import { analyzeBlocker, useCoach } from "./use-coach";
import { useTheme } from "./use-theme";

function Logo() {
  return (
    <svg className="logo" viewBox="0 0 64 64" width="32" height="32" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" className="logo__bg" />
      <rect x="16" y="12" width="28" height="36" rx="4" className="logo__page" />
      <rect x="21" y="19" width="18" height="3" rx="1.5" className="logo__line" />
      <rect x="21" y="26" width="14" height="3" rx="1.5" className="logo__line" />
      <rect x="21" y="33" width="16" height="3" rx="1.5" className="logo__line" />
      <circle cx="44" cy="44" r="11" className="logo__check-bg" />
      <path d="M38.5 44.5l4 4 7-8" className="logo__check" />
    </svg>
  );
}

const STEPS = [
  {
    title: "Score the match",
    text: "A score out of 100 with the factors behind it: skills, job title, years of experience, education.",
  },
  {
    title: "See the evidence",
    text: "Every requirement marked met, partial or missing, with the exact lines in your resume that show it.",
  },
  {
    title: "Ask the coach",
    text: "Follow-up questions about gaps, bullets to rewrite, a summary draft or likely interview questions.",
  },
];

function HowItWorks() {
  return (
    <ol className="steps" aria-label="How it works">
      {STEPS.map((step, i) => (
        <li key={step.title} className="steps__item">
          <span className="steps__number" aria-hidden="true">
            {i + 1}
          </span>
          <div>
            <h2 className="steps__title">{step.title}</h2>
            <p className="steps__text">{step.text}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}

export function App({ client = apiClient }: { client?: ApiClient }) {
  const coach = useCoach(client);
  const examples = useExamples(client);
  const { theme, toggle } = useTheme();
  const reportHeading = useRef<HTMLHeadingElement>(null);

  // When a new report arrives (before its analysis is written), move focus and the view to it;
  // restored reports leave focus alone.
  useEffect(() => {
    if (coach.reportVersion > 0) reportHeading.current?.focus();
  }, [coach.reportVersion]);

  const runAnalysis = () => void coach.analyze();

  const busy = coach.phase !== "idle";
  const blocker = analyzeBlocker(coach.resume, coach.jobDescription);
  const stale =
    coach.result !== null &&
    (coach.result.resume !== coach.resume || coach.result.jobDescription !== coach.jobDescription);

  return (
    <div className="page">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <div className="brand">
            <Logo />
            <span className="brand__name">Resume Coach</span>
          </div>
          <ModeIndicator mode={coach.serverMode} model={coach.serverModel} />
          <button
            type="button"
            className="btn btn--ghost btn--icon"
            onClick={toggle}
            aria-label={theme === "dark" ? "Switch to light theme" : "Switch to dark theme"}
            title={theme === "dark" ? "Switch to light theme" : "Switch to dark theme"}
          >
            <span aria-hidden="true">{theme === "dark" ? "☀" : "☾"}</span>
          </button>
        </div>
      </header>

      <main id="main" className="main" tabIndex={-1}>
        <div className="intro">
          <h1 className="intro__title">How well does your resume fit the job?</h1>
          <p className="intro__lead">
            Paste a resume and a job description. Resume Coach scores the match, shows the evidence for every
            requirement, and answers your follow-up questions.
          </p>
        </div>

        {coach.sessionExpired && (
          <div className="notice notice--warn" role="alert">
            <div>
              <strong>Your previous coaching session has expired or was deleted.</strong> Sessions are kept
              for 24 hours after their last use, so its report and chat are gone. Your resume and job
              description are still here.
            </div>
            <div className="notice__actions">
              <button
                type="button"
                className="btn btn--primary btn--small"
                onClick={runAnalysis}
                disabled={busy || blocker !== null}
              >
                Analyze again
              </button>
              <button type="button" className="btn btn--ghost btn--small" onClick={coach.dismissExpired}>
                Dismiss
              </button>
            </div>
          </div>
        )}

        <section className="card inputs-card" aria-label="Your documents">
          <InputsPanel
            resume={coach.resume}
            jobDescription={coach.jobDescription}
            onResumeChange={coach.setResume}
            onJobDescriptionChange={coach.setJobDescription}
            examples={examples.items}
            onPickExample={coach.loadExample}
            disabled={coach.phase === "analyzing"}
          />
          {examples.failed && (
            <p className="muted small">The examples couldn't be loaded; you can still paste your own text.</p>
          )}
          <div className="actions">
            <button
              id="analyze-button"
              type="button"
              className="btn btn--primary btn--large"
              onClick={runAnalysis}
              disabled={busy}
              aria-describedby={blocker ? "analyze-hint" : undefined}
            >
              {coach.phase === "analyzing" ? (
                <>
                  <span className="spinner" aria-hidden="true" /> Analyzing…
                </>
              ) : coach.phase === "writing" ? (
                <>
                  <span className="spinner" aria-hidden="true" /> Writing analysis…
                </>
              ) : coach.result ? (
                "Analyze again"
              ) : (
                "Analyze"
              )}
            </button>
            <button
              type="button"
              className="btn btn--ghost"
              onClick={coach.clearInputs}
              disabled={busy || (coach.resume === "" && coach.jobDescription === "")}
            >
              Clear
            </button>
            {blocker && (
              <span id="analyze-hint" className="muted small">
                {blocker}
              </span>
            )}
            <span className="visually-hidden" role="status">
              {coach.phase === "analyzing" ? "Analyzing your resume…" : ""}
              {coach.phase === "writing" ? "The report is ready; the written analysis is on its way." : ""}
              {coach.phase === "restoring" ? "Restoring your last session…" : ""}
            </span>
          </div>
          {coach.analyzeError && (
            <div className="notice notice--error" role="alert">
              <strong>{coach.analyzeError.title}</strong> {coach.analyzeError.detail}
            </div>
          )}
        </section>

        {coach.phase === "analyzing" && (
          <div className="card progress" aria-hidden="true">
            <div className="progress__bar" />
            <p className="muted">Reading both documents, matching requirements and scoring…</p>
          </div>
        )}
        {coach.phase === "restoring" && (
          <div className="card progress" aria-hidden="true">
            <div className="progress__bar" />
            <p className="muted">Restoring your last session…</p>
          </div>
        )}

        {!coach.result && coach.phase === "idle" && <HowItWorks />}

        {coach.result && (
          <>
            <div className="report-head">
              <h2 ref={reportHeading} tabIndex={-1} className="report-head__title" id="report-title">
                Your report{coach.result.report.job.title ? `: ${coach.result.report.job.title}` : ""}
              </h2>
              <button
                type="button"
                className="btn btn--danger-ghost btn--small"
                onClick={() => void coach.startOver()}
              >
                Start over
              </button>
            </div>
            {stale && (
              <p className="notice notice--info">
                You have edited the text since this report was made. Select <strong>Analyze again</strong> to
                update it.
              </p>
            )}
            <ReportView
              report={coach.result.report}
              analysis={coach.result.analysis}
              resume={coach.result.resume}
              jobDescription={coach.result.jobDescription}
              status={coach.result.status}
              mode={coach.result.mode}
              model={coach.serverModel}
              notice={coach.result.notice}
            />
            <ChatPanel
              messages={coach.messages}
              onSend={coach.ask}
              onStop={coach.stopAnswer}
              sending={coach.sending}
              serverModel={coach.serverModel}
              error={coach.chatError}
              disabled={!coach.result.hasSession}
              disabledReason={
                coach.result.status === "writing"
                  ? "You can ask questions as soon as the analysis is written and your coaching session is saved."
                  : "The analysis didn't finish, so there is no coaching session to ask about yet. Select Analyze again to start one."
              }
            />
          </>
        )}
      </main>
      <footer className="footer muted">
        {coach.serverMode === "llm"
          ? "The score and evidence are computed on this server. The written analysis and chat answers come from the AI model this server is configured with, which receives your documents and questions."
          : "Resume Coach runs entirely on this server: your documents are not sent anywhere else."}{" "}
        Sessions are deleted 24 hours after their last use, or now with Start over.
      </footer>
    </div>
  );
}

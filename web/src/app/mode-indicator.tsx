// The header's answer-mode indicator ("AI coach: <model>" or "Built-in coach"), with an explanation.
import { useEffect, useId, useRef, useState } from "react";

interface ModeIndicatorProps {
  /** "llm", "builtin", or "" while unknown (nothing is shown). */
  mode: string;
  model: string;
}

/** The explanation behind the indicator, in plain words. */
export function modeExplanation(mode: string, model: string): string {
  if (mode === "llm") {
    return (
      `The written analysis and chat answers come from the AI model ${model ? `"${model}" ` : ""}` +
      "configured on this server, grounded in the score and evidence computed here. If the AI " +
      "service fails, the built-in coach answers instead and says so."
    );
  }
  return (
    "The score, analysis and answers come from the built-in coach on this server. It works " +
    "offline: your documents are not sent to any AI service."
  );
}

/** A small disclosure button: the mode in a pill, the explanation below it when opened. */
export function ModeIndicator({ mode, model }: ModeIndicatorProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === "Escape"
          : !root.current?.contains(event.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  if (mode !== "llm" && mode !== "builtin") return null;
  const label = mode === "llm" ? `AI coach${model ? `: ${model}` : ""}` : "Built-in coach";
  const explanation = modeExplanation(mode, model);
  return (
    <div className="mode-indicator" ref={root}>
      <button
        type="button"
        className={`mode-indicator__button mode-indicator__button--${mode}`}
        aria-expanded={open}
        aria-controls={`${id}-about`}
        title={explanation}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="mode-indicator__dot" aria-hidden="true" />
        <span className="mode-indicator__label">
          {label}
          {mode === "builtin" && (
            <>
              {" "}
              <span className="mode-indicator__extra">(offline)</span>
            </>
          )}
        </span>
      </button>
      <div id={`${id}-about`} className="mode-indicator__about" hidden={!open}>
        {explanation}
      </div>
    </div>
  );
}

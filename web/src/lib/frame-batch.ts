// Coalesces rapid text updates (streamed tokens) into at most one state update per animation frame.

/** Schedules `callback` for the next frame; returns a function that cancels it. */
export type FrameScheduler = (callback: () => void) => () => void;

/** requestAnimationFrame where the page has it, else a 16 ms timer. */
export const nextFrame: FrameScheduler = (callback) => {
  if (typeof requestAnimationFrame === "function") {
    const handle = requestAnimationFrame(() => callback());
    return () => cancelAnimationFrame(handle);
  }
  const handle = setTimeout(callback, 16);
  return () => clearTimeout(handle);
};

/** Accumulated text that is published to `publish` at most once per frame. */
export interface TextBatch {
  /** Appends a piece; publishing happens on the next frame. */
  append(piece: string): void;
  /** All text appended so far (published or not). */
  readonly text: string;
  /** Publishes now if anything is pending. */
  flush(): void;
  /** Drops a pending publication (the final text is about to replace it). */
  cancel(): void;
}

/** A TextBatch calling `publish(allTextSoFar)` on frames chosen by `schedule`. */
export function createTextBatch(
  publish: (text: string) => void,
  schedule: FrameScheduler = nextFrame,
): TextBatch {
  let text = "";
  let published = "";
  let cancelPending: (() => void) | null = null;
  const run = () => {
    cancelPending = null;
    if (text !== published) {
      published = text;
      publish(text);
    }
  };
  return {
    append(piece: string) {
      text += piece;
      if (cancelPending === null) cancelPending = schedule(run);
    },
    get text() {
      return text;
    },
    flush() {
      cancelPending?.();
      run();
    },
    cancel() {
      cancelPending?.();
      cancelPending = null;
    },
  };
}

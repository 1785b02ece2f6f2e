// Tests for the per-frame text batch: many tokens, one publication per frame, nothing after cancel.
import { createTextBatch, type FrameScheduler } from "./frame-batch";

/** A scheduler the test drives by hand. */
function manualFrames() {
  const queue: (() => void)[] = [];
  const schedule: FrameScheduler = (callback) => {
    queue.push(callback);
    return () => {
      const i = queue.indexOf(callback);
      if (i >= 0) queue.splice(i, 1);
    };
  };
  return {
    schedule,
    pending: () => queue.length,
    tick() {
      const due = queue.splice(0);
      due.forEach((f) => f());
    },
  };
}

describe("createTextBatch", () => {
  it("publishes the whole text once per frame however many pieces arrived", () => {
    const frames = manualFrames();
    const published: string[] = [];
    const batch = createTextBatch((t) => published.push(t), frames.schedule);
    batch.append("a");
    batch.append("b");
    batch.append("c");
    expect(frames.pending()).toBe(1);
    expect(published).toEqual([]);
    frames.tick();
    expect(published).toEqual(["abc"]);
    batch.append("d");
    frames.tick();
    expect(published).toEqual(["abc", "abcd"]);
    expect(batch.text).toBe("abcd");
  });

  it("flush publishes at once; cancel drops the pending frame", () => {
    const frames = manualFrames();
    const published: string[] = [];
    const batch = createTextBatch((t) => published.push(t), frames.schedule);
    batch.append("x");
    batch.flush();
    expect(published).toEqual(["x"]);
    expect(frames.pending()).toBe(0);
    batch.append("y");
    batch.cancel();
    frames.tick();
    expect(published).toEqual(["x"]);
    expect(batch.text).toBe("xy");
  });
});

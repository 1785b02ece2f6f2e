// Tests for the chat panel: answers in each state (streaming, final, stopped, interrupted, notice),
// mode badges, the Stop button, the one-time announcement and the Enter/Shift+Enter composer.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ComponentProps } from "react";
import { ChatPanel } from "./chat-panel";
import { messagesFromTurns, type ChatMessage } from "../lib/chat-types";

const question: ChatMessage = {
  id: "1",
  role: "user",
  content: "What am I missing?",
  mode: "",
  complete: true,
  state: "done",
  notice: "",
};

function answer(patch: Partial<ChatMessage>): ChatMessage {
  return {
    id: "2",
    role: "assistant",
    content: "",
    mode: "",
    complete: false,
    state: "streaming",
    notice: "",
    ...patch,
  };
}

const done = (content: string, mode: ChatMessage["mode"] = "llm", notice = "") =>
  answer({ content, mode, notice, complete: true, state: "done" });

function panel(props: Partial<ComponentProps<typeof ChatPanel>> = {}) {
  return (
    <ChatPanel
      messages={[]}
      onSend={async () => true}
      sending={false}
      serverModel="gpt-4o-mini"
      error={null}
      {...props}
    />
  );
}

describe("ChatPanel", () => {
  it("renders answers as Markdown with the badge of the mode that answered", () => {
    render(
      panel({
        messages: [question, done("Add **Kubernetes**.", "builtin"), { ...done("Also *Go*."), id: "3" }],
      }),
    );
    expect(screen.getByText("Kubernetes").tagName).toBe("STRONG");
    expect(screen.getByText("Built-in coach")).toBeTruthy();
    expect(screen.getByText("AI coach · gpt-4o-mini")).toBeTruthy();
  });

  it("shows a typing indicator before the first token, then the text with a caret while it streams", () => {
    const { rerender, container } = render(panel({ messages: [question, answer({})], sending: true }));
    expect(screen.getByText("The coach is answering…")).toBeTruthy();
    rerender(panel({ messages: [question, answer({ content: "You are missing **Kube" })], sending: true }));
    expect(screen.queryByText("The coach is answering…")).toBeNull();
    const article = container.querySelector('[data-message-id="2"]')!;
    expect(article.getAttribute("aria-busy")).toBe("true");
    expect(article.querySelector(".markdown--streaming")).not.toBeNull();
    expect(article.textContent).toContain("You are missing");
    expect(screen.getByText("Writing…")).toBeTruthy();
  });

  it("replaces the streamed text with the final answer when it is done", () => {
    const { rerender, container } = render(
      panel({ messages: [question, answer({ content: "You have Rust experience" })], sending: true }),
    );
    rerender(panel({ messages: [question, done("You have **no evidence** of Rust experience.")] }));
    const article = container.querySelector('[data-message-id="2"]')!;
    expect(article.textContent).toContain("You have no evidence of Rust experience.");
    expect(article.querySelector(".markdown--streaming")).toBeNull();
    expect(article.getAttribute("aria-busy")).toBeNull();
  });

  it("announces the finished answer once, not each token, and keeps the log itself quiet", () => {
    const { rerender } = render(panel({ messages: [question, answer({ content: "One" })], sending: true }));
    const status = screen.getByRole("status");
    expect(status.textContent).toBe("");
    rerender(panel({ messages: [question, answer({ content: "One two" })], sending: true }));
    expect(status.textContent).toBe("");
    rerender(panel({ messages: [question, done("One **two** three.")] }));
    expect(status.textContent).toBe("The coach answered: One two three.");
    expect(screen.getByRole("log").getAttribute("aria-live")).toBe("off");
    // A later re-render (e.g. a restored list) does not announce it again.
    rerender(panel({ messages: [question, done("One **two** three.")], error: null }));
    expect(status.textContent).toBe("The coach answered: One two three.");
  });

  it("keeps an interrupted answer's text marked Interrupted with Ask again", async () => {
    const onSend = vi.fn(async () => true);
    const { rerender } = render(
      panel({ messages: [question, answer({ content: "Half an ans" })], sending: true, onSend }),
    );
    rerender(
      panel({ messages: [question, answer({ content: "Half an ans", state: "interrupted" })], onSend }),
    );
    expect(screen.getByText("Interrupted")).toBeTruthy();
    expect(screen.getByText("Half an ans")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toMatch(/^The answer was interrupted\. Half an ans/);
    fireEvent.click(screen.getByRole("button", { name: "Ask again" }));
    await waitFor(() => expect(onSend).toHaveBeenCalledWith("What am I missing?"));
  });

  it("marks an answer the user stopped and offers Ask again", () => {
    render(panel({ messages: [question, answer({ content: "Partial", state: "stopped" })] }));
    expect(screen.getByText("Stopped")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Ask again" })).toBeTruthy();
  });

  it("shows the fallback notice next to a built-in answer", () => {
    const notice =
      "The AI coach is unavailable (the AI service is busy); this is the built-in coach's answer.";
    render(panel({ messages: [question, done("Built-in text", "builtin", notice)] }));
    expect(screen.getByRole("note").textContent).toContain(notice);
    expect(screen.getByText("Built-in coach")).toBeTruthy();
  });

  it("turns Send into Stop while an answer arrives", () => {
    const onStop = vi.fn();
    render(panel({ messages: [question, answer({ content: "x" })], sending: true, onStop }));
    expect(screen.queryByRole("button", { name: "Send" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Stop" }));
    expect(onStop).toHaveBeenCalledTimes(1);
  });

  it("renders hostile Markdown in a streaming answer inert", () => {
    const { container } = render(
      panel({
        messages: [
          question,
          answer({
            content:
              'Hi <script>window.__x=1</script> <img src="https://evil.example/a.png"> ![b](https://evil.example/b.png) [c](javascript:alert(1))',
          }),
        ],
        sending: true,
      }),
    );
    expect(container.querySelector("script, img, iframe")).toBeNull();
    expect(container.querySelector('[href^="javascript"]')).toBeNull();
  });

  it("explains why questions are not open yet", () => {
    render(panel({ disabled: true, disabledReason: "You can ask once the analysis is written." }));
    expect(screen.getByText("You can ask once the analysis is written.")).toBeTruthy();
    expect((screen.getByLabelText("Your question") as HTMLTextAreaElement).disabled).toBe(true);
    expect(
      (screen.getByRole("button", { name: "Which required skills am I missing?" }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
  });

  it("shows a restored unfinished answer as interrupted", () => {
    const restored = messagesFromTurns([
      { role: "user", content: "Why?", mode: "", complete: true, created_at_ms: 1 },
      { role: "assistant", content: "Because", mode: "llm", complete: false, created_at_ms: 2 },
    ]);
    render(panel({ messages: restored }));
    expect(screen.getByText("Interrupted")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe(""); // restoring announces nothing
  });

  it("sends on Enter and keeps newlines on Shift+Enter", async () => {
    const onSend = vi.fn(async () => true);
    render(panel({ onSend }));
    const box = screen.getByLabelText("Your question") as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: "line one" } });
    fireEvent.keyDown(box, { key: "Enter", shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: "Enter" });
    await waitFor(() => expect(onSend).toHaveBeenCalledWith("line one"));
    expect(box.value).toBe("");
  });

  it("puts the question back when it could not be sent", async () => {
    render(panel({ onSend: async () => false }));
    const box = screen.getByLabelText("Your question") as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: "Why?" } });
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(box.value).toBe("Why?"));
  });

  it("ignores Enter while an answer is pending", () => {
    const onSend = vi.fn(async () => true);
    render(panel({ messages: [question, answer({})], onSend, sending: true }));
    const box = screen.getByLabelText("Your question");
    fireEvent.change(box, { target: { value: "next" } });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSend).not.toHaveBeenCalled();
  });
});

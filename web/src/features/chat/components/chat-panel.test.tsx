// Tests for the chat panel: Markdown answers, mode badges and the Enter/Shift+Enter composer.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { ChatPanel } from "./chat-panel";
import type { ChatMessage } from "../lib/chat-types";

const conversation: ChatMessage[] = [
  { id: "1", role: "user", content: "What am I missing?", mode: "", complete: true },
  { id: "2", role: "assistant", content: "Add **Kubernetes**.", mode: "builtin", complete: true },
];

describe("ChatPanel", () => {
  it("renders answers as Markdown with the mode that answered", () => {
    render(
      <ChatPanel
        messages={conversation}
        onSend={async () => true}
        sending={false}
        serverMode="llm"
        error={null}
      />,
    );
    expect(screen.getByText("Kubernetes").tagName).toBe("STRONG");
    expect(screen.getByText("Built-in coach")).toBeTruthy();
    expect(screen.getByText("LLM")).toBeTruthy(); // the server's configured mode in the header
  });

  it("sends on Enter and keeps newlines on Shift+Enter", async () => {
    const onSend = vi.fn(async () => true);
    render(<ChatPanel messages={[]} onSend={onSend} sending={false} serverMode="builtin" error={null} />);
    const box = screen.getByLabelText("Your question") as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: "line one" } });
    fireEvent.keyDown(box, { key: "Enter", shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: "Enter" });
    await waitFor(() => expect(onSend).toHaveBeenCalledWith("line one"));
    expect(box.value).toBe("");
  });

  it("puts the question back when it could not be sent", async () => {
    render(<ChatPanel messages={[]} onSend={async () => false} sending={false} serverMode="" error={null} />);
    const box = screen.getByLabelText("Your question") as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: "Why?" } });
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(box.value).toBe("Why?"));
  });

  it("shows a typing indicator while an answer is pending and ignores blank input", () => {
    const onSend = vi.fn(async () => true);
    render(
      <ChatPanel
        messages={[{ id: "3", role: "assistant", content: "", mode: "", complete: false }]}
        onSend={onSend}
        sending
        serverMode="builtin"
        error={null}
      />,
    );
    expect(screen.getByText("The coach is answering…")).toBeTruthy();
    fireEvent.keyDown(screen.getByLabelText("Your question"), { key: "Enter" });
    expect(onSend).not.toHaveBeenCalled();
  });
});

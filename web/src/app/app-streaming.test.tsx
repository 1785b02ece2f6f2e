// Page-level tests of LLM mode: streamed analysis and answers driven event by event by the test.
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ApiClient } from "../lib/api-client";
import { storageKeys } from "../lib/storage";
import { sampleJob, sampleReport, sampleResume } from "../test/sample-report";
import type { ChatTurn } from "../types/api";
import { App } from "./app";

const encoder = new TextEncoder();

/** One open event stream the test writes to. `cancelled` turns true when the page closes it. */
class Pipe {
  cancelled = false;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  readonly stream = new ReadableStream<Uint8Array>({
    start: (c) => {
      this.controller = c;
    },
    cancel: () => {
      this.cancelled = true;
    },
  });

  async send(name: string, data: unknown) {
    await act(async () => {
      this.controller.enqueue(encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`));
      await new Promise((r) => setTimeout(r, 30)); // let the page read it and paint a frame
    });
  }

  async close() {
    await act(async () => {
      if (!this.cancelled) this.controller.close(); // the page stops reading after its last event
      await new Promise((r) => setTimeout(r, 10));
    });
  }
}

type Reply = Response | Pipe;

/** A server in LLM mode: the test decides each reply to /analyze and /chat. */
class LlmServer {
  analyzeReplies: (() => Reply)[] = [];
  chatReplies: (() => Reply)[] = [];
  pipes: Pipe[] = [];
  chatBodies: unknown[] = [];
  session: { chat: ChatTurn[]; analysis_mode: string; analysis_notice?: string } | null = null;

  fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { "Content-Type": "application/json", ...headers },
      });
    if (url === "/health")
      return json(200, { status: "ok", storage: "sqlite", llm: "llm", model: "gpt-4o-mini" });
    if (url === "/items") return json(200, []);
    if (url === "/session") {
      if (!this.session) return json(404, { error: { code: "NOT_FOUND", message: "session not found" } });
      return json(200, {
        sessionId: "s1",
        resume: sampleResume,
        job_description: sampleJob,
        analysis: "## Key Strengths\n- Go",
        analysis_mode: this.session.analysis_mode,
        ...(this.session.analysis_notice === undefined
          ? {}
          : { analysis_notice: this.session.analysis_notice }),
        report: sampleReport,
        chat: this.session.chat,
        created_at_ms: 0,
        updated_at_ms: 0,
        expires_at_ms: 0,
      });
    }
    const queue = url === "/analyze" ? this.analyzeReplies : this.chatReplies;
    if (url === "/chat") this.chatBodies.push(JSON.parse(init?.body as string));
    const next = queue.shift();
    if (!next) throw new Error(`unexpected ${url}`);
    const reply = next();
    if (reply instanceof Response) return reply;
    this.pipes.push(reply);
    return new Response(reply.stream, { status: 200, headers: { "Content-Type": "text/event-stream" } });
  };
}

function pipeFor(queue: (() => Reply)[]): Pipe {
  const pipe = new Pipe();
  queue.push(() => pipe);
  return pipe;
}

function mount(server: LlmServer) {
  localStorage.setItem(
    storageKeys.INPUTS_KEY,
    JSON.stringify({ resume: sampleResume, jobDescription: sampleJob }),
  );
  return render(<App client={new ApiClient(server.fetch)} />);
}

async function analyzeWithStream(server: LlmServer, notice = "", mode = "llm") {
  const pipe = pipeFor(server.analyzeReplies);
  fireEvent.click(screen.getByRole("button", { name: "Analyze" }));
  await pipe.send("report", { report: sampleReport });
  await pipe.send("token", { text: "## Qualification Assessment\n\nStrong " });
  await pipe.send("done", {
    analysis:
      "## Qualification Assessment\n\nStrong fit.\n\n## Missing Skills / Experience\n\n- Rust\n\n## Key Strengths\n\n- Go",
    sessionId: "s1",
    mode,
    notice,
  });
  await pipe.close();
}

function ask(question: string) {
  const box = screen.getByLabelText("Your question");
  fireEvent.change(box, { target: { value: question } });
  fireEvent.keyDown(box, { key: "Enter" });
}

function lastAnswer(): HTMLElement {
  const articles = within(screen.getByRole("log", { name: "Conversation" })).getAllByRole("article");
  return articles[articles.length - 1]!;
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe("App in LLM mode", () => {
  it("names the AI model in the header and explains it", async () => {
    mount(new LlmServer());
    const button = await screen.findByRole("button", { name: "AI coach: gpt-4o-mini" });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(button);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByText(/If the AI service fails, the built-in coach answers instead/)).toBeTruthy();
    fireEvent.keyDown(document, { key: "Escape" });
    expect(button.getAttribute("aria-expanded")).toBe("false");
  });

  it("shows the report as soon as it arrives, streams the sections in, and opens chat on done", async () => {
    const server = new LlmServer();
    mount(server);
    await screen.findByRole("button", { name: "AI coach: gpt-4o-mini" });
    const pipe = pipeFor(server.analyzeReplies);
    fireEvent.click(screen.getByRole("button", { name: "Analyze" }));
    await pipe.send("report", { report: sampleReport });
    // The report is up before any narrative: score, placeholders, chat closed with a reason.
    expect(screen.getByRole("heading", { name: /Your report/ })).toBeTruthy();
    expect(
      screen.getByLabelText(new RegExp(`^Match score ${sampleReport.score.total} out of 100`)),
    ).toBeTruthy();
    expect(screen.getByText("Writing the analysis…")).toBeTruthy();
    expect(screen.getAllByRole("region", { name: /\(being written\)$/ })).toHaveLength(3);
    expect(screen.getByText(/You can ask questions as soon as the analysis is written/)).toBeTruthy();
    expect((screen.getByLabelText("Your question") as HTMLTextAreaElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Export Markdown" }) as HTMLButtonElement).disabled).toBe(
      true,
    );

    await pipe.send("token", { text: "## Qualification Assessment\n\nYou match " });
    await pipe.send("token", { text: "most requirements.\n\n## Missing Sk" });
    const first = screen.getByRole("region", { name: "Qualification Assessment" });
    expect(first.textContent).toContain("You match most requirements.");
    // The half-typed heading is held back; the remaining sections are still placeholders.
    expect(screen.queryByRole("region", { name: "Missing Sk" })).toBeNull();
    expect(screen.getAllByRole("region", { name: /\(being written\)$/ })).toHaveLength(2);

    await pipe.send("done", {
      analysis:
        "## Qualification Assessment\n\nYou match most requirements.\n\n## Missing Skills / Experience\n\n- Rust *(no evidence found)*\n\n## Key Strengths\n\n- Go",
      sessionId: "s1",
      mode: "llm",
      notice: "",
    });
    await pipe.close();
    expect(screen.queryByText("Writing the analysis…")).toBeNull();
    expect(screen.queryAllByRole("region", { name: /\(being written\)$/ })).toHaveLength(0);
    expect(screen.getByRole("region", { name: "Missing Skills / Experience" }).textContent).toContain(
      "no evidence found",
    );
    expect(screen.getByText("AI coach · gpt-4o-mini")).toBeTruthy();
    expect(sessionStorage.getItem(storageKeys.SESSION_KEY)).toBe("s1");
    expect((screen.getByLabelText("Your question") as HTMLTextAreaElement).disabled).toBe(false);
  });

  it("shows the notice when the built-in analysis replaced the AI one", async () => {
    const server = new LlmServer();
    mount(server);
    await screen.findByRole("button", { name: "AI coach: gpt-4o-mini" });
    const notice =
      "The AI coach is unavailable (the AI service did not answer); this is the built-in coach's analysis.";
    await analyzeWithStream(server, notice, "builtin");
    const note = screen.getAllByRole("note").find((n) => n.textContent?.includes(notice));
    expect(note).toBeTruthy();
    expect(screen.getByText("Built-in coach")).toBeTruthy();
  });

  it("streams an answer token by token, with Stop, then replaces it with the final answer", async () => {
    const server = new LlmServer();
    mount(server);
    await analyzeWithStream(server);
    const pipe = pipeFor(server.chatReplies);
    ask("What am I missing?");
    await waitFor(() => expect(server.pipes).toContain(pipe));
    expect(screen.getByRole("button", { name: "Stop" })).toBeTruthy();
    await pipe.send("token", { text: "You lack " });
    expect(lastAnswer().textContent).toContain("You lack");
    await pipe.send("token", { text: "Rust and AWS" });
    expect(lastAnswer().textContent).toContain("You lack Rust and AWS");
    expect(lastAnswer().querySelector(".markdown--streaming")).not.toBeNull();
    await pipe.send("done", { answer: "You lack **Rust** (no evidence found).", mode: "llm", notice: "" });
    await pipe.close();
    expect(lastAnswer().textContent).toContain("You lack Rust (no evidence found).");
    expect(lastAnswer().textContent).not.toContain("AWS");
    expect(within(lastAnswer()).getByText("AI coach · gpt-4o-mini")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Send" })).toBeTruthy();
    expect(screen.getByText(/^The coach answered: You lack Rust/)).toBeTruthy();
  });

  it("Stop closes the stream and keeps the text marked Stopped", async () => {
    const server = new LlmServer();
    mount(server);
    await analyzeWithStream(server);
    const pipe = pipeFor(server.chatReplies);
    ask("Tell me more");
    await waitFor(() => expect(server.pipes).toContain(pipe));
    await pipe.send("token", { text: "First part" });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Stop" }));
    });
    await waitFor(() => expect(pipe.cancelled).toBe(true));
    expect(within(lastAnswer()).getByText("Stopped")).toBeTruthy();
    expect(within(lastAnswer()).getByText("AI coach · gpt-4o-mini")).toBeTruthy();
    expect(lastAnswer().textContent).toContain("First part");
    expect(screen.getByRole("button", { name: "Send" })).toBeTruthy();
  });

  it("Stop before the first token takes the question back into the box", async () => {
    const server = new LlmServer();
    mount(server);
    await analyzeWithStream(server);
    const pipe = pipeFor(server.chatReplies);
    ask("Too early?");
    await waitFor(() => expect(server.pipes).toContain(pipe));
    expect(screen.getByText("The coach is answering…")).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Stop" }));
    });
    await waitFor(() =>
      expect((screen.getByLabelText("Your question") as HTMLTextAreaElement).value).toBe("Too early?"),
    );
    expect(pipe.cancelled).toBe(true);
    expect(within(screen.getByRole("log")).queryAllByRole("article")).toHaveLength(0);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("Start over while the analysis is being written closes its stream and clears the report", async () => {
    const server = new LlmServer();
    mount(server);
    await screen.findByRole("button", { name: "AI coach: gpt-4o-mini" });
    const pipe = pipeFor(server.analyzeReplies);
    fireEvent.click(screen.getByRole("button", { name: "Analyze" }));
    await pipe.send("report", { report: sampleReport });
    await pipe.send("token", { text: "## Qualification Assessment\n\nSo far" });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Start over" }));
    });
    await waitFor(() => expect(pipe.cancelled).toBe(true));
    expect(screen.queryByRole("heading", { name: /Your report/ })).toBeNull();
    expect((screen.getByRole("button", { name: "Analyze" }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("keeps a partial answer marked Interrupted after an error event, and Ask again resends it", async () => {
    const server = new LlmServer();
    mount(server);
    await analyzeWithStream(server);
    const pipe = pipeFor(server.chatReplies);
    ask("Why?");
    await waitFor(() => expect(server.pipes).toContain(pipe));
    await pipe.send("token", { text: "Because your" });
    await pipe.send("error", { code: "UNAVAILABLE", message: "the AI service stopped", partial: true });
    await pipe.close();
    expect(within(lastAnswer()).getByText("Interrupted")).toBeTruthy();
    expect(lastAnswer().textContent).toContain("Because your");

    server.chatReplies.push(
      () =>
        new Response(
          JSON.stringify({
            answer: "Built-in answer.",
            mode: "builtin",
            notice: "The AI coach is unavailable; this is the built-in coach's answer.",
          }),
          {
            status: 200,
            headers: { "Content-Type": "application/json" },
          },
        ),
    );
    fireEvent.click(within(lastAnswer()).getByRole("button", { name: "Ask again" }));
    await screen.findByText("Built-in answer.");
    expect(server.chatBodies.at(-1)).toEqual({ question: "Why?", sessionId: "s1" });
    expect(within(lastAnswer()).getByRole("note").textContent).toMatch(/built-in coach's answer/);
  });

  it("says when to try again after a 429 and gives the question back", async () => {
    const server = new LlmServer();
    mount(server);
    await analyzeWithStream(server);
    server.chatReplies.push(
      () =>
        new Response(
          JSON.stringify({
            error: { code: "RESOURCE_EXHAUSTED", message: "too many AI requests for this session" },
          }),
          { status: 429, headers: { "Content-Type": "application/json", "Retry-After": "12" } },
        ),
    );
    ask("One more?");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/The AI coach is limited to a few questions a minute/);
    expect(alert.textContent).toMatch(/try again in 12 s/);
    await waitFor(() =>
      expect((screen.getByLabelText("Your question") as HTMLTextAreaElement).value).toBe("One more?"),
    );
    expect(within(screen.getByRole("log")).queryAllByRole("article")).toHaveLength(0);
  });

  it("asks once more when the server is still closing the previous answer (just after Stop)", async () => {
    const server = new LlmServer();
    mount(server);
    await analyzeWithStream(server);
    server.chatReplies.push(
      () =>
        new Response(
          JSON.stringify({
            error: {
              code: "RESOURCE_EXHAUSTED",
              message:
                "the AI coach is still answering this session's previous question; try again when it has finished",
            },
          }),
          { status: 429, headers: { "Content-Type": "application/json", "Retry-After": "0" } },
        ),
    );
    const pipe = pipeFor(server.chatReplies);
    ask("Again?");
    await waitFor(() => expect(server.pipes).toContain(pipe), { timeout: 4000 });
    await pipe.send("done", { answer: "Second try worked.", mode: "llm", notice: "" });
    await pipe.close();
    expect(await screen.findByText("Second try worked.")).toBeTruthy();
    expect(server.chatBodies).toHaveLength(2);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("restores an unfinished answer as interrupted and the analysis's mode", async () => {
    const server = new LlmServer();
    server.session = {
      analysis_mode: "llm",
      chat: [
        { role: "user", content: "Why?", mode: "", complete: true, created_at_ms: 1 },
        { role: "assistant", content: "Because", mode: "llm", complete: false, created_at_ms: 2 },
      ],
    };
    sessionStorage.setItem(storageKeys.SESSION_KEY, "s1");
    mount(server);
    await screen.findByRole("heading", { name: /Your report/ });
    expect(within(lastAnswer()).getByText("Interrupted")).toBeTruthy();
    expect(within(lastAnswer()).getByRole("button", { name: "Ask again" })).toBeTruthy();
    await screen.findAllByText("AI coach · gpt-4o-mini");
  });

  it("restores why the built-in coach wrote the analysis", async () => {
    const server = new LlmServer();
    const notice =
      "The AI coach was unavailable (the AI service did not answer); this analysis comes from the built-in coach.";
    server.session = { analysis_mode: "builtin", analysis_notice: notice, chat: [] };
    sessionStorage.setItem(storageKeys.SESSION_KEY, "s1");
    mount(server);
    await screen.findByRole("heading", { name: /Your report/ });
    const note = await waitFor(() => {
      const found = screen.getAllByRole("note").find((n) => n.textContent?.includes(notice));
      expect(found).toBeTruthy();
      return found;
    });
    expect(note?.textContent).toContain(notice);
    expect(screen.getByText("Built-in coach")).toBeTruthy();
  });

  it("restores a session from an older server without a notice", async () => {
    const server = new LlmServer();
    server.session = { analysis_mode: "builtin", chat: [] }; // no analysis_notice field
    sessionStorage.setItem(storageKeys.SESSION_KEY, "s1");
    mount(server);
    await screen.findByRole("heading", { name: /Your report/ });
    await screen.findByText("Built-in coach");
    expect(
      screen.queryAllByRole("note").filter((n) => n.textContent?.includes("built-in coach.")),
    ).toHaveLength(0);
  });

  it("keeps the report and explains when the analysis stream breaks off", async () => {
    const server = new LlmServer();
    mount(server);
    await screen.findByRole("button", { name: "AI coach: gpt-4o-mini" });
    const pipe = pipeFor(server.analyzeReplies);
    fireEvent.click(screen.getByRole("button", { name: "Analyze" }));
    await pipe.send("report", { report: sampleReport });
    await pipe.send("token", { text: "## Qualification Assessment\n\nPartial text" });
    await pipe.close(); // the connection ends without done
    expect((await screen.findByRole("alert")).textContent).toMatch(/The analysis was interrupted/);
    expect(screen.getByText("The written analysis was interrupted.")).toBeTruthy();
    expect(screen.getByText("Partial text")).toBeTruthy();
    expect(screen.getByText(/there is no coaching session to ask about yet/)).toBeTruthy();
    expect(sessionStorage.getItem(storageKeys.SESSION_KEY)).toBeNull();
  });
});

// Page-level tests: the whole app against an in-memory fake of the HTTP API.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ApiClient } from "../lib/api-client";
import { storageKeys } from "../lib/storage";
import { sampleAnalysis, sampleJob, sampleReport, sampleResume } from "../test/sample-report";
import type { ChatTurn } from "../types/api";
import { App } from "./app";

/** An in-memory stand-in for the server, speaking the wire format of docs/api.md. */
class FakeServer {
  sessions = new Map<string, { resume: string; job: string; chat: ChatTurn[] }>();
  calls: string[] = [];
  private next = 1;

  fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? "GET";
    this.calls.push(`${method} ${url}`);
    const sid = (init?.headers as Record<string, string> | undefined)?.["X-Session-Id"];
    const json = (status: number, body: unknown) =>
      new Response(body === null ? null : JSON.stringify(body), { status });
    const notFound = () => json(404, { error: { code: "NOT_FOUND", message: "session not found" } });
    const body = init?.body ? JSON.parse(init.body as string) : undefined;
    if (url === "/health")
      return json(200, { status: "ok", storage: "sqlite", llm: "builtin", version: "t" });
    if (url === "/items")
      return json(200, [
        { id: "res", name: "Platform engineer (resume)", kind: "resume" },
        { id: "job", name: "Senior platform engineer (job)", kind: "job" },
      ]);
    if (url === "/items/res")
      return json(200, { id: "res", name: "r", kind: "resume", content: sampleResume });
    if (url === "/items/job") return json(200, { id: "job", name: "j", kind: "job", content: sampleJob });
    if (url === "/analyze") {
      const id = `s${this.next++}`;
      this.sessions.set(id, { resume: body.resume, job: body.job_description, chat: [] });
      return json(200, { analysis: sampleAnalysis, sessionId: id, report: sampleReport });
    }
    if (url === "/chat") {
      const s = this.sessions.get(body.sessionId);
      if (!s) return notFound();
      const answer = `You asked: *${body.question}*`;
      s.chat.push({ role: "user", content: body.question, mode: "", complete: true, created_at_ms: 1 });
      s.chat.push({ role: "assistant", content: answer, mode: "builtin", complete: true, created_at_ms: 2 });
      return json(200, { answer, mode: "builtin" });
    }
    if (url === "/session") {
      const s = sid ? this.sessions.get(sid) : undefined;
      if (!s || !sid) return notFound();
      if (method === "DELETE") {
        this.sessions.delete(sid);
        return json(204, null);
      }
      return json(200, {
        sessionId: sid,
        resume: s.resume,
        job_description: s.job,
        analysis: sampleAnalysis,
        report: sampleReport,
        chat: s.chat,
        created_at_ms: 0,
        updated_at_ms: 0,
        expires_at_ms: 0,
      });
    }
    return notFound();
  };
}

function mount(server: FakeServer) {
  return render(<App client={new ApiClient(server.fetch)} />);
}

async function loadExamplesAndAnalyze() {
  // The example lists arrive asynchronously; pick only once the options exist.
  await screen.findByRole("option", { name: "Senior platform engineer (job)" });
  fireEvent.change(screen.getByLabelText("Load an example resume"), { target: { value: "res" } });
  fireEvent.change(screen.getByLabelText("Load an example job description"), { target: { value: "job" } });
  await waitFor(() => {
    expect((screen.getByRole("textbox", { name: "Resume" }) as HTMLTextAreaElement).value).toBe(sampleResume);
    expect((screen.getByRole("textbox", { name: "Job description" }) as HTMLTextAreaElement).value).toBe(
      sampleJob,
    );
  });
  fireEvent.click(screen.getByRole("button", { name: "Analyze" }));
  await screen.findByRole("heading", { name: /Your report/ });
}

async function ask(question: string) {
  const box = screen.getByLabelText("Your question");
  fireEvent.change(box, { target: { value: question } });
  fireEvent.keyDown(box, { key: "Enter" });
  await screen.findByText(question, { selector: "em" });
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe("App", () => {
  it("explains why Analyze can't run on empty inputs", async () => {
    mount(new FakeServer());
    await screen.findByRole("option", { name: "Senior platform engineer (job)" });
    fireEvent.click(screen.getByRole("button", { name: "Analyze" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Paste a resume and a job description/);
  });

  it("analyzes an example pair, chats, and restores both after a reload", async () => {
    const server = new FakeServer();
    const first = mount(server);
    await loadExamplesAndAnalyze();
    expect(screen.getByRole("heading", { name: "Key Strengths" })).toBeTruthy();
    expect(sessionStorage.getItem(storageKeys.SESSION_KEY)).toBe("s1");
    await ask("What should I add?");
    await ask("And then?");
    first.unmount();

    mount(server);
    await screen.findByRole("heading", { name: /Your report/ });
    const log = screen.getByRole("log", { name: "Conversation" });
    expect(within(log).getAllByRole("article")).toHaveLength(4);
    expect(within(log).getByText("And then?", { selector: "em" })).toBeTruthy();
    expect(server.calls).toContain("GET /session");
  });

  it("keeps inputs in localStorage across reloads and clears them on Clear", async () => {
    const first = mount(new FakeServer());
    await screen.findByRole("option", { name: "Senior platform engineer (job)" });
    fireEvent.change(screen.getByRole("textbox", { name: "Resume" }), { target: { value: "Zoë" } });
    first.unmount();
    mount(new FakeServer());
    await screen.findByRole("option", { name: "Senior platform engineer (job)" });
    const box = screen.getByRole("textbox", { name: "Resume" }) as HTMLTextAreaElement;
    expect(box.value).toBe("Zoë");
    fireEvent.click(screen.getByRole("button", { name: "Clear" }));
    expect(box.value).toBe("");
    expect(localStorage.getItem(storageKeys.INPUTS_KEY)).toBeNull();
  });

  it("explains an unknown session after a reload and re-analyzes in one click", async () => {
    const server = new FakeServer();
    localStorage.setItem(
      storageKeys.INPUTS_KEY,
      JSON.stringify({ resume: sampleResume, jobDescription: sampleJob }),
    );
    sessionStorage.setItem(storageKeys.SESSION_KEY, "bogus");
    mount(server);
    const alert = await screen.findByText(/previous coaching session has expired/);
    expect(sessionStorage.getItem(storageKeys.SESSION_KEY)).toBeNull();
    fireEvent.click(
      within(alert.closest(".notice") as HTMLElement).getByRole("button", { name: "Analyze again" }),
    );
    await screen.findByRole("heading", { name: /Your report/ });
    expect(screen.queryByText(/previous coaching session has expired/)).toBeNull();
    expect(sessionStorage.getItem(storageKeys.SESSION_KEY)).toBe("s1");
  });

  it("explains a session that expires during the chat", async () => {
    const server = new FakeServer();
    mount(server);
    await loadExamplesAndAnalyze();
    server.sessions.clear();
    const box = screen.getByLabelText("Your question");
    fireEvent.change(box, { target: { value: "Still there?" } });
    fireEvent.keyDown(box, { key: "Enter" });
    await screen.findByText(/previous coaching session has expired/);
    expect(screen.queryByRole("heading", { name: /Your report/ })).toBeNull();
  });

  it("starts over: deletes the session on the server and clears the report", async () => {
    const server = new FakeServer();
    mount(server);
    await loadExamplesAndAnalyze();
    fireEvent.click(screen.getByRole("button", { name: "Start over" }));
    await waitFor(() => expect(server.sessions.size).toBe(0));
    expect(server.calls).toContain("DELETE /session");
    expect(screen.queryByRole("heading", { name: /Your report/ })).toBeNull();
    expect(sessionStorage.getItem(storageKeys.SESSION_KEY)).toBeNull();
  });

  it("shows a plain-words error when the server is unreachable", async () => {
    const client = new ApiClient(() => Promise.reject(new TypeError("Failed to fetch")));
    localStorage.setItem(storageKeys.INPUTS_KEY, JSON.stringify({ resume: "a", jobDescription: "b" }));
    render(<App client={client} />);
    fireEvent.click(screen.getByRole("button", { name: "Analyze" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/can't reach its server/);
  });

  it("stays usable when the examples can't be loaded", async () => {
    const server = new FakeServer();
    const client = new ApiClient((url, init) =>
      url === "/items"
        ? Promise.resolve(
            new Response(JSON.stringify({ error: { code: "INTERNAL", message: "internal error" } }), {
              status: 500,
            }),
          )
        : server.fetch(url, init),
    );
    render(<App client={client} />);
    expect(await screen.findByText(/examples couldn't be loaded/)).toBeTruthy();
    expect((screen.getByLabelText("Load an example resume") as HTMLSelectElement).disabled).toBe(true);
  });

  it("says where documents go, depending on the answer mode", async () => {
    const server = new FakeServer();
    const llm = new ApiClient((url, init) =>
      url === "/health"
        ? Promise.resolve(
            new Response(JSON.stringify({ status: "ok", storage: "sqlite", llm: "llm", version: "t" })),
          )
        : server.fetch(url, init),
    );
    const first = render(<App client={llm} />);
    expect(await screen.findByText(/receives your documents and questions/)).toBeTruthy();
    first.unmount();
    mount(server);
    expect(await screen.findByText(/your documents are not sent anywhere else/)).toBeTruthy();
    const mode = await screen.findByRole("button", { name: "Built-in coach (offline)" });
    fireEvent.click(mode);
    expect(screen.getByText(/not sent to any AI service/)).toBeTruthy();
  });
});

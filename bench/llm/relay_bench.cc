// llm_relay_bench: the LLM relay of the real `resume-coach serve`, end to end. Starts the fake
// OpenAI-compatible upstream and the server, creates sessions, then measures (1) the time to first
// token the server adds over talking to the upstream directly and (2) hundreds of concurrent
// /chat streams: the server's own CPU, threads and memory while it relays them. Prints tables;
// exits 1 when a stream fails. `--help` lists the options.
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"
#include "bench/llm/blocking_http.h"
#include "bench/llm/child_process.h"
#include "bench/llm/paced_upstream.h"
#include "bench/llm/relay_options.h"
#include "bench/llm/relay_report.h"
#include "bench/llm/sse_fleet.h"

namespace rc::bench {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

// --- small helpers ---------------------------------------------------------------------------

double SelfCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string LoadAverage() {
  std::string text = ReadFile("/proc/loadavg");
  std::istringstream in(text);
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

std::string CpuModel() {
  std::istringstream in(ReadFile("/proc/cpuinfo"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown";
}

int CountOccurrences(const std::string& text, const std::string& needle) {
  int n = 0;
  for (std::size_t pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

// --- the processes ---------------------------------------------------------------------------

struct Bench {
  Options options;
  fs::path dir;  // temporary: database, logs
  std::unique_ptr<ChildProcess> fake;
  std::unique_ptr<ChildProcess> server;
  int fake_port = 0;
  int server_port = 0;
  std::vector<std::string> sessions;
};

// The fake upstream's directive for `count` tokens at `rate` per second, grouped under `id`.
std::string SlowDirective(int count, double rate, const std::string& id) {
  return "[[fake:scenario=slow,count=" + std::to_string(count) + ",rate=" + Fixed(rate, 3) +
         ",id=" + id + "]]";
}

Status StartProcesses(Bench& b) {
  RC_ASSIGN_OR_RETURN(
      b.fake, ChildProcess::Start(
                  b.options.cpp_upstream
                      ? std::vector<std::string>{"/proc/self/exe", "--serve-upstream"}
                      : std::vector<std::string>{"/usr/bin/python3", b.options.fake, "--port", "0"},
                  {}, {}, (b.dir / "fake.log").string()));
  RC_ASSIGN_OR_RETURN(std::string fake_line, b.fake->ReadLine(std::chrono::seconds(20)));
  b.fake_port = std::atoi(fake_line.c_str());
  if (b.fake_port <= 0) return UnavailableError("the fake upstream printed no port");

  const std::vector<std::pair<std::string, std::string>> env = {
      {"RESUME_COACH_LLM_URL", "http://127.0.0.1:" + std::to_string(b.fake_port) + "/v1"},
      {"RESUME_COACH_MODEL", "fake:scenario=slow,count=" + std::to_string(b.options.tokens) +
                                 ",rate=" + Fixed(b.options.rates.front(), 3)}};
  const std::pair<std::string, std::string> flags[] = {
      {"--port", "0"},
      {"--data-dir", (b.dir / "data").string()},
      {"--web-root", (b.dir / "no-web").string()},
      {"--llm-session-per-minute", "100000"},
      {"--llm-ip-per-minute", "100000"},
      {"--max-connections", "4096"},
      {"--max-pending", std::to_string(b.options.max_pending)}};
  std::vector<std::string> serve = {b.options.server, "serve"};
  for (const auto& [flag, value] : flags) {
    serve.push_back(flag);
    serve.push_back(value);
  }
  serve.insert(serve.end(), b.options.server_args.begin(), b.options.server_args.end());
  RC_ASSIGN_OR_RETURN(b.server, ChildProcess::Start(serve, {"RESUME_COACH_", "OPENAI_API_KEY"}, env,
                                                    (b.dir / "server.log").string()));
  RC_ASSIGN_OR_RETURN(std::string line, b.server->ReadLine(std::chrono::seconds(60)));
  const std::size_t colon = line.rfind(':');
  if (line.rfind("listening on http://", 0) != 0 || colon == std::string::npos) {
    return UnavailableError("the server did not start: " + line);
  }
  b.server_port = std::atoi(line.c_str() + colon + 1);
  RC_ASSIGN_OR_RETURN(HttpReply health,
                      Exchange(b.server_port, BuildRequest("GET", "/health", {}, "")));
  const json h = json::parse(health.body, nullptr, false);
  if (h.is_discarded() || h.value("llm", "") != "llm") {
    return FailedPreconditionError("the server is not in LLM mode: " + health.body);
  }
  return Status();
}

// Creates `count` sessions through POST /analyze. The resume carries a directive that makes the
// fake answer the analysis at once (its speed is not what this benchmark measures).
Status CreateSessions(Bench& b, int count) {
  const fs::path examples = fs::path(RC_SOURCE_DIR) / "data/examples";
  const json body = {
      {"resume", ReadFile(examples / "software-engineer-resume.md") + "\n[[fake:scenario=auto]]\n"},
      {"job_description", ReadFile(examples / "backend-engineer-job.md")}};
  const std::string request =
      BuildRequest("POST", "/analyze", {{"Content-Type", "application/json"}}, body.dump());
  b.sessions.assign(static_cast<std::size_t>(count), "");
  std::atomic<int> next{0};
  std::atomic<int> failures{0};
  std::string first_error;
  std::vector<std::thread> threads;
  for (int t = 0; t < b.options.session_threads; ++t) {
    threads.emplace_back([&] {
      for (int i = next++; i < count; i = next++) {
        auto reply = Exchange(b.server_port, request);
        const json r = reply.ok() ? json::parse(reply->body, nullptr, false) : json();
        if (!reply.ok() || reply->status != 200 || r.is_discarded() || !r.contains("sessionId")) {
          if (failures++ == 0) first_error = reply.ok() ? reply->body : reply.status().message();
          continue;
        }
        b.sessions[static_cast<std::size_t>(i)] = r["sessionId"].get<std::string>();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  if (failures > 0) {
    return UnavailableError(std::to_string(failures.load()) + " sessions failed: " + first_error);
  }
  return Status();
}

std::string ChatRequest(const std::string& session, const std::string& question) {
  const json body = {{"question", question}, {"sessionId", session}};
  return BuildRequest("POST", "/chat",
                      {{"Content-Type", "application/json"}, {"Accept", "text/event-stream"}},
                      body.dump());
}

// --- 1. time to first token ------------------------------------------------------------------

bool IsUpstreamToken(const SseEvent& e) {
  return e.data.find("\"content\"") != std::string::npos &&
         e.data.find("\"content\": \"\"") == std::string::npos;
}

// One pair: a chat through the server, then the same upstream request body (as the fake
// recorded it) sent straight to the fake. Sequential, so neither disturbs the other.
Status TtftPair(const Bench& b, const std::string& session, TtftResult* out, bool record) {
  const std::string question =
      "Which missing requirement should I address first? " + SlowDirective(3, 100, "ttft");
  RC_ASSIGN_OR_RETURN(TimedStream relay,
                      TimeStream(b.server_port, ChatRequest(session, question),
                                 [](const SseEvent& e) { return e.name == "token"; }));
  const bool done = !relay.events.empty() && relay.events.back().name == "done";
  if (relay.status != 200 || relay.first_token.count() < 0 || !done) {
    return UnavailableError(
        "relay run failed: status " + std::to_string(relay.status) +
        (relay.events.empty() ? "" : ", last event " + relay.events.back().data));
  }
  RC_ASSIGN_OR_RETURN(HttpReply stats,
                      Exchange(b.fake_port, BuildRequest("GET", "/_stats?id=ttft", {}, "")));
  const json st = json::parse(stats.body, nullptr, false);
  if (st.is_discarded() || !st.contains("last_body") || !st["last_body"].is_object()) {
    return UnavailableError("the fake recorded no request body");
  }
  const std::string upstream_body = st["last_body"].dump();
  RC_ASSIGN_OR_RETURN(TimedStream direct,
                      TimeStream(b.fake_port,
                                 BuildRequest("POST", "/v1/chat/completions",
                                              {{"Content-Type", "application/json"},
                                               {"Accept", "text/event-stream"}},
                                              upstream_body),
                                 IsUpstreamToken));
  if (direct.status != 200 || direct.first_token.count() < 0) {
    return UnavailableError("direct run failed: status " + std::to_string(direct.status));
  }
  if (record) {
    out->relay_ms.push_back(relay.first_token.count());
    out->direct_ms.push_back(direct.first_token.count());
    out->added_ms.push_back(relay.first_token.count() - direct.first_token.count());
    out->relay_body_bytes = upstream_body.size();
  }
  return Status();
}

TtftResult MeasureTtft(const Bench& b) {
  TtftResult r;
  constexpr int kWarmUp = 3;
  for (int i = 0; i < kWarmUp + b.options.ttft_runs; ++i) {
    const std::string& session = b.sessions[static_cast<std::size_t>(i) % b.sessions.size()];
    const Status s = TtftPair(b, session, &r, i >= kWarmUp);
    if (!s.ok() && r.failures++ == 0) r.first_error = s.message();
  }
  return r;
}

// --- 2. concurrent streams -------------------------------------------------------------------

// The perf processes the options ask for, attached to `pid` (stopped by destroying them).
std::vector<std::unique_ptr<ChildProcess>> StartPerf(const Bench& b, pid_t pid) {
  std::vector<std::vector<std::string>> commands;
  if (!b.options.perf_out.empty()) {
    commands.push_back({"/usr/bin/perf", "record", "-F", "1999", "--call-graph", "dwarf,16384",
                        "-o", b.options.perf_out, "-p", std::to_string(pid)});
  }
  if (!b.options.perf_stat_out.empty()) {
    commands.push_back(
        {"/usr/bin/perf", "stat", "-o", b.options.perf_stat_out, "-e",
         "task-clock,context-switches,cpu-migrations,syscalls:sys_enter_sendmsg,"
         "syscalls:sys_enter_recvmsg,syscalls:sys_enter_recvfrom,syscalls:sys_enter_write,"
         "syscalls:sys_enter_writev,syscalls:sys_enter_read,"
         "syscalls:sys_enter_epoll_wait,syscalls:sys_enter_futex,"
         "syscalls:sys_enter_epoll_ctl,syscalls:sys_enter_timerfd_settime,"
         "raw_syscalls:sys_enter",
         "-p", std::to_string(pid)});
  }
  std::vector<std::unique_ptr<ChildProcess>> out;
  for (const auto& command : commands) {
    auto started = ChildProcess::Start(command, {}, {}, (b.dir / "perf.log").string());
    if (started.ok()) {
      out.push_back(std::move(*started));
    } else {
      std::fprintf(stderr, "perf: %s\n", started.status().message().c_str());
    }
  }
  if (!out.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(300));  // attach
  return out;
}

FleetResult MeasureFleet(const Bench& b, double rate, bool first_run) {
  FleetResult r;
  r.rate = rate;
  const int n = b.options.streams;
  FleetOptions fo;
  fo.port = b.server_port;
  fo.ramp = std::chrono::milliseconds(b.options.ramp_ms);
  // Three times the ideal duration, plus the ramp and a minute for a slow machine.
  fo.timeout = std::chrono::milliseconds(static_cast<long>(3000 * b.options.tokens / rate) +
                                         b.options.ramp_ms + 60'000);
  const std::string question =
      "What should I add to my resume? " + SlowDirective(b.options.tokens, rate, "fleet");
  for (int i = 0; i < n; ++i) {
    fo.requests.push_back(ChatRequest(b.sessions[static_cast<std::size_t>(i)], question));
  }
  const pid_t server = b.server->pid();
  const pid_t fake = b.fake->pid();
  fo.on_tick = [&] {
    if (auto s = ReadProc(server); s.ok()) {
      r.threads_max = std::max(r.threads_max, s->threads);
      r.rss_max_kib = std::max(r.rss_max_kib, s->rss_kib);
    }
  };
  std::vector<std::unique_ptr<ChildProcess>> perf;
  if (first_run) perf = StartPerf(b, server);
  const ProcSample idle = ReadProc(server).value_or(ProcSample{});
  r.threads_idle = r.threads_max = idle.threads;
  r.rss_idle_kib = r.rss_max_kib = idle.rss_kib;
  const std::map<pid_t, double> threads_before = ReadThreadCpu(server);
  const double fake_before = ReadProc(fake).value_or(ProcSample{}).cpu_seconds;
  const double client_before = SelfCpuSeconds();
  const auto start = SteadyClock::now();
  const std::vector<FleetStream> streams = RunFleet(fo);
  r.wall_s = std::chrono::duration<double>(SteadyClock::now() - start).count();
  const ProcSample server_after = ReadProc(server).value_or(ProcSample{});
  r.client_cpu_s = SelfCpuSeconds() - client_before;
  r.fake_cpu_s = ReadProc(fake).value_or(ProcSample{}).cpu_seconds - fake_before;
  r.server_cpu_s = server_after.cpu_seconds - idle.cpu_seconds;
  r.server_run_delay_s = server_after.run_delay_seconds - idle.run_delay_seconds;
  r.threads_max = std::max(r.threads_max, server_after.threads);
  for (const auto& [tid, cpu] : ReadThreadCpu(server)) {
    const auto before = threads_before.find(tid);
    r.thread_cpu[tid] = cpu - (before == threads_before.end() ? 0 : before->second);
  }
  for (auto& p : perf) p->Stop(SIGINT);  // perf writes its data and exits

  const std::string last_token = "tok" + std::to_string(b.options.tokens - 1) + " ";
  for (const FleetStream& s : streams) {
    if (s.first_token_ms >= 0) r.ttft_ms.push_back(s.first_token_ms);
    const json done = s.done ? json::parse(s.done_data, nullptr, false) : json();
    const std::string answer =
        done.is_object() && done.contains("answer") && done["answer"].is_string()
            ? done["answer"].get<std::string>()
            : "";
    r.tokens += CountOccurrences(answer, "tok");
    const bool whole = answer.find(last_token) != std::string::npos;
    if (s.status == 200 && s.done && s.error.empty() && whole) {
      ++r.complete;
      r.end_s.push_back(s.end_ms / 1000);
      if (done.value("mode", "") == "llm") ++r.llm_mode;
    } else {
      std::string why = !s.error.empty()  ? s.error
                        : s.status != 200 ? "status " + std::to_string(s.status)
                        : !s.done         ? "no done event"
                                          : "answer incomplete";
      ++r.errors[why.substr(0, 160)];
    }
  }
  return r;
}

int Run(const Options& o) {
  char tmpl[] = "/tmp/rc-relay-bench-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) {
    std::fprintf(stderr, "cannot create a temporary directory\n");
    return 1;
  }
  Bench b;
  b.options = o;
  b.dir = tmpl;
  int rc = 0;
  {
    std::printf("machine: %u cpus (%s), load average %s\n", std::thread::hardware_concurrency(),
                CpuModel().c_str(), LoadAverage().c_str());
    if (const Status s = StartProcesses(b); !s.ok()) {
      std::fprintf(stderr, "start: %s\n", s.message().c_str());
      rc = 1;
    } else if (const Status c = CreateSessions(b, std::max(o.streams, 1)); !c.ok()) {
      std::fprintf(stderr, "sessions: %s\n", c.message().c_str());
      rc = 1;
    } else {
      std::printf("server pid %d on port %d, upstream pid %d on port %d, %zu sessions\n",
                  b.server->pid(), b.server_port, b.fake->pid(), b.fake_port, b.sessions.size());
      const TtftResult ttft = MeasureTtft(b);
      PrintTtft(ttft);
      if (ttft.failures > 0 || ttft.relay_ms.empty()) rc = 1;
      std::vector<FleetResult> fleets;
      for (std::size_t i = 0; i < o.rates.size(); ++i) {
        fleets.push_back(MeasureFleet(b, o.rates[i], i == 0));
        PrintFleet(o, fleets.back());
        if (i + 1 < o.rates.size()) std::this_thread::sleep_for(std::chrono::seconds(1));
        if (fleets.back().complete != o.streams) rc = 1;
      }
      PrintTargets(o, ttft, fleets);
      std::printf("\nload average at the end: %s\n", LoadAverage().c_str());
    }
    if (rc != 0) {
      const std::string log = ReadFile(b.dir / "server.log");
      std::fprintf(stderr, "server log (end):\n%s\n",
                   log.substr(log.size() > 2000 ? log.size() - 2000 : 0).c_str());
    }
    b.server.reset();
    b.fake.reset();
  }
  std::error_code ec;
  fs::remove_all(b.dir, ec);
  return rc;
}

}  // namespace
}  // namespace rc::bench

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--serve-upstream") return rc::bench::RunPacedUpstream();
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--help") {
      std::fputs(rc::bench::kUsage, stdout);
      return 0;
    }
  }
  auto options = rc::bench::ParseOptions(argc, argv);
  if (!options.ok()) {
    std::fprintf(stderr, "%s\n%s", options.status().message().c_str(), rc::bench::kUsage);
    return 2;
  }
  return rc::bench::Run(*options);
}

// resume-coach: the command-line entry point (serve, analyze, eval, examples).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "app/config.h"
#include "app/default_examples.h"
#include "app/factories.h"
#include "app/llm_runtime.h"
#include "codec/report_json.h"
#include "eval/eval.h"
#include "ingest/ingest.h"
#include "llm/config.h"
#include "server/http_server.h"
#include "server/json_codec.h"
#include "server/router.h"
#include "server/static_files.h"
#include "service/analysis_service.h"
#include "service/chat_service.h"
#include "service/document_service.h"
#include "service/example_service.h"
#include "service/health_service.h"
#include "service/report_cache.h"
#include "service/session_service.h"
#include "service/validation.h"
#include "storage/sweeper.h"

namespace rc::app {
namespace {

// Exit codes (docs/configuration.md).
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

constexpr char kVersion[] = RC_VERSION;  // the CMake project version

constexpr char kUsage[] = R"(usage: resume-coach COMMAND [options]

Commands:
  serve                      run the HTTP server (API + web app)
  analyze RESUME JD          analyse two files (.pdf .docx .txt .md); --format md|json
  eval DATASET PATH          accuracy of skill extraction on a public dataset
  examples list|add|remove   manage the built-in examples
  help [COMMAND]             this text, or a command's help

Run "resume-coach COMMAND --help" for a command's options.
Exit codes: 0 success, 1 failure (the error is printed), 2 bad command line.
)";

constexpr char kAnalyzeHelp[] = R"(usage: resume-coach analyze RESUME JD [--format md|json]

Analyses the resume in the file RESUME against the job description in JD with the built-in
engine and prints the Markdown analysis (md) or {"analysis": markdown, "report": {...}} (json).
Each file may be PDF, DOCX, plain text or Markdown (the type comes from its bytes; the
extension must agree). Hidden text found in a file is left out of the analysis and reported on
stderr. Nothing is stored.
)";

constexpr char kEvalHelp[] = R"(usage: resume-coach eval DATASET PATH

Measures the engine's skill extraction on a published annotated dataset and prints a per-category
table and one summary line. DATASET: skillspan or green. PATH: the dataset file or its folder.
)";

constexpr char kExamplesHelp[] =
    R"(usage: resume-coach examples list [--data-dir DIR | --database PATH]
       resume-coach examples add --id ID --name NAME --kind resume|job FILE [--data-dir ...]
       resume-coach examples remove ID [--data-dir ...]

Manages the examples offered by GET /items in the database the server uses (same --data-dir,
--database and environment variables as serve). The defaults from data/examples are written
into an empty database first. "add" replaces an example with the same id.
)";

bool WantsHelp(const std::vector<std::string>& args) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

int Fail(const Status& status) {
  std::cerr << "resume-coach: " << status.message() << "\n";
  return kExitFailure;
}

int UsageError(const std::string& message, const char* help) {
  std::cerr << "resume-coach: " << message << "\n\n" << help;
  return kExitUsage;
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read " + path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return UnavailableError("error reading " + path);
  return text;
}

// The document limits of `config`, with the PDF reader next to this executable unless the
// configuration names one.
ingest::Limits DocumentLimits(const ServeConfig& config) {
  ingest::Limits limits;
  limits.max_file_bytes = config.max_document_bytes;
  limits.max_pages = config.max_document_pages;
  limits.max_concurrent_pdf_workers = config.max_pdf_workers;
  limits.pdf_worker_path = config.pdf_worker;
  if (limits.pdf_worker_path.empty()) {
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) limits.pdf_worker_path = ingest::PdfWorkerPathNextTo(self.string());
  }
  return limits;
}

// Reads `path` as a document for `field` ("resume" or "job_description"): PDF and DOCX through
// the extractors, text after the same UTF-8 check as the API. Warnings go to stderr.
Result<std::string> ReadDocument(const std::string& path, const std::string& field,
                                 const service::DocumentService& documents) {
  RC_ASSIGN_OR_RETURN(std::string bytes, ReadTextFile(path));
  const bool binary = bytes.starts_with("%PDF-") || bytes.starts_with("PK\x03\x04") ||
                      bytes.substr(0, 1024).find("%PDF-") != std::string::npos;
  if (!binary && !bytes.starts_with("\xFF\xFE") && !bytes.starts_with("\xFE\xFF")) {
    // Text keeps the API's rule: invalid UTF-8 is refused rather than guessed.
    RC_RETURN_IF_ERROR(service::ValidateText(field, bytes, std::string::npos));
  }
  Result<ingest::Document> doc = documents.Extract(bytes, "", path);
  if (!doc.ok()) {
    return Status(doc.status().code(), path + ": " + doc.status().message());
  }
  for (const ingest::Warning& w : doc->warnings) {
    std::cerr << "warning: " << path << ": " << w.kind << " (" << w.location << "): " << w.message;
    if (!w.excerpt.empty()) std::cerr << " \"" << w.excerpt << "\"";
    std::cerr << "\n";
  }
  return std::move(doc->text);
}

// Opens the store and writes the default examples into it when it has none.
Result<std::unique_ptr<storage::Store>> OpenSeededStore(const ServeConfig& config,
                                                        const Clock& clock) {
  RC_ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> store, OpenStore(config, clock));
  RC_ASSIGN_OR_RETURN(std::vector<model::Example> defaults, DefaultExamples());
  service::ExampleService examples(*store, service::Limits{});
  RC_ASSIGN_OR_RETURN(int seeded, examples.SeedDefaults(defaults));
  if (seeded > 0) std::cerr << "examples: loaded " << seeded << " default examples\n";
  return store;
}

int Serve(const std::vector<std::string>& args) {
  if (WantsHelp(args)) {
    std::cout << ServeHelp();
    return kExitOk;
  }
  Result<ServeConfig> parsed = ParseServeConfig(args, ProcessEnv());
  if (!parsed.ok()) return UsageError(parsed.status().message(), ServeHelp().c_str());
  const ServeConfig& config = *parsed;

  std::unique_ptr<Clock> clock = MakeClock(config);
  if (!config.test_clock_file.empty()) {
    std::cerr << "warning: test clock hook in use (RESUME_COACH_TEST_CLOCK_FILE)\n";
  }
  Result<std::unique_ptr<storage::Store>> store = OpenSeededStore(config, *clock);
  if (!store.ok()) return Fail(store.status());
  Result<Engine> engine = MakeEngine(*clock);
  if (!engine.ok()) return Fail(engine.status());

  service::Limits limits;
  limits.max_resume_chars = config.max_resume_chars;
  limits.max_job_description_chars = config.max_job_description_chars;
  limits.max_question_chars = config.max_question_chars;

  std::mutex log_mu;
  auto log_line = [&log_mu](const std::string& line) {
    std::lock_guard lock(log_mu);
    std::fprintf(stderr, "%s\n", line.c_str());
  };
  Result<llm::LlmConfig> llm_config = llm::LoadLlmConfigFromEnvironment();
  if (!llm_config.ok()) return Fail(llm_config.status());
  std::cerr << "llm: " << llm::Describe(*llm_config) << "\n";
  std::unique_ptr<LlmRuntime> llm_runtime;
  if (llm_config->enabled) {
    llm_runtime = LlmRuntime::Create(*llm_config, config, *clock, engine->taxonomy, log_line);
  }
  service::LlmCoach* coach = llm_runtime ? &llm_runtime->coach() : nullptr;

  service::ReportCache report_cache(
      {.max_bytes = static_cast<std::size_t>(config.report_cache_mb) << 20});
  service::ReportCache* cache = config.report_cache_mb > 0 ? &report_cache : nullptr;
  service::AnalysisService analysis(**store, *engine->analyst, limits, coach, cache);
  service::ChatService chat(**store, *engine->analyst, *engine->responder, *clock, limits, coach,
                            cache);
  service::SessionService sessions(**store, config.session_ttl.count());
  service::ExampleService examples(**store, limits);
  service::HealthService health(**store, std::string(llm::ModeName(*llm_config)),
                                llm_runtime ? std::string(llm_runtime->model()) : "");
  service::DocumentService documents(DocumentLimits(config));

  server::StaticFiles static_files(config.web_root);
  server::Router router(
      server::Services{&analysis, &chat, &sessions, &examples, &health, &documents}, static_files,
      server::RouterOptions{.cors_origins = config.cors_origins, .version = kVersion});

  server::ServerOptions options;
  options.host = config.host;
  options.port = config.port;
  options.io_threads = config.io_threads;
  options.worker_threads = config.worker_threads;
  options.max_pending = config.max_pending;
  options.max_connections = config.max_connections;
  options.body_limit = config.max_body_bytes;
  options.route_body_limits = {{"/documents", config.max_document_bytes}};
  options.header_limit = config.max_header_bytes;
  options.read_timeout = config.read_timeout;
  options.write_timeout = config.read_timeout;
  options.shutdown_timeout = config.shutdown_timeout;
  options.client_ip_header = config.client_ip_header;
  if (!config.quiet) options.access_log = log_line;
  // Declared after the services and the LLM runtime, so it is destroyed first: LLM streams
  // still queued on its event loop refer to them.
  server::HttpServer http(router, options);
  if (llm_runtime) {
    if (Status bound = llm_runtime->Bind([&http] { return http.LocalExecutor(); }); !bound.ok())
      return Fail(bound);
  }
  Result<int> port = http.Listen();
  if (!port.ok()) return Fail(port.status());

  storage::Sweeper sweeper(**store, config.sweep_interval, [&log_mu](const Result<int>& r) {
    if (r.ok() && *r == 0) return;
    std::lock_guard lock(log_mu);
    if (r.ok()) {
      std::fprintf(stderr, "sweeper: removed %d expired session(s)\n", *r);
    } else {
      std::fprintf(stderr, "sweeper: %s\n", r.status().ToString().c_str());
    }
  });

  std::cerr << "storage: " << (**store).Name()
            << ", web root: " << (static_files.enabled() ? static_files.root().string() : "(none)")
            << "\n";
  const bool ipv6 = config.host.find(':') != std::string::npos;
  std::cout << "listening on http://" << (ipv6 ? "[" + config.host + "]" : config.host) << ":"
            << *port << std::endl;
  http.Run();
  sweeper.Stop();
  std::cerr << "stopped\n";
  return kExitOk;
}

int Analyze(const std::vector<std::string>& args) {
  if (WantsHelp(args)) {
    std::cout << kAnalyzeHelp;
    return kExitOk;
  }
  std::vector<std::string> files;
  std::string format = "md";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--format" && i + 1 < args.size()) {
      format = args[++i];
    } else if (args[i].starts_with("--format=")) {
      format = args[i].substr(9);
    } else if (args[i].starts_with("-")) {
      return UsageError("unknown option " + args[i], kAnalyzeHelp);
    } else {
      files.push_back(args[i]);
    }
  }
  if (files.size() != 2) return UsageError("analyze needs RESUME and JD files", kAnalyzeHelp);
  if (format != "md" && format != "json") {
    return UsageError("--format must be md or json", kAnalyzeHelp);
  }
  Result<ServeConfig> defaults = ParseServeConfig({}, ProcessEnv());
  if (!defaults.ok()) return Fail(defaults.status());
  const service::DocumentService documents(DocumentLimits(*defaults));
  Result<std::string> resume = ReadDocument(files[0], "resume", documents);
  if (!resume.ok()) return Fail(resume.status());
  Result<std::string> jd = ReadDocument(files[1], "job_description", documents);
  if (!jd.ok()) return Fail(jd.status());
  const service::Limits limits;
  Status valid = service::ValidateText("resume", *resume, limits.max_resume_chars);
  if (valid.ok()) {
    valid = service::ValidateText("job_description", *jd, limits.max_job_description_chars);
  }
  if (!valid.ok()) return Fail(valid);
  static const SystemClock kClock;
  Result<Engine> engine = MakeEngine(kClock);
  if (!engine.ok()) return Fail(engine.status());
  Result<service::AnalysisOutput> out = engine->analyst->Analyze(*resume, *jd);
  if (!out.ok()) return Fail(out.status());
  if (format == "md") {
    std::cout << out->markdown;
    if (!out->markdown.empty() && out->markdown.back() != '\n') std::cout << "\n";
  } else {
    nlohmann::json j = {{"analysis", out->markdown},
                        {"report", codec::ReportToJsonValue(out->report)}};
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  return kExitOk;
}

int Eval(const std::vector<std::string>& args) {
  if (WantsHelp(args)) {
    std::cout << kEvalHelp;
    return kExitOk;
  }
  if (args.size() != 2) return UsageError("eval needs DATASET and PATH", kEvalHelp);
  return eval::RunEval(args[0], args[1], std::cout);
}

int Examples(const std::vector<std::string>& args) {
  if (args.empty() || WantsHelp(args)) {
    std::cout << kExamplesHelp;
    return args.empty() ? kExitUsage : kExitOk;
  }
  const std::string action = args[0];
  model::Example example;
  std::vector<std::string> positional;
  std::vector<std::string> store_flags;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    bool ok = true;
    if (a == "--id") {
      ok = value(example.id);
    } else if (a == "--name") {
      ok = value(example.name);
    } else if (a == "--kind") {
      ok = value(example.kind);
    } else if (a == "--data-dir" || a == "--database") {
      std::string v;
      ok = value(v);
      store_flags.push_back(a);
      store_flags.push_back(v);
    } else if (a.starts_with("--data-dir=") || a.starts_with("--database=")) {
      store_flags.push_back(a);
    } else if (a.starts_with("-")) {
      return UsageError("unknown option " + a, kExamplesHelp);
    } else {
      positional.push_back(a);
    }
    if (!ok) return UsageError(a + " needs a value", kExamplesHelp);
  }
  Result<ServeConfig> config = ParseServeConfig(store_flags, ProcessEnv());
  if (!config.ok()) return UsageError(config.status().message(), kExamplesHelp);
  if (action != "list" && action != "add" && action != "remove") {
    return UsageError("unknown examples action \"" + action + "\"", kExamplesHelp);
  }
  if (action == "list" && !positional.empty()) {
    return UsageError("examples list takes no arguments", kExamplesHelp);
  }
  if (action == "remove" && positional.size() != 1) {
    return UsageError("examples remove needs one ID", kExamplesHelp);
  }
  if (action == "add" && (positional.size() != 1 || example.id.empty() || example.name.empty() ||
                          example.kind.empty())) {
    return UsageError("examples add needs --id, --name, --kind and one FILE", kExamplesHelp);
  }

  std::unique_ptr<Clock> clock = MakeClock(*config);
  Result<std::unique_ptr<storage::Store>> store = OpenSeededStore(*config, *clock);
  if (!store.ok()) return Fail(store.status());
  service::ExampleService examples(**store, service::Limits{});
  if (action == "list") {
    Result<std::vector<model::Example>> list = examples.List();
    if (!list.ok()) return Fail(list.status());
    for (const model::Example& e : *list)
      std::cout << e.id << "\t" << e.kind << "\t" << e.name << "\n";
    return kExitOk;
  }
  if (action == "remove") {
    Status removed = examples.Remove(positional[0]);
    if (!removed.ok()) return Fail(removed);
    std::cout << "removed " << positional[0] << "\n";
    return kExitOk;
  }
  Result<std::string> content = ReadTextFile(positional[0]);
  if (!content.ok()) return Fail(content.status());
  example.content = std::move(*content);
  Status put = examples.Put(example);
  if (!put.ok()) return Fail(put);
  std::cout << "added " << example.id << "\n";
  return kExitOk;
}

int Main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "--help" || command == "-h") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (command == "--version") {
    std::cout << "resume-coach " << kVersion << "\n";
    return kExitOk;
  }
  if (command == "help") {
    const std::string topic = args.empty() ? "" : args[0];
    if (topic == "serve") {
      std::cout << ServeHelp();
    } else if (topic == "analyze") {
      std::cout << kAnalyzeHelp;
    } else if (topic == "eval") {
      std::cout << kEvalHelp;
    } else if (topic == "examples") {
      std::cout << kExamplesHelp;
    } else {
      std::cout << kUsage;
    }
    return kExitOk;
  }
  if (command == "serve") return Serve(args);
  if (command == "analyze") return Analyze(args);
  if (command == "eval") return Eval(args);
  if (command == "examples") return Examples(args);
  std::cerr << "resume-coach: unknown command \"" << command << "\"\n\n" << kUsage;
  return kExitUsage;
}

}  // namespace
}  // namespace rc::app

int main(int argc, char** argv) { return rc::app::Main(argc, argv); }

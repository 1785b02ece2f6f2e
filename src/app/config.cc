// Parsing of the serve configuration.
#include "app/config.h"

#include <cstdlib>
#include <limits>

namespace rc::app {
namespace {

Result<std::int64_t> ParseInt(const std::string& text, const std::string& flag) {
  if (text.empty()) return InvalidArgumentError(flag + " needs a number");
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return InvalidArgumentError(flag + " must be a whole number: " + text);
    if (value > (std::numeric_limits<std::int64_t>::max() - 9) / 10) {
      return InvalidArgumentError(flag + " is too large: " + text);
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

Result<int> ParseIntIn(const std::string& text, const std::string& flag, int lo, int hi) {
  RC_ASSIGN_OR_RETURN(std::int64_t v, ParseInt(text, flag));
  if (v < lo || v > hi) {
    return InvalidArgumentError(flag + " must be between " + std::to_string(lo) + " and " +
                                std::to_string(hi));
  }
  return static_cast<int>(v);
}

// Splits "a,b , c" into trimmed, non-empty parts.
std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string part = text.substr(start, comma - start);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (!part.empty()) out.push_back(part);
    start = comma + 1;
  }
  return out;
}

Status CheckOrigin(const std::string& origin) {
  if (origin == "*" || origin == "null") {
    return InvalidArgumentError("--cors-origin must name an origin; \"" + origin +
                                "\" is not allowed");
  }
  if (!origin.starts_with("http://") && !origin.starts_with("https://")) {
    return InvalidArgumentError("--cors-origin must look like https://example.com: " + origin);
  }
  if (origin.back() == '/') {
    return InvalidArgumentError("--cors-origin must not end with '/': " + origin);
  }
  return Status::Ok();
}

}  // namespace

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

std::string DefaultDataDir(const EnvLookup& env) {
  if (auto xdg = env("XDG_DATA_HOME"); xdg && !xdg->empty()) return *xdg + "/resume-coach";
  return "./data-dir";
}

Result<std::chrono::milliseconds> ParseDuration(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) return InvalidArgumentError("not a duration: \"" + text + "\"");
  RC_ASSIGN_OR_RETURN(std::int64_t n, ParseInt(text.substr(0, digits), "duration"));
  const std::string unit = text.substr(digits);
  std::int64_t scale = 0;
  if (unit == "ms") {
    scale = 1;
  } else if (unit.empty() || unit == "s") {
    scale = 1000;
  } else if (unit == "m") {
    scale = 60'000;
  } else if (unit == "h") {
    scale = 3'600'000;
  } else {
    return InvalidArgumentError("not a duration: \"" + text + "\" (use ms, s, m or h)");
  }
  if (n > std::numeric_limits<std::int64_t>::max() / scale) {
    return InvalidArgumentError("duration is too large: \"" + text + "\"");
  }
  return std::chrono::milliseconds(n * scale);
}

Result<std::size_t> ParseSize(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) return InvalidArgumentError("not a size: \"" + text + "\"");
  RC_ASSIGN_OR_RETURN(std::int64_t n, ParseInt(text.substr(0, digits), "size"));
  const std::string unit = text.substr(digits);
  std::int64_t scale = 0;
  if (unit.empty() || unit == "B") {
    scale = 1;
  } else if (unit == "k" || unit == "K" || unit == "KiB") {
    scale = 1024;
  } else if (unit == "M" || unit == "MiB") {
    scale = 1024 * 1024;
  } else {
    return InvalidArgumentError("not a size: \"" + text + "\" (use bytes, KiB or MiB)");
  }
  if (n > (std::int64_t{1} << 40) / scale) return InvalidArgumentError("size is too large");
  return static_cast<std::size_t>(n * scale);
}

Result<ServeConfig> ParseServeConfig(const std::vector<std::string>& args, const EnvLookup& env) {
  ServeConfig c;
  // Environment first, so that flags parsed afterwards win.
  std::map<std::string, std::string> values;
  const std::pair<const char*, const char*> kEnv[] = {
      {"RESUME_COACH_HOST", "--host"},
      {"RESUME_COACH_PORT", "--port"},
      {"RESUME_COACH_DATA_DIR", "--data-dir"},
      {"RESUME_COACH_DATABASE_URL", "--database"},
      {"RESUME_COACH_WEB_ROOT", "--web-root"},
      {"RESUME_COACH_CORS_ORIGIN", "--cors-origin"},
      {"RESUME_COACH_PDF_WORKER", "--pdf-worker"},
      {"RESUME_COACH_LLM_SESSION_PER_MINUTE", "--llm-session-per-minute"},
      {"RESUME_COACH_LLM_IP_PER_MINUTE", "--llm-ip-per-minute"},
      {"RESUME_COACH_LLM_DAILY_TOKENS", "--llm-daily-tokens"},
      {"RESUME_COACH_CLIENT_IP_HEADER", "--client-ip-header"},
  };
  for (const auto& [var, flag] : kEnv) {
    if (auto v = env(var); v && !v->empty()) values[flag] = *v;
  }
  if (auto clock = env("RESUME_COACH_TEST_CLOCK_FILE"); clock && !clock->empty()) {
    c.test_clock_file = *clock;
  }

  std::vector<std::string> cors_flags;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::string value;
    if (flag == "--quiet") {
      c.quiet = true;
      continue;
    }
    if (!flag.starts_with("--")) return InvalidArgumentError("unexpected argument: " + flag);
    if (const std::size_t eq = flag.find('='); eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
    } else {
      if (i + 1 >= args.size()) return InvalidArgumentError(flag + " needs a value");
      value = args[++i];
    }
    if (flag == "--cors-origin") {
      cors_flags.push_back(value);
    } else {
      values[flag] = value;
    }
  }
  if (!cors_flags.empty()) {
    std::string joined;
    for (const auto& v : cors_flags) joined += v + ",";
    values["--cors-origin"] = joined;
  }

  for (const auto& [flag, value] : values) {
    if (flag == "--host") {
      c.host = value;
    } else if (flag == "--port") {
      RC_ASSIGN_OR_RETURN(c.port, ParseIntIn(value, flag, 0, 65535));
    } else if (flag == "--data-dir") {
      c.data_dir = value;
    } else if (flag == "--database") {
      c.database = value;
    } else if (flag == "--web-root") {
      c.web_root = value;
    } else if (flag == "--cors-origin") {
      c.cors_origins = SplitList(value);
      for (const auto& o : c.cors_origins) RC_RETURN_IF_ERROR(CheckOrigin(o));
    } else if (flag == "--max-body") {
      RC_ASSIGN_OR_RETURN(c.max_body_bytes, ParseSize(value));
    } else if (flag == "--max-header") {
      RC_ASSIGN_OR_RETURN(c.max_header_bytes, ParseSize(value));
      if (c.max_header_bytes < 1024) return InvalidArgumentError("--max-header must be >= 1KiB");
    } else if (flag == "--max-resume-chars") {
      RC_ASSIGN_OR_RETURN(int v, ParseIntIn(value, flag, 1, 10'000'000));
      c.max_resume_chars = static_cast<std::size_t>(v);
    } else if (flag == "--max-job-chars") {
      RC_ASSIGN_OR_RETURN(int v, ParseIntIn(value, flag, 1, 10'000'000));
      c.max_job_description_chars = static_cast<std::size_t>(v);
    } else if (flag == "--max-question-chars") {
      RC_ASSIGN_OR_RETURN(int v, ParseIntIn(value, flag, 1, 1'000'000));
      c.max_question_chars = static_cast<std::size_t>(v);
    } else if (flag == "--max-document") {
      RC_ASSIGN_OR_RETURN(c.max_document_bytes, ParseSize(value));
      if (c.max_document_bytes == 0) return InvalidArgumentError("--max-document must be > 0");
    } else if (flag == "--max-document-pages") {
      RC_ASSIGN_OR_RETURN(c.max_document_pages, ParseIntIn(value, flag, 1, 10'000));
    } else if (flag == "--max-pdf-workers") {
      RC_ASSIGN_OR_RETURN(c.max_pdf_workers, ParseIntIn(value, flag, 1, 256));
    } else if (flag == "--pdf-worker") {
      c.pdf_worker = value;
    } else if (flag == "--read-timeout") {
      RC_ASSIGN_OR_RETURN(c.read_timeout, ParseDuration(value));
    } else if (flag == "--shutdown-timeout") {
      RC_ASSIGN_OR_RETURN(c.shutdown_timeout, ParseDuration(value));
    } else if (flag == "--session-ttl") {
      RC_ASSIGN_OR_RETURN(c.session_ttl, ParseDuration(value));
    } else if (flag == "--sweep-interval") {
      RC_ASSIGN_OR_RETURN(c.sweep_interval, ParseDuration(value));
    } else if (flag == "--io-threads") {
      RC_ASSIGN_OR_RETURN(c.io_threads, ParseIntIn(value, flag, 1, 64));
    } else if (flag == "--workers") {
      RC_ASSIGN_OR_RETURN(c.worker_threads, ParseIntIn(value, flag, 1, 256));
    } else if (flag == "--max-pending") {
      RC_ASSIGN_OR_RETURN(c.max_pending, ParseIntIn(value, flag, 1, 1'000'000));
    } else if (flag == "--max-connections") {
      RC_ASSIGN_OR_RETURN(c.max_connections, ParseIntIn(value, flag, 1, 1'000'000));
    } else if (flag == "--report-cache-mb") {
      RC_ASSIGN_OR_RETURN(c.report_cache_mb, ParseIntIn(value, flag, 0, 1 << 20));
    } else if (flag == "--llm-session-per-minute") {
      RC_ASSIGN_OR_RETURN(c.llm_session_per_minute, ParseIntIn(value, flag, 1, 100'000));
    } else if (flag == "--llm-ip-per-minute") {
      RC_ASSIGN_OR_RETURN(c.llm_ip_per_minute, ParseIntIn(value, flag, 1, 100'000));
    } else if (flag == "--llm-daily-tokens") {
      RC_ASSIGN_OR_RETURN(c.llm_daily_tokens, ParseInt(value, flag));
      if (c.llm_daily_tokens < 0) return InvalidArgumentError("--llm-daily-tokens must be >= 0");
    } else if (flag == "--client-ip-header") {
      c.client_ip_header = value;
    } else {
      return InvalidArgumentError("unknown option " + flag + " (see resume-coach serve --help)");
    }
  }
  if (c.read_timeout.count() <= 0) return InvalidArgumentError("--read-timeout must be > 0");
  if (c.session_ttl.count() <= 0) return InvalidArgumentError("--session-ttl must be > 0");
  if (c.sweep_interval.count() <= 0) return InvalidArgumentError("--sweep-interval must be > 0");
  if (c.data_dir.empty()) c.data_dir = DefaultDataDir(env);
  return c;
}

std::string ServeHelp() {
  return R"(usage: resume-coach serve [options]

Serves the JSON API and the web app (docs/api.md, docs/configuration.md).

  --host ADDR             address to listen on (default 127.0.0.1; env RESUME_COACH_HOST)
  --port N                port, 0 for any free port (default 8080; env RESUME_COACH_PORT)
  --data-dir DIR          where resume-coach.db lives (default $XDG_DATA_HOME/resume-coach
                          or ./data-dir; env RESUME_COACH_DATA_DIR)
  --database PATH|URL     SQLite file or postgresql:// URL (default DIR/resume-coach.db;
                          env RESUME_COACH_DATABASE_URL)
  --web-root DIR          built web app to serve (default web/dist; env RESUME_COACH_WEB_ROOT)
  --cors-origin ORIGIN    allow this origin to call the API (repeatable or comma-separated;
                          never "*"; env RESUME_COACH_CORS_ORIGIN)
  --max-body SIZE         request body limit (default 1MiB)
  --max-header SIZE       request header limit (default 16KiB)
  --max-resume-chars N    resume limit in characters (default 100000)
  --max-job-chars N       job description limit in characters (default 100000)
  --max-question-chars N  chat question limit in characters (default 4000)
  --max-document SIZE     uploaded file limit, the body limit of POST /documents (default 10MiB)
  --max-document-pages N  pages an uploaded PDF may have (default 20)
  --max-pdf-workers N     PDF reader processes at once; more uploads wait, then 503 (default 4)
  --pdf-worker PATH       the PDF reader executable (default resume-coach-pdf-worker next to
                          resume-coach; env RESUME_COACH_PDF_WORKER)
  --read-timeout DUR      limit on reading one request, and idle keep-alive (default 15s)
  --shutdown-timeout DUR  how long in-flight requests may finish after SIGTERM (default 10s)
  --session-ttl DUR       sliding session lifetime (default 24h)
  --sweep-interval DUR    how often expired sessions are purged (default 10m)
  --io-threads N          network threads (default 2)
  --workers N             worker threads for analysis and storage (default 4)
  --max-pending N         queued requests before 503 (default 256)
  --max-connections N     open connections before new ones are refused (default 1024)
  --report-cache-mb N     memory for decoded reports reused by chat questions (default 64;
                          0: no cache)
  --llm-session-per-minute N  AI requests per session per minute (default 5)
  --llm-ip-per-minute N   AI requests per client IP per minute (default 10)
  --llm-daily-tokens N    AI tokens this instance may spend per UTC day; then the built-in
                          coach answers (default 0: no limit)
  --client-ip-header NAME take the client IP for limits from this header, e.g.
                          X-Forwarded-For (only behind a proxy that sets it)
  --quiet                 no access log

LLM mode: set RESUME_COACH_LLM_URL and/or OPENAI_API_KEY (see docs/llm.md); the flags above
also read RESUME_COACH_LLM_SESSION_PER_MINUTE, RESUME_COACH_LLM_IP_PER_MINUTE,
RESUME_COACH_LLM_DAILY_TOKENS and RESUME_COACH_CLIENT_IP_HEADER.

Durations: 500ms, 15s, 30m, 24h. Sizes: bytes, or with KiB/MiB.
)";
}

}  // namespace rc::app

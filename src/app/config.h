// Configuration of `resume-coach serve` from flags and environment variables (flags win).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace rc::app {

// Every setting of the server; the defaults are the documented ones (docs/configuration.md).
struct ServeConfig {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string data_dir;  // resolved: flag, env, $XDG_DATA_HOME/resume-coach, ./data-dir
  std::string database;  // SQLite path or postgresql:// URL; empty: <data_dir>/resume-coach.db
  std::string web_root = "web/dist";
  std::vector<std::string> cors_origins;

  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_header_bytes = 16 << 10;
  std::size_t max_resume_chars = 100'000;
  std::size_t max_job_description_chars = 100'000;
  std::size_t max_question_chars = 4'000;

  // Uploads (POST /documents, resume-coach analyze): see rc::ingest::Limits.
  std::size_t max_document_bytes = 10 << 20;  // also the body limit of POST /documents
  int max_document_pages = 20;
  int max_pdf_workers = 4;
  std::string pdf_worker;  // empty: resume-coach-pdf-worker next to the executable

  std::chrono::milliseconds read_timeout{15'000};
  std::chrono::milliseconds shutdown_timeout{10'000};
  std::chrono::milliseconds session_ttl{24LL * 60 * 60 * 1000};
  std::chrono::milliseconds sweep_interval{10LL * 60 * 1000};

  int io_threads = 2;
  int worker_threads = 4;
  int max_pending = 256;
  int max_connections = 1024;
  // Memory budget of the decoded-report cache shared by analysis and chat (MiB; 0: no cache).
  int report_cache_mb = 64;

  // LLM mode (the endpoint itself is configured by rc::llm::LoadLlmConfigFromEnvironment):
  // request limits per session and per client IP (requests per minute, also the burst), and the
  // tokens this instance may spend per UTC day (0: no limit).
  int llm_session_per_minute = 5;
  int llm_ip_per_minute = 10;
  std::int64_t llm_daily_tokens = 0;
  // Take the client IP for request limits from this header (behind a reverse proxy only).
  std::string client_ip_header;

  // Test hook (RESUME_COACH_TEST_CLOCK_FILE only): a file holding the current time in epoch
  // milliseconds, read as the server's clock. Empty: the system clock.
  std::string test_clock_file;
  bool quiet = false;  // no access log
};

// Reads an environment variable; returns nullopt when unset. Injected so tests control it.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// The process environment.
EnvLookup ProcessEnv();

// Parses `serve` arguments (without the command name) over the environment. InvalidArgument
// naming the flag for unknown flags, missing values and values out of range.
Result<ServeConfig> ParseServeConfig(const std::vector<std::string>& args, const EnvLookup& env);

// The default data directory: $XDG_DATA_HOME/resume-coach when XDG_DATA_HOME is set,
// ./data-dir otherwise.
std::string DefaultDataDir(const EnvLookup& env);

// "15s", "500ms", "24h", "30m" -> milliseconds; a bare number means seconds. InvalidArgument
// on anything else or a negative value.
Result<std::chrono::milliseconds> ParseDuration(const std::string& text);

// "1048576", "64KiB", "1MiB", "1M", "512k" -> bytes. InvalidArgument otherwise.
Result<std::size_t> ParseSize(const std::string& text);

// The help text of `serve`.
std::string ServeHelp();

}  // namespace rc::app

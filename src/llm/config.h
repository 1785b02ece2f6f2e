// LlmConfig: where the OpenAI-compatible endpoint is and how to talk to it, read from the
// environment.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace rc::llm {

// Retries on 408/409/429/5xx and connection failures, with jittered exponential backoff:
// delay(n) = min(initial * 2^n, max_delay) * (1 - 0.25 * random), n = 0, 1, ...
// A Retry-After / retry-after-ms hint in (0, max_retry_after] replaces the backoff; a larger
// hint fails fast and is passed on to the user.
struct RetryPolicy {
  int max_retries = 2;  // so at most 3 attempts
  std::chrono::milliseconds initial_delay{500};
  std::chrono::milliseconds max_delay{8000};
  std::chrono::milliseconds max_retry_after{60000};
};

// A parsed http(s) URL. `path` has no trailing slash; `query` has no leading '?'.
struct Endpoint {
  bool tls = true;
  std::string host;
  std::uint16_t port = 443;
  std::string path;
  std::string query;
};

// Parses "http(s)://host[:port][/path][?query]". InvalidArgument names what is wrong; the
// message never repeats user-info ("user:pass@") from the URL.
Result<Endpoint> ParseEndpoint(std::string_view url);

// Everything the OpenAI-compatible client needs. `enabled` is false in built-in mode.
struct LlmConfig {
  bool enabled = false;
  std::string base_url = "https://api.openai.com/v1";
  Endpoint endpoint;    // parsed base_url
  std::string api_key;  // may be empty for local servers; never logged
  // "authorization" sends "Authorization: Bearer <key>"; "api-key" sends "api-key: <key>"
  // (Azure OpenAI).
  std::string auth_header = "authorization";
  std::string model = "gpt-4o-mini";
  std::string ca_file;  // extra CA bundle (PEM) for https, e.g. a corporate proxy; "" = system
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds first_token_timeout{30000};
  std::chrono::milliseconds idle_timeout{30000};
  std::chrono::milliseconds total_timeout{120000};
  int max_tokens = 1024;
  std::size_t max_event_bytes = 1 << 20;  // one SSE event; larger is a bad response
  RetryPolicy retry;
};

// "builtin" when `config.enabled` is false, else "llm".
std::string_view ModeName(const LlmConfig& config);

// A one-line description for startup logs: mode, URL, model, timeouts, "key: set"/"key: none".
// Never contains the key.
std::string Describe(const LlmConfig& config);

// Reads the configuration from the environment through `getenv` (nullptr when unset) and
// `read_file` (for the key file):
//   RESUME_COACH_LLM_URL        base URL (default https://api.openai.com/v1)
//   OPENAI_API_KEY              API key
//   RESUME_COACH_LLM_KEY_FILE   file holding the API key (used when OPENAI_API_KEY is unset)
//   RESUME_COACH_MODEL          model (default gpt-4o-mini)
//   RESUME_COACH_LLM_AUTH_HEADER  "authorization" (default) or "api-key"
//   RESUME_COACH_LLM_CA_FILE    extra CA bundle
//   RESUME_COACH_LLM_CONNECT_TIMEOUT_MS, _FIRST_TOKEN_TIMEOUT_MS, _IDLE_TIMEOUT_MS,
//   _TOTAL_TIMEOUT_MS, RESUME_COACH_LLM_MAX_TOKENS, RESUME_COACH_LLM_MAX_RETRIES
// Built-in mode (enabled = false) when neither a URL nor a key is set. InvalidArgument for a
// malformed URL or number, or an unreadable key file; messages never contain the key.
using GetEnv = std::function<const char*(const char* name)>;
using ReadFile = std::function<Result<std::string>(const std::string& path)>;
Result<LlmConfig> LoadLlmConfig(const GetEnv& getenv, const ReadFile& read_file);

// LoadLlmConfig over the process environment and the file system.
Result<LlmConfig> LoadLlmConfigFromEnvironment();

}  // namespace rc::llm

// Reading and describing the LLM configuration.
#include "llm/config.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "base/ascii.h"

namespace rc::llm {
namespace {

std::string Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  const auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

// Reads a positive integer variable into `out`; leaves it unchanged when unset.
Status ReadPositive(const GetEnv& getenv, const char* name, std::int64_t max, std::int64_t& out) {
  const char* raw = getenv(name);
  if (raw == nullptr || *raw == '\0') return Status::Ok();
  const std::string_view text(raw);
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value <= 0 || value > max) {
    return InvalidArgumentError(std::string(name) + " must be a whole number from 1 to " +
                                std::to_string(max));
  }
  out = value;
  return Status::Ok();
}

Status ReadMillis(const GetEnv& getenv, const char* name, std::chrono::milliseconds& out) {
  std::int64_t value = out.count();
  RC_RETURN_IF_ERROR(ReadPositive(getenv, name, 3'600'000, value));
  out = std::chrono::milliseconds(value);
  return Status::Ok();
}

}  // namespace

Result<Endpoint> ParseEndpoint(std::string_view url) {
  Endpoint ep;
  std::string_view rest;
  if (url.starts_with("https://")) {
    ep.tls = true;
    ep.port = 443;
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    ep.tls = false;
    ep.port = 80;
    rest = url.substr(7);
  } else {
    return InvalidArgumentError("llm url must start with http:// or https://");
  }
  if (const auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  if (const auto q = rest.find('?'); q != std::string_view::npos) {
    ep.query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
  if (authority.find('@') != std::string_view::npos) {
    return InvalidArgumentError("llm url must not contain credentials; use OPENAI_API_KEY");
  }
  std::string_view host = authority;
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return InvalidArgumentError("llm url has a bad host");
    host = authority.substr(1, close - 1);
    authority = authority.substr(close + 1);
    if (!authority.empty() && authority.front() != ':') {
      return InvalidArgumentError("llm url has a bad host");
    }
  } else {
    const auto colon = authority.find(':');
    host = authority.substr(0, colon);
    authority = colon == std::string_view::npos ? "" : authority.substr(colon);
  }
  if (host.empty()) return InvalidArgumentError("llm url has no host");
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == ':' || c == '_';
    if (!ok) return InvalidArgumentError("llm url has a bad host");
  }
  if (!authority.empty()) {  // ":port"
    const std::string_view digits = authority.substr(1);
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || value == 0 ||
        value > 65535) {
      return InvalidArgumentError("llm url has a bad port");
    }
    ep.port = static_cast<std::uint16_t>(value);
  }
  ep.host = std::string(host);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  for (char c : path) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return InvalidArgumentError("llm url path has a space or control character");
    }
  }
  ep.path = std::string(path);
  return ep;
}

std::string_view ModeName(const LlmConfig& config) { return config.enabled ? "llm" : "builtin"; }

std::string Describe(const LlmConfig& config) {
  if (!config.enabled) return "mode=builtin (no LLM configured)";
  std::ostringstream out;
  out << "mode=llm url=" << (config.endpoint.tls ? "https://" : "http://") << config.endpoint.host
      << ":" << config.endpoint.port << config.endpoint.path << " model=" << config.model
      << " key=" << (config.api_key.empty() ? "none" : "set")
      << " connect_timeout_ms=" << config.connect_timeout.count()
      << " first_token_timeout_ms=" << config.first_token_timeout.count()
      << " idle_timeout_ms=" << config.idle_timeout.count()
      << " total_timeout_ms=" << config.total_timeout.count() << " max_tokens=" << config.max_tokens
      << " max_retries=" << config.retry.max_retries;
  return out.str();
}

Result<LlmConfig> LoadLlmConfig(const GetEnv& getenv, const ReadFile& read_file) {
  LlmConfig config;
  auto get = [&](const char* name) -> std::string {
    const char* v = getenv(name);
    return v == nullptr ? std::string() : Trim(v);
  };
  const std::string url = get("RESUME_COACH_LLM_URL");
  std::string key = get("OPENAI_API_KEY");
  const std::string key_file = get("RESUME_COACH_LLM_KEY_FILE");
  if (key.empty() && !key_file.empty()) {
    Result<std::string> contents = read_file(key_file);
    if (!contents.ok()) {
      return InvalidArgumentError("cannot read RESUME_COACH_LLM_KEY_FILE (" + key_file + ")");
    }
    key = Trim(*contents);
    if (key.empty()) return InvalidArgumentError("RESUME_COACH_LLM_KEY_FILE is empty");
  }
  for (char c : key) {
    if (static_cast<unsigned char>(c) < 0x21 || c == 0x7f) {
      return InvalidArgumentError("the api key contains a space or control character");
    }
  }
  if (url.empty() && key.empty()) return config;  // built-in mode

  config.enabled = true;
  if (!url.empty()) config.base_url = url;
  RC_ASSIGN_OR_RETURN(config.endpoint, ParseEndpoint(config.base_url));
  config.api_key = std::move(key);
  if (const std::string model = get("RESUME_COACH_MODEL"); !model.empty()) config.model = model;
  if (const std::string header = AsciiLower(get("RESUME_COACH_LLM_AUTH_HEADER")); !header.empty()) {
    if (header != "authorization" && header != "api-key") {
      return InvalidArgumentError(
          "RESUME_COACH_LLM_AUTH_HEADER must be \"authorization\" or \"api-key\"");
    }
    config.auth_header = header;
  }
  config.ca_file = get("RESUME_COACH_LLM_CA_FILE");
  RC_RETURN_IF_ERROR(
      ReadMillis(getenv, "RESUME_COACH_LLM_CONNECT_TIMEOUT_MS", config.connect_timeout));
  RC_RETURN_IF_ERROR(
      ReadMillis(getenv, "RESUME_COACH_LLM_FIRST_TOKEN_TIMEOUT_MS", config.first_token_timeout));
  RC_RETURN_IF_ERROR(ReadMillis(getenv, "RESUME_COACH_LLM_IDLE_TIMEOUT_MS", config.idle_timeout));
  RC_RETURN_IF_ERROR(ReadMillis(getenv, "RESUME_COACH_LLM_TOTAL_TIMEOUT_MS", config.total_timeout));
  std::int64_t max_tokens = config.max_tokens;
  RC_RETURN_IF_ERROR(ReadPositive(getenv, "RESUME_COACH_LLM_MAX_TOKENS", 32'768, max_tokens));
  config.max_tokens = static_cast<int>(max_tokens);
  // Zero retries is a valid choice, so this one accepts 0..10 by itself.
  if (const char* raw = getenv("RESUME_COACH_LLM_MAX_RETRIES"); raw != nullptr && *raw != '\0') {
    const std::string_view text(raw);
    int value = -1;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value < 0 || value > 10) {
      return InvalidArgumentError(
          "RESUME_COACH_LLM_MAX_RETRIES must be a whole number from 0 to 10");
    }
    config.retry.max_retries = value;
  }
  return config;
}

Result<LlmConfig> LoadLlmConfigFromEnvironment() {
  return LoadLlmConfig([](const char* name) { return std::getenv(name); },
                       [](const std::string& path) -> Result<std::string> {
                         std::ifstream in(path, std::ios::binary);
                         if (!in) return NotFoundError("cannot open file");
                         std::ostringstream contents;
                         contents << in.rdbuf();
                         return contents.str();
                       });
}

}  // namespace rc::llm

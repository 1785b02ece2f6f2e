// Request bodies, chunk decoding, error classification and retry timing for Chat Completions.
#include "llm/openai_protocol.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "llm/chunk_scanner.h"

namespace rc::llm {
namespace {

using nlohmann::json;

std::string SecondsText(std::chrono::milliseconds ms) {
  const auto seconds = (ms.count() + 999) / 1000;
  return std::to_string(std::max<std::int64_t>(seconds, 1)) + " s";
}

// The error code/type of an OpenAI-style error object, lower-case, letters/digits/_ only.
std::string ErrorCode(const json& error) {
  std::string code;
  for (const char* field : {"code", "type"}) {
    auto it = error.find(field);
    if (it != error.end() && it->is_string()) {
      code = it->get<std::string>();
      if (code == "insufficient_quota") break;
      if (!code.empty() && std::string_view(field) == "code") break;
    }
  }
  std::string clean;
  for (char c : code) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') clean.push_back(c);
    if (c >= 'A' && c <= 'Z') clean.push_back(static_cast<char>(c - 'A' + 'a'));
    if (clean.size() >= 64) break;
  }
  return clean;
}

Status QuotaError() {
  return UnavailableError(
      "AI features are unavailable: the AI provider account has no quota left (built-in coach "
      "in use)");
}

Status AuthError() {
  return UnavailableError(
      "AI features are unavailable: the AI provider rejected the configured credentials");
}

ChunkError ErrorFromObject(const json& error) {
  const std::string code = ErrorCode(error);
  if (code == "insufficient_quota") return {QuotaError(), LlmErrorKind::kQuotaExhausted};
  if (code == "rate_limit_exceeded" || code == "slow_down" || code == "server_is_overloaded") {
    return {RateLimitedError(std::nullopt), LlmErrorKind::kRateLimited};
  }
  return {UnavailableError("the AI service reported an error" +
                           (code.empty() ? std::string() : " (" + code + ")") + " while answering"),
          LlmErrorKind::kUpstreamError};
}

// A token count from a usage object; 0 when absent or not a non-negative integer (some servers
// send null or strings, and json::value() would throw on those).
std::int64_t Count(const json& usage, const char* key) {
  const auto it = usage.find(key);
  if (it == usage.end()) return 0;
  if (it->is_number_unsigned()) {
    const std::uint64_t value = it->get<std::uint64_t>();
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    return static_cast<std::int64_t>(std::min(value, kMax));
  }
  if (it->is_number_integer()) return std::max<std::int64_t>(0, it->get<std::int64_t>());
  return 0;
}

Usage UsageFrom(const json& usage) {
  Usage u;
  u.prompt_tokens = Count(usage, "prompt_tokens");
  u.completion_tokens = Count(usage, "completion_tokens");
  u.estimated = false;
  return u;
}

ChunkError BadResponse(std::string what) {
  return {UnavailableError("the AI service sent " + what), LlmErrorKind::kBadResponse};
}

// Reads the members of a chat.completion.chunk that DecodeStreamChunk reports as nlohmann's event
// parser reports them (DecodeStreamChunkWithJsonLibrary: the reference for the scanner, and the
// decoder for events nested beyond it). Error payloads (an "error" member, finish_reason
// "error") set `needs_document`: they are rare and decoded from the full document.
class ChunkReader {
 public:
  enum class Role { kOther, kTop, kChoices, kChoice0, kDelta, kUsage };

  bool top_is_object = false;
  bool needs_document = false;
  StreamChunk chunk;

  bool null() { return Scalar(Kind::kNull, {}, 0); }
  bool boolean(bool) { return Scalar(Kind::kOther, {}, 0); }
  bool number_integer(json::number_integer_t v) {
    return Scalar(Kind::kCount, {}, std::max<std::int64_t>(0, v));
  }
  bool number_unsigned(json::number_unsigned_t v) {
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    return Scalar(Kind::kCount, {}, static_cast<std::int64_t>(std::min<std::uint64_t>(v, kMax)));
  }
  bool number_float(json::number_float_t, const json::string_t&) {
    return Scalar(Kind::kOther, {}, 0);
  }
  bool string(json::string_t& v) { return Scalar(Kind::kString, v, 0); }
  bool binary(json::binary_t&) { return Scalar(Kind::kOther, {}, 0); }
  bool start_object(std::size_t) {
    stack_.push_back({RoleOfNew(/*object=*/true), false, 0, {}});
    return true;
  }
  bool key(json::string_t& k) {
    stack_.back().key = k;
    return true;
  }
  bool end_object() {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) {
    stack_.push_back({RoleOfNew(/*object=*/false), true, 0, {}});
    return true;
  }
  bool end_array() {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    return false;
  }

 private:
  enum class Kind { kNull, kString, kCount, kOther };
  struct Frame {
    Role role;
    bool array;
    int index;        // elements seen so far, for arrays
    std::string key;  // the current member's name, for objects
  };

  // The role of a container that starts here, in its parent (which counts it as an element).
  Role RoleOfNew(bool object) {
    if (stack_.empty()) {
      top_is_object = object;
      return object ? Role::kTop : Role::kOther;
    }
    Frame& parent = stack_.back();
    const int index = parent.array ? parent.index++ : 0;
    switch (parent.role) {
      case Role::kTop:
        if (parent.key == "choices") return object ? Role::kOther : Role::kChoices;
        if (parent.key == "usage" && object) {
          chunk.usage = Usage{0, 0, false};
          return Role::kUsage;
        }
        if (parent.key == "error") needs_document = true;
        return Role::kOther;
      case Role::kChoices:
        return object && index == 0 ? Role::kChoice0 : Role::kOther;
      case Role::kChoice0:
        if (parent.key == "delta" && object) return Role::kDelta;
        if (parent.key == "error") needs_document = true;
        return Role::kOther;
      default:
        return Role::kOther;
    }
  }

  bool Scalar(Kind kind, std::string_view text, std::int64_t count) {
    if (stack_.empty()) return true;  // a top-level scalar: not an object
    Frame& parent = stack_.back();
    if (parent.array) {
      ++parent.index;
      return true;
    }
    switch (parent.role) {
      case Role::kTop:
        if (parent.key == "error" && kind != Kind::kNull) needs_document = true;
        if (parent.key == "usage") chunk.usage.reset();
        break;
      case Role::kChoice0:
        if (parent.key == "finish_reason") {
          chunk.finish_reason = kind == Kind::kString ? std::string(text) : std::string();
          if (chunk.finish_reason == "error") needs_document = true;
        }
        break;
      case Role::kDelta:
        if (parent.key == "content") {
          chunk.content = kind == Kind::kString ? std::string(text) : std::string();
        }
        break;
      case Role::kUsage:
        if (parent.key == "prompt_tokens") {
          chunk.usage->prompt_tokens = kind == Kind::kCount ? count : 0;
        } else if (parent.key == "completion_tokens") {
          chunk.usage->completion_tokens = kind == Kind::kCount ? count : 0;
        }
        break;
      default:
        break;
    }
    return true;
  }

  std::vector<Frame> stack_;
};

ChunkError MalformedEvent() { return BadResponse("a malformed event (not a JSON object)"); }

// Decodes an event from the full document: error payloads, and events the event parser saw
// asking for it. Duplicate members resolve to the last one here.
DecodedChunk DecodeChunkDocument(std::string_view data) {
  DecodedChunk out;
  const json j = json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    out.error = MalformedEvent();
    return out;
  }
  if (auto err = j.find("error"); err != j.end() && !err->is_null()) {
    out.error = err->is_object() ? ErrorFromObject(*err) : ErrorFromObject(json::object());
    return out;
  }
  StreamChunk chunk;
  if (auto choices = j.find("choices");
      choices != j.end() && choices->is_array() && !choices->empty() && (*choices)[0].is_object()) {
    const json& choice = (*choices)[0];
    if (auto delta = choice.find("delta"); delta != choice.end() && delta->is_object()) {
      if (auto content = delta->find("content"); content != delta->end() && content->is_string()) {
        chunk.content = content->get<std::string>();
      }
    }
    if (auto fr = choice.find("finish_reason"); fr != choice.end() && fr->is_string()) {
      chunk.finish_reason = fr->get<std::string>();
      if (chunk.finish_reason == "error") {
        out.error = ErrorFromObject(choice.value("error", json::object()));
        return out;
      }
    }
  }
  if (auto usage = j.find("usage"); usage != j.end() && usage->is_object()) {
    chunk.usage = UsageFrom(*usage);
  }
  out.chunk = std::move(chunk);
  return out;
}

DecodedChunk DoneChunk() {
  DecodedChunk out;
  out.chunk.emplace().done = true;
  return out;
}

}  // namespace

std::string BuildRequestBody(const LlmConfig& config, const ChatRequest& request) {
  json messages = json::array();
  for (const ChatMessage& m : request.messages) {
    messages.push_back({{"role", m.role}, {"content", m.content}});
  }
  json body = {
      {"model", config.model},
      {"messages", std::move(messages)},
      {"stream", true},
      {"stream_options", {{"include_usage", true}}},
      {"temperature", request.temperature},
      {"max_tokens", request.max_tokens > 0 ? request.max_tokens : config.max_tokens},
  };
  // Invalid UTF-8 would make dump() throw; replace it instead (inputs are validated upstream).
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

DecodedChunk DecodeStreamChunk(std::string_view data) {
  if (data == "[DONE]") return DoneChunk();
  // Every token arrives in one of these: read in one pass, copying only the content.
  DecodedChunk out;
  switch (ScanStreamChunk(data, &out.chunk.emplace())) {
    case ChunkScanResult::kChunk:
      return out;
    case ChunkScanResult::kMalformed:
      out.chunk.reset();
      out.error = MalformedEvent();
      return out;
    case ChunkScanResult::kNeedsDocument:
      return DecodeChunkDocument(data);
    case ChunkScanResult::kTooDeep:
      break;
  }
  return DecodeStreamChunkWithJsonLibrary(data);
}

DecodedChunk DecodeStreamChunkWithJsonLibrary(std::string_view data) {
  if (data == "[DONE]") return DoneChunk();
  ChunkReader reader;
  const bool parsed = json::sax_parse(data, &reader, json::input_format_t::json, /*strict=*/true);
  if (!parsed || !reader.top_is_object) {
    DecodedChunk out;
    out.error = MalformedEvent();
    return out;
  }
  if (reader.needs_document) return DecodeChunkDocument(data);
  DecodedChunk out;
  out.chunk = std::move(reader.chunk);
  return out;
}

DecodedChunk DecodeCompletionBody(std::string_view body) {
  DecodedChunk out;
  const json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    out.error = BadResponse("a response that is not JSON");
    return out;
  }
  if (auto err = j.find("error"); err != j.end() && err->is_object()) {
    out.error = ErrorFromObject(*err);
    return out;
  }
  const auto choices = j.find("choices");
  if (choices == j.end() || !choices->is_array() || choices->empty() ||
      !(*choices)[0].is_object()) {
    out.error = BadResponse("a response without choices");
    return out;
  }
  const json& choice = (*choices)[0];
  StreamChunk chunk;
  chunk.done = true;
  if (auto msg = choice.find("message"); msg != choice.end() && msg->is_object()) {
    if (auto content = msg->find("content"); content != msg->end() && content->is_string()) {
      chunk.content = content->get<std::string>();
    }
  }
  if (auto fr = choice.find("finish_reason"); fr != choice.end() && fr->is_string()) {
    chunk.finish_reason = fr->get<std::string>();
  }
  if (auto usage = j.find("usage"); usage != j.end() && usage->is_object()) {
    chunk.usage = UsageFrom(*usage);
  }
  out.chunk = std::move(chunk);
  return out;
}

std::optional<std::chrono::milliseconds> ParseRetryAfter(
    std::string_view retry_after_ms, std::string_view retry_after,
    std::chrono::system_clock::time_point now) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  retry_after_ms = trim(retry_after_ms);
  retry_after = trim(retry_after);
  if (!retry_after_ms.empty()) {
    double value = 0;
    const auto [ptr, ec] = std::from_chars(retry_after_ms.data(),
                                           retry_after_ms.data() + retry_after_ms.size(), value);
    if (ec == std::errc() && ptr == retry_after_ms.data() + retry_after_ms.size() && value > 0 &&
        std::isfinite(value) && value < 1e12) {
      return std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(value)));
    }
  }
  if (retry_after.empty()) return std::nullopt;
  double seconds = 0;
  const auto [ptr, ec] =
      std::from_chars(retry_after.data(), retry_after.data() + retry_after.size(), seconds);
  if (ec == std::errc() && ptr == retry_after.data() + retry_after.size()) {
    if (seconds <= 0 || !std::isfinite(seconds) || seconds > 1e9) return std::nullopt;
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(seconds * 1000)));
  }
  // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
  std::tm tm{};
  const std::string text(retry_after);
  char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  const std::time_t when = timegm(&tm);
  const auto delta = std::chrono::system_clock::from_time_t(when) - now;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(delta);
  if (ms.count() <= 0) return std::nullopt;
  return ms;
}

HttpFailure ClassifyHttpFailure(int http_status, std::string_view body,
                                std::optional<std::chrono::milliseconds> retry_after,
                                std::string_view x_should_retry) {
  HttpFailure f;
  f.retry_after = retry_after;
  std::string code;
  const json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_discarded() && j.is_object()) {
    if (auto err = j.find("error"); err != j.end() && err->is_object()) code = ErrorCode(*err);
  }
  const std::string status_text = "HTTP " + std::to_string(http_status);
  if (http_status >= 300 && http_status < 400) {
    f.kind = LlmErrorKind::kBadResponse;
    f.status = UnavailableError("the AI service answered with a redirect (" + status_text +
                                "), which is not followed; check RESUME_COACH_LLM_URL");
  } else if (http_status == 401 || http_status == 403) {
    f.kind = LlmErrorKind::kAuthFailed;
    f.status = AuthError();
  } else if (code == "insufficient_quota") {
    f.kind = LlmErrorKind::kQuotaExhausted;
    f.status = QuotaError();
  } else if (http_status == 429 || (http_status == 503 && code == "server_is_overloaded")) {
    f.kind = LlmErrorKind::kRateLimited;
    f.retryable = true;
    f.status = RateLimitedError(retry_after);
  } else if (http_status == 408 || http_status == 409 || http_status >= 500) {
    f.kind = LlmErrorKind::kUpstreamError;
    f.retryable = true;
    f.status = UnavailableError("the AI service failed (" + status_text + ")");
  } else {
    f.kind = LlmErrorKind::kUpstreamError;
    f.status = UnavailableError("the AI service refused the request (" + status_text +
                                (code.empty() ? std::string() : ", " + code) + ")");
  }
  if (x_should_retry == "true" && f.kind != LlmErrorKind::kQuotaExhausted) f.retryable = true;
  if (x_should_retry == "false") f.retryable = false;
  return f;
}

std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int retry, double jitter01) {
  const double base = static_cast<double>(policy.initial_delay.count()) *
                      std::pow(2.0, static_cast<double>(std::clamp(retry, 0, 30)));
  const double capped = std::min(base, static_cast<double>(policy.max_delay.count()));
  const double jitter = std::clamp(jitter01, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(capped * (1.0 - 0.25 * jitter)));
}

Status TimeoutError(std::string_view what, std::chrono::milliseconds limit) {
  return DeadlineExceededError("the AI service timed out (" + std::string(what) + " after " +
                               SecondsText(limit) + ")");
}

Status UnreachableError() { return UnavailableError("the AI service is unreachable"); }

Status TruncatedError() {
  return UnavailableError("the AI service closed the connection before the answer was complete");
}

Status CancelledError() { return UnavailableError("the request was cancelled"); }

Status RateLimitedError(std::optional<std::chrono::milliseconds> retry_after) {
  return ResourceExhaustedError("the AI service is busy" +
                                (retry_after ? "; try again in " + SecondsText(*retry_after)
                                             : std::string("; try again shortly")));
}

std::int64_t EstimateTokens(std::string_view text) {
  return static_cast<std::int64_t>((text.size() + 3) / 4);
}

}  // namespace rc::llm

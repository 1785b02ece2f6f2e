// libFuzzer target: the stream chunk decoder (a one-pass scanner) against two references built
// on the JSON library, for arbitrary bytes.
//  1. DecodeStreamChunkWithJsonLibrary (the library's event parser, then its document for error
//     payloads) must give exactly the same result, duplicate members included.
//  2. json::parse decides validity: the decoder reports a malformed event exactly when the
//     library rejects the data or reads something other than an object.
//  3. When no object repeats a member name, the result must be what a plain reading of the
//     parsed document says (choices[0].delta.content, choices[0].finish_reason, usage counts,
//     error payloads).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "llm/openai_protocol.h"

namespace {

using nlohmann::json;
using rc::llm::DecodedChunk;
using rc::llm::LlmErrorKind;

bool Same(const DecodedChunk& a, const DecodedChunk& b) {
  if (a.chunk.has_value() != b.chunk.has_value()) return false;
  if (!a.chunk) return a.error.kind == b.error.kind && a.error.status == b.error.status;
  const rc::llm::StreamChunk& x = *a.chunk;
  const rc::llm::StreamChunk& y = *b.chunk;
  if (x.done != y.done || x.content != y.content || x.finish_reason != y.finish_reason ||
      x.usage.has_value() != y.usage.has_value()) {
    return false;
  }
  return !x.usage || (x.usage->prompt_tokens == y.usage->prompt_tokens &&
                      x.usage->completion_tokens == y.usage->completion_tokens &&
                      x.usage->estimated == y.usage->estimated);
}

// The library's parse of `data`, and whether any object in it repeats a member name.
struct Parsed {
  json value;
  bool repeated_names = false;
};

Parsed Parse(std::string_view data) {
  Parsed parsed;
  std::vector<std::set<std::string>> names;  // per open object
  parsed.value = json::parse(
      data,
      [&](int, json::parse_event_t event, json& item) {
        if (event == json::parse_event_t::object_start) names.emplace_back();
        if (event == json::parse_event_t::object_end && !names.empty()) names.pop_back();
        if (event == json::parse_event_t::key && !names.empty() &&
            !names.back().insert(item.get<std::string>()).second) {
          parsed.repeated_names = true;
        }
        return true;
      },
      /*allow_exceptions=*/false);
  return parsed;
}

// A token count as the protocol reads it: a non-negative integer, clamped; anything else is 0.
std::int64_t Count(const json& usage, const char* key) {
  const auto it = usage.find(key);
  if (it == usage.end()) return 0;
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (it->is_number_unsigned()) {
    const auto value = it->get<std::uint64_t>();
    return static_cast<std::int64_t>(value < kMax ? value : kMax);
  }
  return 0;  // negative integers and doubles
}

// What the decoder must say about an object without repeated names: the chunk, or
// `upstream_error` set when the event is an error payload.
DecodedChunk Expected(const json& event, bool* upstream_error) {
  DecodedChunk out;
  *upstream_error = false;
  if (const auto error = event.find("error"); error != event.end() && !error->is_null()) {
    *upstream_error = true;
    return out;
  }
  rc::llm::StreamChunk& chunk = out.chunk.emplace();
  if (const auto choices = event.find("choices"); choices != event.end() && choices->is_array() &&
                                                  !choices->empty() &&
                                                  choices->front().is_object()) {
    const json& choice = choices->front();
    if (const auto delta = choice.find("delta"); delta != choice.end() && delta->is_object()) {
      if (const auto content = delta->find("content");
          content != delta->end() && content->is_string()) {
        chunk.content = content->get<std::string>();
      }
    }
    if (const auto reason = choice.find("finish_reason");
        reason != choice.end() && reason->is_string()) {
      chunk.finish_reason = reason->get<std::string>();
      if (chunk.finish_reason == "error") {
        *upstream_error = true;
        return out;
      }
    }
  }
  if (const auto usage = event.find("usage"); usage != event.end() && usage->is_object()) {
    chunk.usage =
        rc::llm::Usage{Count(*usage, "prompt_tokens"), Count(*usage, "completion_tokens"), false};
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const DecodedChunk decoded = rc::llm::DecodeStreamChunk(bytes);

  // 1. The library's event parser, duplicates and all.
  if (!Same(decoded, rc::llm::DecodeStreamChunkWithJsonLibrary(bytes))) __builtin_trap();
  if (bytes == "[DONE]") return 0;

  // 2. Validity.
  const Parsed parsed = Parse(bytes);
  const bool malformed = parsed.value.is_discarded() || !parsed.value.is_object();
  const bool reported_malformed =
      !decoded.chunk && decoded.error.kind == LlmErrorKind::kBadResponse;
  if (malformed != reported_malformed) __builtin_trap();
  if (malformed || parsed.repeated_names) return 0;

  // 3. The plain reading of the document.
  bool upstream_error = false;
  const DecodedChunk expected = Expected(parsed.value, &upstream_error);
  if (upstream_error) {
    if (decoded.chunk || decoded.error.status.ok()) __builtin_trap();
    const LlmErrorKind kind = decoded.error.kind;
    if (kind != LlmErrorKind::kUpstreamError && kind != LlmErrorKind::kRateLimited &&
        kind != LlmErrorKind::kQuotaExhausted) {
      __builtin_trap();
    }
  } else if (!Same(decoded, expected)) {
    __builtin_trap();
  }
  return 0;
}

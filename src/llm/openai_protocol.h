// The pure parts of the OpenAI Chat Completions protocol: request bodies, stream chunks, error
// classification and retry timing. No I/O, so every rule here is unit-tested directly.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "llm/config.h"
#include "llm/llm_client.h"

namespace rc::llm {

// The JSON body of a streaming request: model, messages, stream=true,
// stream_options.include_usage=true, temperature, and max_tokens (the request's, or the
// config's when the request says 0; never unset).
std::string BuildRequestBody(const LlmConfig& config, const ChatRequest& request);

// What one `data:` payload of the stream says.
struct StreamChunk {
  bool done = false;           // the "[DONE]" sentinel
  std::string content;         // choices[0].delta.content ("" when absent)
  std::string finish_reason;   // choices[0].finish_reason when not null
  std::optional<Usage> usage;  // the usage chunk (include_usage), exact counts
};

// Decodes one event's data. Errors (with the LlmErrorKind to report):
//  - an {"error": {...}} payload, or finish_reason "error" -> kUpstreamError / kRateLimited /
//    kQuotaExhausted by its code, with a fixed user-facing message;
//  - data that is not JSON or not an object -> kBadResponse.
struct ChunkError {
  Status status;
  LlmErrorKind kind = LlmErrorKind::kBadResponse;
};
struct DecodedChunk {
  std::optional<StreamChunk> chunk;  // set on success
  ChunkError error;                  // set otherwise
};
DecodedChunk DecodeStreamChunk(std::string_view data);

// The same decoding done with the JSON library: its event parser for the common chunk, its
// document for error payloads. DecodeStreamChunk uses it for events nested deeper than its own
// scanner follows; tests and the fuzz target check that the two always agree.
DecodedChunk DecodeStreamChunkWithJsonLibrary(std::string_view data);

// Parses a non-streamed completion body ({"choices":[{"message":{"content":...}}]}), which some
// servers send even when asked to stream. kBadResponse when it is not one.
DecodedChunk DecodeCompletionBody(std::string_view body);

// The upstream's retry hint from `retry-after-ms` (milliseconds) or `retry-after` (seconds or an
// HTTP date, compared with `now`). nullopt when absent, unparsable or not positive.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view retry_after_ms,
                                                         std::string_view retry_after,
                                                         std::chrono::system_clock::time_point now);

// A failed HTTP response, classified.
struct HttpFailure {
  Status status;  // fixed user-facing message; never contains the key or the upstream body
  LlmErrorKind kind = LlmErrorKind::kUpstreamError;
  bool retryable = false;
  std::optional<std::chrono::milliseconds> retry_after;
};

// Classifies a non-200 response. 401/403 -> kAuthFailed; 429 with code insufficient_quota ->
// kQuotaExhausted (not retryable); other 429 -> kRateLimited (retryable); 408/409/5xx ->
// kUpstreamError (retryable; 503 overload -> kRateLimited); 3xx -> kBadResponse (redirects are
// not followed); other 4xx -> kUpstreamError. `x_should_retry` ("true"/"false"/"") overrides.
HttpFailure ClassifyHttpFailure(int http_status, std::string_view body,
                                std::optional<std::chrono::milliseconds> retry_after,
                                std::string_view x_should_retry);

// The backoff before retry number `retry` (0-based): min(initial * 2^retry, max_delay) scaled by
// (1 - 0.25 * jitter01), jitter01 in [0, 1).
std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int retry, double jitter01);

// Fixed user-facing messages, shared with the client.
Status TimeoutError(std::string_view what, std::chrono::milliseconds limit);
Status UnreachableError();
Status TruncatedError();
Status CancelledError();
Status RateLimitedError(std::optional<std::chrono::milliseconds> retry_after);

// Rough token estimate for budgeting when the upstream sends no usage: ~4 bytes per token.
std::int64_t EstimateTokens(std::string_view text);

}  // namespace rc::llm

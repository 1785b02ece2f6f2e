// LlmClient: the asynchronous, streaming interface to a chat-completion language model.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace rc::llm {

// One message of a chat prompt. `role` is "system", "user" or "assistant".
struct ChatMessage {
  std::string role;
  std::string content;
  friend bool operator==(const ChatMessage&, const ChatMessage&) = default;
};

// One completion request. The client always sends `max_tokens`; 0 means "use the configured
// default" (LlmConfig::max_tokens).
struct ChatRequest {
  std::vector<ChatMessage> messages;
  int max_tokens = 0;
  double temperature = 0.2;
};

// Why a stream ended without a complete answer. kNone on success.
enum class LlmErrorKind {
  kNone,
  kTimeout,         // connect, first-token, idle or total timeout
  kRateLimited,     // 429 (or 503 overload) after the retries; see ChatOutcome::retry_after_ms
  kQuotaExhausted,  // 429 insufficient_quota: credits or spend cap used up; never retried
  kAuthFailed,      // 401/403: the configured key was rejected
  kUpstreamError,   // 5xx, other 4xx, or an error event inside the stream
  kUnreachable,     // DNS, connect, TLS or connection-reset failures
  kBadResponse,     // non-JSON body, malformed events, a redirect, oversized events
  kTruncated,       // the connection closed mid-stream without [DONE]
  kCancelled,       // the caller cancelled
};

// Lower-case name for logs and metrics, e.g. "rate_limited".
std::string_view LlmErrorKindName(LlmErrorKind kind);

// Token counts. Taken from the upstream usage chunk when it arrives, else estimated locally
// (about 4 characters per token) and marked `estimated`.
struct Usage {
  std::int64_t prompt_tokens = 0;
  std::int64_t completion_tokens = 0;
  bool estimated = true;
};

// How one StreamChat call ended. `text` is everything delivered to the token sink, so an
// interrupted answer can be saved marked incomplete.
struct ChatOutcome {
  Status status;  // ok only when the stream finished with [DONE] (or a final finish_reason)
  LlmErrorKind error = LlmErrorKind::kNone;
  std::string text;
  bool complete = false;                       // == status.ok()
  bool tokens_delivered = false;               // at least one token reached the token sink
  std::optional<std::int64_t> retry_after_ms;  // the upstream's hint, for rate limits
  std::string finish_reason;                   // "stop", "length", ... when sent
  Usage usage;
  int attempts = 0;        // HTTP requests made (1 + retries)
  std::string request_id;  // the upstream's x-request-id, for logs
};

// A thread-safe, one-shot cancellation flag shared between the caller and a running stream.
// Cancel() may be called from any thread, any number of times.
class CancelSignal {
 public:
  // Sets the flag and runs the registered handler (once).
  void Cancel();
  bool cancelled() const;
  // Registers the handler run by Cancel(); runs it at once when already cancelled. Replaces
  // an earlier handler. The handler must be cheap and thread-safe (typically a post()).
  void OnCancel(std::function<void()> handler);
  // Drops the handler, e.g. when the stream has finished.
  void ClearHandler();

 private:
  mutable std::mutex mu_;               // guards handler_ and the transitions of cancelled_
  std::atomic<bool> cancelled_{false};  // read on every token without the lock
  std::function<void()> handler_;
};
using CancelToken = std::shared_ptr<CancelSignal>;

// Receives each piece of answer text as it arrives (valid UTF-8, never empty).
using TokenSink = std::function<void(std::string_view text)>;
// Receives the outcome once, after the last token.
using DoneSink = std::function<void(ChatOutcome outcome)>;

// A streaming chat-completion model. StreamChat returns at once; the sinks run later on the
// implementation's executor, never inside StreamChat. Exactly one DoneSink call follows every
// StreamChat call, including after cancellation (unless the executor itself is shut down
// first). Implementations are thread-safe.
class LlmClient {
 public:
  virtual ~LlmClient() = default;
  virtual void StreamChat(ChatRequest request, TokenSink on_token, DoneSink on_done,
                          CancelToken cancel) = 0;
  // The model name sent upstream, for logs and /health.
  virtual std::string_view Model() const = 0;
};

}  // namespace rc::llm

// ScriptedLlmClient: an in-memory LlmClient for tests of the code that uses one (service,
// server). Plays scripted answers on its own thread; no network.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "llm/llm_client.h"

namespace rc::llm {

// What one StreamChat call plays back: the tokens, then either success or `error` (with
// `status`), optionally waiting `gap_ms` between tokens so a test can cancel mid-stream.
struct ScriptedAnswer {
  std::vector<std::string> tokens;
  LlmErrorKind error = LlmErrorKind::kNone;
  Status status;  // used when error != kNone
  std::optional<std::int64_t> retry_after_ms;
  int gap_ms = 0;
};

// Answers calls in order from the scripts given to Push(); with no script left, it answers
// "builtin fallback needed" as kUpstreamError. Sinks run on the client's single worker thread,
// never inside StreamChat. Records every request for assertions. Thread-safe.
class ScriptedLlmClient final : public LlmClient {
 public:
  ScriptedLlmClient();
  ~ScriptedLlmClient() override;  // finishes the queued calls, then joins the thread

  void Push(ScriptedAnswer answer);
  // Copies of the requests received so far, in call order.
  std::vector<ChatRequest> requests() const;

  void StreamChat(ChatRequest request, TokenSink on_token, DoneSink on_done,
                  CancelToken cancel) override;
  std::string_view Model() const override { return "scripted"; }

 private:
  struct Call {
    ScriptedAnswer answer;
    std::int64_t prompt_tokens = 0;
    TokenSink on_token;
    DoneSink on_done;
    CancelToken cancel;
  };
  void Loop();
  static void Play(Call& call);

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<ScriptedAnswer> scripts_;
  std::deque<Call> calls_;
  std::vector<ChatRequest> requests_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace rc::llm

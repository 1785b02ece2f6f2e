// The in-memory scripted LlmClient.
#include "llm/scripted_llm_client.h"

#include <chrono>

#include "llm/openai_protocol.h"

namespace rc::llm {

ScriptedLlmClient::ScriptedLlmClient() : worker_([this] { Loop(); }) {}

ScriptedLlmClient::~ScriptedLlmClient() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

void ScriptedLlmClient::Push(ScriptedAnswer answer) {
  std::lock_guard lock(mu_);
  scripts_.push_back(std::move(answer));
}

std::vector<ChatRequest> ScriptedLlmClient::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

void ScriptedLlmClient::StreamChat(ChatRequest request, TokenSink on_token, DoneSink on_done,
                                   CancelToken cancel) {
  Call call;
  for (const ChatMessage& m : request.messages) call.prompt_tokens += EstimateTokens(m.content);
  call.on_token = std::move(on_token);
  call.on_done = std::move(on_done);
  call.cancel = cancel ? std::move(cancel) : std::make_shared<CancelSignal>();
  {
    std::lock_guard lock(mu_);
    requests_.push_back(std::move(request));
    if (scripts_.empty()) {
      call.answer.error = LlmErrorKind::kUpstreamError;
      call.answer.status = UnavailableError("no scripted answer left");
    } else {
      call.answer = std::move(scripts_.front());
      scripts_.pop_front();
    }
    calls_.push_back(std::move(call));
  }
  cv_.notify_all();
}

void ScriptedLlmClient::Loop() {
  for (;;) {
    Call call;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !calls_.empty(); });
      if (calls_.empty()) return;
      call = std::move(calls_.front());
      calls_.pop_front();
    }
    Play(call);
  }
}

void ScriptedLlmClient::Play(Call& call) {
  ChatOutcome out;
  out.attempts = 1;
  for (const std::string& token : call.answer.tokens) {
    if (call.answer.gap_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(call.answer.gap_ms));
    }
    if (call.cancel->cancelled()) break;
    out.text += token;
    out.tokens_delivered = true;
    if (call.on_token) call.on_token(token);
  }
  if (call.cancel->cancelled()) {
    out.status = CancelledError();
    out.error = LlmErrorKind::kCancelled;
  } else if (call.answer.error != LlmErrorKind::kNone) {
    out.status =
        call.answer.status.ok() ? UnavailableError("scripted failure") : call.answer.status;
    out.error = call.answer.error;
    out.retry_after_ms = call.answer.retry_after_ms;
  } else {
    out.complete = true;
    out.finish_reason = "stop";
  }
  out.usage = Usage{call.prompt_tokens, EstimateTokens(out.text), true};
  if (call.on_done) call.on_done(std::move(out));
}

}  // namespace rc::llm

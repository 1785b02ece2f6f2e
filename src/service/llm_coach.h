// LlmCoach: what the use cases share in LLM mode — the client, the request limits, the daily
// token budget, the prompt budget, the fallback notices and one log line per call.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "llm/grounding.h"
#include "llm/llm_client.h"
#include "llm/prompt_builder.h"
#include "llm/rate_limiter.h"

namespace rc::service {

struct LlmCoachOptions {
  llm::PromptBudget budget;
  // Prompt + completion tokens this instance may spend per UTC day; 0 = no limit. Once spent,
  // requests are answered by the built-in coach with a notice until midnight UTC.
  std::int64_t max_daily_tokens = 0;
  // Taxonomy surface forms of a skill, so grounding also catches "k8s" for Kubernetes. Optional.
  llm::AliasLookup aliases;
  // Receives one line per LLM call and operator alerts (no trailing newline). May be empty.
  std::function<void(const std::string&)> log;
};

// Why a request is not sent to the LLM, when it is not.
struct LlmAdmission {
  Status status;  // ok: go ahead (and EndStream when done); else why not
  // When refused: true for the per-session/per-IP/stream limits (the caller may answer 429),
  // false for the daily budget (the caller answers with the built-in coach).
  bool rate_limited = false;
};

// Thread-safe. Borrows the client and the clock, which must outlive it.
class LlmCoach {
 public:
  LlmCoach(llm::LlmClient& client, const Clock& clock, llm::RateLimitConfig limits,
           LlmCoachOptions options);

  llm::LlmClient& client() { return client_; }
  std::string_view model() const { return client_.Model(); }
  const llm::PromptBudget& budget() const { return options_.budget; }
  std::vector<llm::UnsupportedSkill> UnsupportedSkills(const model::Report& report) const;

  // Admits one LLM request for `session_id` ("" for a new analysis) from `client_ip`: the daily
  // budget, one open request per session, then the per-session and per-IP buckets. On success
  // the caller must call End(session_id) once the request has finished. ResourceExhausted with
  // a retry time and a message for the user otherwise.
  LlmAdmission Admit(std::string_view session_id, std::string_view client_ip);
  void End(std::string_view session_id);

  // Records the call's token usage against the daily budget and logs one line:
  // "llm op=chat outcome=ok attempts=1 prompt_tokens=.. completion_tokens=.. estimated=0
  //  claims=0 prompt_version=chat-v1 request_id=..". Quota and key failures are also logged as
  // operator alerts. Never logs the key, the prompt or the answer.
  void Record(std::string_view op, const llm::ChatOutcome& outcome, std::string_view prompt_version,
              std::size_t claims);

  // Tokens spent today (UTC) by this instance.
  std::int64_t tokens_today() const;

 private:
  void Log(const std::string& line) const;

  llm::LlmClient& client_;
  const Clock& clock_;
  llm::LlmRateLimiter limiter_;
  LlmCoachOptions options_;
  mutable std::mutex mu_;
  std::int64_t day_ = -1;  // days since the epoch (UTC) that tokens_ counts
  std::int64_t tokens_ = 0;
};

// The notice shown when the built-in coach answers instead of the LLM, e.g. "The AI coach is
// unavailable: the AI service timed out. This is the built-in analysis." `what` is "analysis"
// or "answer".
std::string FallbackNotice(std::string_view reason, std::string_view what);

}  // namespace rc::service

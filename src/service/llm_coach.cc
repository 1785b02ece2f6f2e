// LlmCoach.
#include "service/llm_coach.h"

#include <utility>

namespace rc::service {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

std::string Seconds(std::int64_t ms) { return std::to_string((ms + 999) / 1000) + " s"; }

}  // namespace

LlmCoach::LlmCoach(llm::LlmClient& client, const Clock& clock, llm::RateLimitConfig limits,
                   LlmCoachOptions options)
    : client_(client), clock_(clock), limiter_(clock, limits), options_(std::move(options)) {}

std::vector<llm::UnsupportedSkill> LlmCoach::UnsupportedSkills(const model::Report& report) const {
  return llm::UnsupportedSkills(report, options_.aliases);
}

LlmAdmission LlmCoach::Admit(std::string_view session_id, std::string_view client_ip) {
  if (options_.max_daily_tokens > 0) {
    const std::int64_t now = clock_.NowMillis();
    std::lock_guard lock(mu_);
    if (day_ == now / kDayMs && tokens_ >= options_.max_daily_tokens) {
      const std::int64_t wait = (day_ + 1) * kDayMs - now;
      return {UnavailableError("AI features are paused until midnight UTC (the daily budget is "
                               "used up)")
                  .WithRetryAfter(wait),
              false};
    }
  }
  if (!session_id.empty()) {
    const llm::RateDecision stream = limiter_.BeginStream(session_id);
    if (!stream.allowed) {
      return {ResourceExhaustedError(
                  "the AI coach is still answering this session's previous question; try again "
                  "when it has finished")
                  .WithRetryAfter(stream.retry_after_ms),
              true};
    }
  }
  const llm::RateDecision decision = limiter_.Admit(session_id, client_ip);
  if (!decision.allowed) {
    if (!session_id.empty()) limiter_.EndStream(session_id);
    const std::string who = decision.scope == "session" ? "this session" : "your network address";
    return {ResourceExhaustedError("too many AI requests from " + who + "; try again in " +
                                   Seconds(decision.retry_after_ms))
                .WithRetryAfter(decision.retry_after_ms),
            true};
  }
  return {Status::Ok(), false};
}

void LlmCoach::End(std::string_view session_id) {
  if (!session_id.empty()) limiter_.EndStream(session_id);
}

void LlmCoach::Record(std::string_view op, const llm::ChatOutcome& outcome,
                      std::string_view prompt_version, std::size_t claims) {
  const std::int64_t spent = outcome.usage.prompt_tokens + outcome.usage.completion_tokens;
  {
    const std::int64_t today = clock_.NowMillis() / kDayMs;
    std::lock_guard lock(mu_);
    if (today != day_) {
      day_ = today;
      tokens_ = 0;
    }
    tokens_ += spent;
  }
  std::string line =
      "llm op=" + std::string(op) + " outcome=" +
      (outcome.complete ? std::string("ok") : std::string(llm::LlmErrorKindName(outcome.error))) +
      " attempts=" + std::to_string(outcome.attempts) +
      " prompt_tokens=" + std::to_string(outcome.usage.prompt_tokens) +
      " completion_tokens=" + std::to_string(outcome.usage.completion_tokens) +
      " estimated=" + (outcome.usage.estimated ? "1" : "0") + " claims=" + std::to_string(claims) +
      " prompt_version=" + std::string(prompt_version) +
      " request_id=" + (outcome.request_id.empty() ? "-" : outcome.request_id);
  Log(line);
  if (outcome.error == llm::LlmErrorKind::kQuotaExhausted) {
    Log("llm alert: the AI service reports the account's quota or spend limit is used up; "
        "answers come from the built-in coach until it is raised");
  } else if (outcome.error == llm::LlmErrorKind::kAuthFailed) {
    Log("llm alert: the AI service rejected the configured API key; answers come from the "
        "built-in coach until the key is fixed");
  }
}

std::int64_t LlmCoach::tokens_today() const {
  const std::int64_t today = clock_.NowMillis() / kDayMs;
  std::lock_guard lock(mu_);
  return today == day_ ? tokens_ : 0;
}

void LlmCoach::Log(const std::string& line) const {
  if (options_.log) options_.log(line);
}

std::string FallbackNotice(std::string_view reason, std::string_view what) {
  std::string notice = "The AI coach is unavailable";
  if (!reason.empty()) notice += ": " + std::string(reason);
  notice += what == "analysis" ? ". This is the built-in analysis."
                               : ". This answer is from the built-in coach.";
  return notice;
}

}  // namespace rc::service

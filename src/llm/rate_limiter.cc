// Token-bucket and concurrency limits for LLM requests.
#include "llm/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace rc::llm {

LlmRateLimiter::LlmRateLimiter(const Clock& clock, RateLimitConfig config)
    : clock_(clock), config_(config) {}

void LlmRateLimiter::Refill(Bucket& bucket, const BucketConfig& config, std::int64_t now) const {
  if (now > bucket.updated_ms) {
    const double elapsed_min = static_cast<double>(now - bucket.updated_ms) / 60'000.0;
    bucket.tokens = std::min(config.capacity, bucket.tokens + elapsed_min * config.per_minute);
    bucket.updated_ms = now;
  }
}

LlmRateLimiter::Bucket& LlmRateLimiter::Get(std::map<std::string, Bucket, std::less<>>& map,
                                            std::string_view key, const BucketConfig& config,
                                            std::int64_t now) {
  auto it = map.find(key);
  if (it == map.end()) {
    it = map.emplace(std::string(key), Bucket{config.capacity, now}).first;
  }
  Refill(it->second, config, now);
  return it->second;
}

std::int64_t LlmRateLimiter::WaitMs(const Bucket& bucket, const BucketConfig& config) const {
  if (bucket.tokens >= 1.0) return 0;
  if (config.per_minute <= 0) return 60'000;
  return static_cast<std::int64_t>(std::ceil((1.0 - bucket.tokens) * 60'000.0 / config.per_minute));
}

void LlmRateLimiter::Evict(std::int64_t now) {
  // Full buckets carry no state worth keeping: a new bucket starts full anyway.
  auto sweep = [&](auto& map, const BucketConfig& config) {
    for (auto it = map.begin(); it != map.end();) {
      Refill(it->second, config, now);
      it = it->second.tokens >= config.capacity ? map.erase(it) : std::next(it);
    }
  };
  sweep(sessions_, config_.per_session);
  sweep(ips_, config_.per_ip);
  // Still too many active keys: forget the fullest half of each table. A nearly full bucket
  // holds the least state (a new one starts full), while an empty one is what stops an abuser.
  for (auto* map : {&sessions_, &ips_}) {
    if (sessions_.size() + ips_.size() + 2 <= config_.max_tracked_keys) break;
    std::vector<std::pair<double, std::string>> by_tokens;
    for (const auto& [key, bucket] : *map) by_tokens.emplace_back(bucket.tokens, key);
    std::sort(by_tokens.begin(), by_tokens.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < (by_tokens.size() + 1) / 2; ++i) map->erase(by_tokens[i].second);
  }
}

RateDecision LlmRateLimiter::Admit(std::string_view session_id, std::string_view client_ip) {
  std::lock_guard lock(mu_);
  const std::int64_t now = clock_.NowMillis();
  if (sessions_.size() + ips_.size() + 2 > config_.max_tracked_keys) Evict(now);
  Bucket* session =
      session_id.empty() ? nullptr : &Get(sessions_, session_id, config_.per_session, now);
  Bucket* ip = client_ip.empty() ? nullptr : &Get(ips_, client_ip, config_.per_ip, now);
  RateDecision d;
  if (ip != nullptr && ip->tokens < 1.0) {
    d.allowed = false;
    d.scope = "ip";
    d.retry_after_ms = WaitMs(*ip, config_.per_ip);
  }
  if (session != nullptr && session->tokens < 1.0) {
    const std::int64_t wait = WaitMs(*session, config_.per_session);
    if (d.allowed || wait > d.retry_after_ms) {
      d.scope = "session";
      d.retry_after_ms = wait;
    }
    d.allowed = false;
  }
  if (!d.allowed) return d;
  if (session != nullptr) session->tokens -= 1.0;
  if (ip != nullptr) ip->tokens -= 1.0;
  return d;
}

RateDecision LlmRateLimiter::BeginStream(std::string_view session_id) {
  std::lock_guard lock(mu_);
  auto it = streams_.find(session_id);
  if (it == streams_.end()) it = streams_.emplace(std::string(session_id), 0).first;
  if (it->second >= config_.max_streams_per_session) {
    return RateDecision{false, 1000, "streams"};
  }
  ++it->second;
  return RateDecision{};
}

void LlmRateLimiter::EndStream(std::string_view session_id) {
  std::lock_guard lock(mu_);
  const auto it = streams_.find(session_id);
  if (it == streams_.end()) return;
  if (--it->second <= 0) streams_.erase(it);
}

std::size_t LlmRateLimiter::tracked_keys() const {
  std::lock_guard lock(mu_);
  return sessions_.size() + ips_.size();
}

}  // namespace rc::llm

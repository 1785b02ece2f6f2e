// Request limits for LLM calls: per-session and per-IP token buckets and a per-session
// concurrent-stream cap, so one client cannot run up the bill.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace rc::llm {

// A bucket holding up to `capacity` requests, refilled at `per_minute` requests per minute.
struct BucketConfig {
  double capacity = 10;
  double per_minute = 10;
};

struct RateLimitConfig {
  BucketConfig per_session{5, 5};
  BucketConfig per_ip{10, 10};
  int max_streams_per_session = 1;
  std::size_t max_tracked_keys = 100'000;  // memory bound; idle full buckets are evicted first
};

// The answer to one request for admission.
struct RateDecision {
  bool allowed = true;
  std::int64_t retry_after_ms = 0;  // when refused: wait at least this long
  std::string scope;                // when refused: "session", "ip" or "streams"
};

// Token buckets keyed by session id and by client IP. Thread-safe. Time comes from the
// injected clock, which must outlive the limiter.
class LlmRateLimiter {
 public:
  LlmRateLimiter(const Clock& clock, RateLimitConfig config);

  // Takes one request from both the session's and the IP's bucket, or from neither when either
  // is empty; then the decision says which limit refused and when a request would be allowed.
  // An empty session id or IP skips that bucket.
  RateDecision Admit(std::string_view session_id, std::string_view client_ip);

  // Starts a stream for `session_id` if fewer than max_streams_per_session are open; every
  // allowed BeginStream must be matched by one EndStream. Refusals carry scope "streams" and a
  // retry_after_ms of 1000.
  RateDecision BeginStream(std::string_view session_id);
  void EndStream(std::string_view session_id);

  // Buckets currently tracked (for tests and metrics).
  std::size_t tracked_keys() const;

 private:
  struct Bucket {
    double tokens = 0;
    std::int64_t updated_ms = 0;
  };
  void Refill(Bucket& bucket, const BucketConfig& config, std::int64_t now) const;
  Bucket& Get(std::map<std::string, Bucket, std::less<>>& map, std::string_view key,
              const BucketConfig& config, std::int64_t now);
  std::int64_t WaitMs(const Bucket& bucket, const BucketConfig& config) const;
  void Evict(std::int64_t now);

  const Clock& clock_;
  const RateLimitConfig config_;
  mutable std::mutex mu_;
  std::map<std::string, Bucket, std::less<>> sessions_;
  std::map<std::string, Bucket, std::less<>> ips_;
  std::map<std::string, int, std::less<>> streams_;
};

}  // namespace rc::llm

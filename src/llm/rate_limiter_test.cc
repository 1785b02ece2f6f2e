// Tests for the per-session and per-IP LLM request limits.
#include "llm/rate_limiter.h"

#include <gtest/gtest.h>

namespace rc::llm {
namespace {

RateLimitConfig Config() {
  RateLimitConfig config;
  config.per_session = {3, 3};  // 3 at once, then 1 every 20 s
  config.per_ip = {10, 10};     // 10 at once, then 1 every 6 s
  return config;
}

TEST(LlmRateLimiterTest, SessionBucketEmptiesAndRefills) {
  FakeClock clock;
  LlmRateLimiter limiter(clock, Config());
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Admit("s1", "10.0.0.1").allowed) << i;
  RateDecision refused = limiter.Admit("s1", "10.0.0.1");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.scope, "session");
  EXPECT_EQ(refused.retry_after_ms, 20'000);
  clock.Advance(19'000);
  EXPECT_FALSE(limiter.Admit("s1", "10.0.0.1").allowed);
  clock.Advance(1'000);
  EXPECT_TRUE(limiter.Admit("s1", "10.0.0.1").allowed);
  // Another session from the same IP is not affected by s1's bucket.
  EXPECT_TRUE(limiter.Admit("s2", "10.0.0.1").allowed);
}

TEST(LlmRateLimiterTest, IpBucketCapsManySessions) {
  FakeClock clock;
  LlmRateLimiter limiter(clock, Config());
  for (int i = 0; i < 10; ++i) {
    EXPECT_TRUE(limiter.Admit("s" + std::to_string(i), "10.0.0.9").allowed) << i;
  }
  RateDecision refused = limiter.Admit("fresh", "10.0.0.9");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.scope, "ip");
  EXPECT_EQ(refused.retry_after_ms, 6'000);
  EXPECT_TRUE(limiter.Admit("fresh", "10.0.0.10").allowed);
}

TEST(LlmRateLimiterTest, RefusalTakesNothingFromEitherBucket) {
  FakeClock clock;
  RateLimitConfig config = Config();
  config.per_ip = {1, 1};
  LlmRateLimiter limiter(clock, config);
  EXPECT_TRUE(limiter.Admit("a", "ip").allowed);
  EXPECT_FALSE(limiter.Admit("b", "ip").allowed);  // ip empty; b's session bucket untouched
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(limiter.Admit("b", "other-ip-" + std::to_string(i)).allowed);
}

TEST(LlmRateLimiterTest, ReportsTheLongerWaitWhenBothAreEmpty) {
  FakeClock clock;
  RateLimitConfig config = Config();
  config.per_session = {1, 1};  // 60 s per request
  config.per_ip = {1, 6};       // 10 s per request
  LlmRateLimiter limiter(clock, config);
  EXPECT_TRUE(limiter.Admit("s", "ip").allowed);
  RateDecision refused = limiter.Admit("s", "ip");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.scope, "session");
  EXPECT_EQ(refused.retry_after_ms, 60'000);
}

TEST(LlmRateLimiterTest, EmptyKeysSkipTheirBucket) {
  FakeClock clock;
  LlmRateLimiter limiter(clock, Config());
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limiter.Admit("", "1.2.3.4").allowed);
  EXPECT_FALSE(limiter.Admit("", "1.2.3.4").allowed);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Admit("only-session", "").allowed);
  EXPECT_FALSE(limiter.Admit("only-session", "").allowed);
}

TEST(LlmRateLimiterTest, OneStreamPerSession) {
  FakeClock clock;
  LlmRateLimiter limiter(clock, Config());
  EXPECT_TRUE(limiter.BeginStream("s").allowed);
  RateDecision second = limiter.BeginStream("s");
  EXPECT_FALSE(second.allowed);
  EXPECT_EQ(second.scope, "streams");
  EXPECT_GT(second.retry_after_ms, 0);
  EXPECT_TRUE(limiter.BeginStream("other").allowed);
  limiter.EndStream("s");
  EXPECT_TRUE(limiter.BeginStream("s").allowed);
}

TEST(LlmRateLimiterTest, MemoryIsBounded) {
  FakeClock clock;
  RateLimitConfig config = Config();
  config.max_tracked_keys = 100;
  LlmRateLimiter limiter(clock, config);
  for (int i = 0; i < 1'000; ++i) {
    (void)limiter.Admit("session-" + std::to_string(i), "ip-" + std::to_string(i));
    clock.Advance(10);
  }
  EXPECT_LE(limiter.tracked_keys(), 100u);
  // A busy key survives eviction of idle ones: its empty bucket still refuses.
  for (int i = 0; i < 3; ++i) (void)limiter.Admit("hot", "");
  for (int i = 0; i < 200; ++i) (void)limiter.Admit("cold-" + std::to_string(i), "");
  EXPECT_FALSE(limiter.Admit("hot", "").allowed);
}

}  // namespace
}  // namespace rc::llm

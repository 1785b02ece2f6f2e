// Tests for request bodies, chunk decoding, error classification and retry timing.
#include "llm/openai_protocol.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace rc::llm {
namespace {

using std::chrono::milliseconds;

TEST(BuildRequestBodyTest, AlwaysSetsMaxTokensAndStreaming) {
  LlmConfig config;
  config.model = "gpt-4o-mini";
  config.max_tokens = 321;
  ChatRequest request;
  request.messages = {{"system", "rules"}, {"user", "caf\xC3\xA9?"}};
  auto body = nlohmann::json::parse(BuildRequestBody(config, request));
  EXPECT_EQ(body["model"], "gpt-4o-mini");
  EXPECT_EQ(body["stream"], true);
  EXPECT_EQ(body["stream_options"]["include_usage"], true);
  EXPECT_EQ(body["max_tokens"], 321);
  ASSERT_EQ(body["messages"].size(), 2u);
  EXPECT_EQ(body["messages"][1]["content"], "caf\xC3\xA9?");

  request.max_tokens = 50;
  body = nlohmann::json::parse(BuildRequestBody(config, request));
  EXPECT_EQ(body["max_tokens"], 50);
}

TEST(BuildRequestBodyTest, InvalidUtf8DoesNotThrow) {
  LlmConfig config;
  ChatRequest request;
  request.messages = {{"user", "bad \xFF byte"}};
  const std::string body = BuildRequestBody(config, request);
  EXPECT_NE(body.find("bad"), std::string::npos);
}

TEST(DecodeStreamChunkTest, ContentFinishUsageAndDone) {
  DecodedChunk d = DecodeStreamChunk(
      R"({"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}],"usage":null})");
  ASSERT_TRUE(d.chunk);
  EXPECT_EQ(d.chunk->content, "Hi");
  EXPECT_FALSE(d.chunk->done);
  EXPECT_FALSE(d.chunk->usage);

  d = DecodeStreamChunk(R"({"choices":[{"delta":{},"finish_reason":"length"}]})");
  ASSERT_TRUE(d.chunk);
  EXPECT_EQ(d.chunk->finish_reason, "length");

  d = DecodeStreamChunk(R"({"choices":[],"usage":{"prompt_tokens":42,"completion_tokens":13}})");
  ASSERT_TRUE(d.chunk);
  ASSERT_TRUE(d.chunk->usage);
  EXPECT_EQ(d.chunk->usage->prompt_tokens, 42);
  EXPECT_EQ(d.chunk->usage->completion_tokens, 13);
  EXPECT_FALSE(d.chunk->usage->estimated);

  d = DecodeStreamChunk("[DONE]");
  ASSERT_TRUE(d.chunk);
  EXPECT_TRUE(d.chunk->done);
}

TEST(DecodeStreamChunkTest, OddTypesNeverThrow) {
  // Servers differ: null or string counts, a non-object delta, a numeric content.
  for (const char* data :
       {R"({"choices":[],"usage":{"prompt_tokens":null,"completion_tokens":"7"}})",
        R"({"choices":[{"delta":"text","finish_reason":7}]})",
        R"({"choices":[{"delta":{"content":42}}]})", R"({"choices":"none"})",
        R"({"error":"plain string"})", R"({"choices":[{"finish_reason":"error","error":5}]})"}) {
    DecodedChunk d = DecodeStreamChunk(data);
    if (d.chunk) {
      EXPECT_EQ(d.chunk->content, "") << data;
    }
  }
  DecodedChunk d =
      DecodeStreamChunk(R"({"choices":[],"usage":{"prompt_tokens":null,"completion_tokens":-3}})");
  ASSERT_TRUE(d.chunk && d.chunk->usage);
  EXPECT_EQ(d.chunk->usage->prompt_tokens, 0);
  EXPECT_EQ(d.chunk->usage->completion_tokens, 0);
}

TEST(DecodeStreamChunkTest, ReadsOnlyTheFirstChoicesDeltaWhereverMembersAppear) {
  DecodedChunk d = DecodeStreamChunk(
      R"({"usage":null,"model":{"content":"no"},"choices":[{"logprobs":{"content":[{"token":"x"}]},)"
      R"("delta":{"role":"assistant","content":"caf\u00e9 \"q\"\n"},"index":0},)"
      R"({"delta":{"content":"second choice"}}],"id":"c1","content":"top"})");
  ASSERT_TRUE(d.chunk);
  EXPECT_EQ(d.chunk->content, "caf\xC3\xA9 \"q\"\n");
  EXPECT_FALSE(d.chunk->usage);
  d = DecodeStreamChunk(R"({"choices":[7,{"delta":{"content":"not the first"}}]})");
  ASSERT_TRUE(d.chunk);
  EXPECT_EQ(d.chunk->content, "");
  d = DecodeStreamChunk(
      R"({"usage":{"completion_tokens":5,"details":{"prompt_tokens":9}},"choices":[]})");
  ASSERT_TRUE(d.chunk && d.chunk->usage);
  EXPECT_EQ(d.chunk->usage->prompt_tokens, 0);
  EXPECT_EQ(d.chunk->usage->completion_tokens, 5);
  d = DecodeStreamChunk(R"({"error":null,"choices":[{"delta":{"content":"ok"}}]})");
  ASSERT_TRUE(d.chunk);
  EXPECT_EQ(d.chunk->content, "ok");
}

TEST(DecodeStreamChunkTest, RoleOnlyChunkHasNoContent) {
  DecodedChunk d = DecodeStreamChunk(R"({"choices":[{"delta":{"role":"assistant"}}]})");
  ASSERT_TRUE(d.chunk);
  EXPECT_EQ(d.chunk->content, "");
}

TEST(DecodeStreamChunkTest, MalformedDataIsBadResponse) {
  for (const char* data : {"{\"choices\": [", "not json", "[1,2]", "\"text\""}) {
    DecodedChunk d = DecodeStreamChunk(data);
    EXPECT_FALSE(d.chunk) << data;
    EXPECT_EQ(d.error.kind, LlmErrorKind::kBadResponse) << data;
    EXPECT_EQ(d.error.status.code(), StatusCode::kUnavailable);
  }
}

TEST(DecodeStreamChunkTest, ErrorEventsAreClassified) {
  DecodedChunk d = DecodeStreamChunk(R"({"error":{"message":"boom","code":"server_error"}})");
  ASSERT_FALSE(d.chunk);
  EXPECT_EQ(d.error.kind, LlmErrorKind::kUpstreamError);
  EXPECT_NE(d.error.status.message().find("server_error"), std::string::npos);
  EXPECT_EQ(d.error.status.message().find("boom"), std::string::npos);

  d = DecodeStreamChunk(R"({"error":{"type":"insufficient_quota","code":null}})");
  EXPECT_EQ(d.error.kind, LlmErrorKind::kQuotaExhausted);

  // OpenRouter style: an error after streaming started, as finish_reason "error".
  d = DecodeStreamChunk(
      R"({"choices":[{"delta":{},"finish_reason":"error","error":{"code":"rate_limit_exceeded"}}]})");
  EXPECT_EQ(d.error.kind, LlmErrorKind::kRateLimited);
}

TEST(DecodeCompletionBodyTest, AcceptsNonStreamedCompletion) {
  DecodedChunk d = DecodeCompletionBody(
      R"({"choices":[{"message":{"role":"assistant","content":"plain"},"finish_reason":"stop"}]})");
  ASSERT_TRUE(d.chunk);
  EXPECT_EQ(d.chunk->content, "plain");
  EXPECT_EQ(d.chunk->finish_reason, "stop");
  d = DecodeCompletionBody("<html>502</html>");
  ASSERT_FALSE(d.chunk);
  EXPECT_EQ(d.error.kind, LlmErrorKind::kBadResponse);
  EXPECT_NE(d.error.status.message().find("not JSON"), std::string::npos);
}

TEST(ParseRetryAfterTest, MillisecondsSecondsAndDates) {
  const auto now = std::chrono::system_clock::from_time_t(1'445'412'480);  // 2015-10-21 07:28:00
  EXPECT_EQ(ParseRetryAfter("1500", "", now), milliseconds(1500));
  EXPECT_EQ(ParseRetryAfter("", "2", now), milliseconds(2000));
  EXPECT_EQ(ParseRetryAfter("", " 0.5 ", now), milliseconds(500));
  EXPECT_EQ(ParseRetryAfter("250", "20", now), milliseconds(250));  // -ms wins
  EXPECT_EQ(ParseRetryAfter("", "Wed, 21 Oct 2015 07:28:30 GMT", now), milliseconds(30000));
  EXPECT_EQ(ParseRetryAfter("", "", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("", "0", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("", "-3", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("", "soon", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("", "Wed, 21 Oct 2015 07:27:00 GMT", now), std::nullopt);  // past
}

TEST(ClassifyHttpFailureTest, DistinguishesTheCauses) {
  const std::string quota =
      R"({"error":{"type":"insufficient_quota","code":"insufficient_quota"}})";
  const std::string rate = R"({"error":{"type":"requests","code":"rate_limit_exceeded"}})";

  HttpFailure f = ClassifyHttpFailure(429, quota, milliseconds(2000), "");
  EXPECT_EQ(f.kind, LlmErrorKind::kQuotaExhausted);
  EXPECT_FALSE(f.retryable);
  EXPECT_NE(f.status.message().find("quota"), std::string::npos);

  f = ClassifyHttpFailure(429, rate, milliseconds(2000), "");
  EXPECT_EQ(f.kind, LlmErrorKind::kRateLimited);
  EXPECT_TRUE(f.retryable);
  EXPECT_EQ(f.status.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(f.status.message().find("try again in 2 s"), std::string::npos);

  f = ClassifyHttpFailure(
      401, R"({"error":{"message":"Incorrect API key provided: sk-abc***xyz"}})", std::nullopt, "");
  EXPECT_EQ(f.kind, LlmErrorKind::kAuthFailed);
  EXPECT_FALSE(f.retryable);
  EXPECT_EQ(f.status.message().find("sk-"), std::string::npos);

  for (int code : {500, 502, 503, 504, 408, 409}) {
    f = ClassifyHttpFailure(code, "", std::nullopt, "");
    EXPECT_EQ(f.kind, LlmErrorKind::kUpstreamError) << code;
    EXPECT_TRUE(f.retryable) << code;
  }
  f = ClassifyHttpFailure(503, R"({"error":{"code":"server_is_overloaded"}})", std::nullopt, "");
  EXPECT_EQ(f.kind, LlmErrorKind::kRateLimited);

  f = ClassifyHttpFailure(400, R"({"error":{"code":"context_length_exceeded"}})", std::nullopt, "");
  EXPECT_EQ(f.kind, LlmErrorKind::kUpstreamError);
  EXPECT_FALSE(f.retryable);
  EXPECT_NE(f.status.message().find("context_length_exceeded"), std::string::npos);

  f = ClassifyHttpFailure(307, "", std::nullopt, "");
  EXPECT_EQ(f.kind, LlmErrorKind::kBadResponse);
  EXPECT_FALSE(f.retryable);
  EXPECT_NE(f.status.message().find("redirect"), std::string::npos);
}

TEST(ClassifyHttpFailureTest, ShouldRetryHeaderOverrides) {
  EXPECT_FALSE(ClassifyHttpFailure(500, "", std::nullopt, "false").retryable);
  EXPECT_TRUE(ClassifyHttpFailure(400, "", std::nullopt, "true").retryable);
  const std::string quota = R"({"error":{"code":"insufficient_quota"}})";
  EXPECT_FALSE(ClassifyHttpFailure(429, quota, std::nullopt, "true").retryable);
}

TEST(BackoffDelayTest, ExponentialCappedAndJittered) {
  RetryPolicy policy;  // 500 ms initial, 8 s cap
  EXPECT_EQ(BackoffDelay(policy, 0, 0.0), milliseconds(500));
  EXPECT_EQ(BackoffDelay(policy, 1, 0.0), milliseconds(1000));
  EXPECT_EQ(BackoffDelay(policy, 2, 0.0), milliseconds(2000));
  EXPECT_EQ(BackoffDelay(policy, 10, 0.0), milliseconds(8000));
  EXPECT_EQ(BackoffDelay(policy, 1, 1.0), milliseconds(750));  // at most 25% shorter
  EXPECT_EQ(BackoffDelay(policy, 40, 0.5), milliseconds(7000));
}

TEST(EstimateTokensTest, FourBytesPerToken) {
  EXPECT_EQ(EstimateTokens(""), 0);
  EXPECT_EQ(EstimateTokens("abcd"), 1);
  EXPECT_EQ(EstimateTokens("abcde"), 2);
}

}  // namespace
}  // namespace rc::llm

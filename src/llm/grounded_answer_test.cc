// Tests for grounded answers over the scripted in-memory client.
#include "llm/grounded_answer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "llm/prompt_builder.h"
#include "llm/scripted_llm_client.h"
#include "llm/test_report.h"

namespace rc::llm {
namespace {

ScriptedAnswer Tokens(std::vector<std::string> tokens) {
  ScriptedAnswer answer;
  answer.tokens = std::move(tokens);
  return answer;
}

ChatRequest Request() {
  Result<BuiltPrompt> built = BuildAnalysisPrompt(testing::SampleReport(), testing::kResume,
                                                  testing::kJobDescription, PromptBudget{});
  EXPECT_TRUE(built.ok());
  return built->request;
}

TEST(GroundedAnswerTest, CompleteAnswerIsAnnotated) {
  ScriptedLlmClient client;
  client.Push(Tokens({"## Key Strengths\n", "- Deep Kubernetes ", "experience.\n", "- Python.\n"}));
  GroundedAnswer answer =
      CompleteGroundedAnswer(client, Request(), UnsupportedSkills(testing::SampleReport()));
  ASSERT_TRUE(answer.outcome.complete);
  ASSERT_EQ(answer.claims.size(), 1u);
  EXPECT_EQ(answer.markdown,
            "## Key Strengths\n- Deep Kubernetes experience. _(Not supported by the resume: no "
            "evidence of Kubernetes was found.)_\n- Python.\n");
  // The request the client saw is the one built, max_tokens included.
  ASSERT_EQ(client.requests().size(), 1u);
  EXPECT_EQ(client.requests()[0].max_tokens, PromptBudget{}.analysis_max_tokens);
}

TEST(GroundedAnswerTest, ImagesAreRemovedFromTheFinalAnswer) {
  ScriptedLlmClient client;
  client.Push(Tokens({"See ![x](https://attacker.example/", "?q=resume) here."}));
  GroundedAnswer answer = CompleteGroundedAnswer(client, Request(), {});
  ASSERT_TRUE(answer.outcome.complete);
  EXPECT_EQ(answer.markdown, "See x here.");
}

TEST(GroundedAnswerTest, FailureKeepsThePartialTextAndNoMarkdown) {
  ScriptedLlmClient client;
  ScriptedAnswer timeout = Tokens({"Partial ", "answer"});
  timeout.error = LlmErrorKind::kTimeout;
  timeout.status = DeadlineExceededError("the AI service timed out (no data after 30 s)");
  client.Push(timeout);
  GroundedAnswer answer = CompleteGroundedAnswer(client, Request(), {});
  EXPECT_FALSE(answer.outcome.complete);
  EXPECT_EQ(answer.outcome.error, LlmErrorKind::kTimeout);
  EXPECT_EQ(answer.outcome.text, "Partial answer");
  EXPECT_TRUE(answer.outcome.tokens_delivered);
  EXPECT_EQ(answer.markdown, "");
}

TEST(GroundedAnswerTest, StreamingForwardsTokensThenFinishes) {
  ScriptedLlmClient client;
  client.Push(Tokens({"a", "b", "c"}));
  std::vector<std::string> tokens;
  std::promise<GroundedAnswer> done;
  StreamGroundedAnswer(
      client, Request(), {}, [&](std::string_view t) { tokens.emplace_back(t); },
      [&](GroundedAnswer a) { done.set_value(std::move(a)); }, nullptr);
  GroundedAnswer answer = done.get_future().get();
  EXPECT_EQ(tokens, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(answer.markdown, "abc");
}

TEST(GroundedAnswerTest, CancelStopsTheScriptedStream) {
  ScriptedLlmClient client;
  ScriptedAnswer slow;
  for (int i = 0; i < 100; ++i) slow.tokens.push_back("t");
  slow.gap_ms = 5;
  client.Push(slow);
  auto cancel = std::make_shared<CancelSignal>();
  std::atomic<int> seen{0};
  std::promise<GroundedAnswer> done;
  StreamGroundedAnswer(
      client, Request(), {},
      [&](std::string_view) {
        if (++seen == 3) cancel->Cancel();
      },
      [&](GroundedAnswer a) { done.set_value(std::move(a)); }, cancel);
  GroundedAnswer answer = done.get_future().get();
  EXPECT_EQ(answer.outcome.error, LlmErrorKind::kCancelled);
  EXPECT_EQ(answer.outcome.text, "ttt");
}

TEST(ScriptedLlmClientTest, NoScriptLeftIsAnUpstreamError) {
  ScriptedLlmClient client;
  GroundedAnswer answer = CompleteGroundedAnswer(client, Request(), {});
  EXPECT_EQ(answer.outcome.error, LlmErrorKind::kUpstreamError);
  EXPECT_FALSE(answer.outcome.tokens_delivered);
}

}  // namespace
}  // namespace rc::llm

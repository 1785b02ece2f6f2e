// Tests for ChatService over MemoryStore.
#include "service/chat_service.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "service/analysis_service.h"
#include "service/fakes_for_test.h"
#include "storage/memory_store.h"

namespace rc::service {
namespace {

class ChatServiceTest : public ::testing::Test {
 protected:
  std::string NewSession() {
    Result<AnalyzeResult> r = analysis_.Analyze("resume text", "job text");
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->session_id : "";
  }

  FakeClock clock_;
  storage::MemoryStore store_{clock_};
  FakeAnalyst analyst_;
  FakeResponder responder_;
  Limits limits_{.max_question_chars = 20};
  AnalysisService analysis_{store_, analyst_, limits_};
  ChatService chat_{store_, analyst_, responder_, clock_, limits_};
};

TEST_F(ChatServiceTest, AnswersWithTheRecomputedReportAndStoresBothTurns) {
  const std::string id = NewSession();
  clock_.Advance(5000);
  Result<AskResult> a = chat_.Ask(id, "am I qualified?");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  // FakeAnalyst's score for an 11-byte resume is 11: the report was recomputed from the session.
  EXPECT_EQ(a->answer, "answer to: am I qualified? (history 0, score 11)");
  EXPECT_EQ(a->mode, "builtin");

  Result<model::Session> s = store_.GetSession(id);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->chat.size(), 2u);
  EXPECT_EQ(s->chat[0].role, "user");
  EXPECT_EQ(s->chat[0].content, "am I qualified?");
  EXPECT_EQ(s->chat[1].role, "assistant");
  EXPECT_EQ(s->chat[1].content, a->answer);
  EXPECT_EQ(s->chat[1].mode, "builtin");
  EXPECT_EQ(s->chat[1].created_at_ms, clock_.NowMillis());
}

TEST_F(ChatServiceTest, PassesTheHistoryToTheResponder) {
  const std::string id = NewSession();
  ASSERT_TRUE(chat_.Ask(id, "first").ok());
  Result<AskResult> second = chat_.Ask(id, "second");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->answer, "answer to: second (history 2, score 11)");
}

TEST_F(ChatServiceTest, UnknownMalformedAndExpiredSessionsAreTheSameNotFound) {
  const std::string id = NewSession();
  clock_.Advance(storage::kDefaultSessionTtlMs);
  for (const std::string& bad : {id, std::string(43, 'A'), std::string("short")}) {
    Result<AskResult> r = chat_.Ask(bad, "hello");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status(), NotFoundError("session not found"));
  }
}

TEST_F(ChatServiceTest, AskingSlidesTheExpiry) {
  const std::string id = NewSession();
  clock_.Advance(storage::kDefaultSessionTtlMs - 1);
  ASSERT_TRUE(chat_.Ask(id, "still there?").ok());
  clock_.Advance(storage::kDefaultSessionTtlMs - 1);
  EXPECT_TRUE(store_.GetSession(id).ok());
  clock_.Advance(1);
  EXPECT_FALSE(store_.GetSession(id).ok());
}

TEST_F(ChatServiceTest, RejectsBadQuestionsAndStoresNothing) {
  const std::string id = NewSession();
  EXPECT_EQ(chat_.Ask(id, " ").status(), InvalidArgumentError("question is empty"));
  EXPECT_EQ(chat_.Ask(id, std::string(21, 'q')).status().code(), StatusCode::kPayloadTooLarge);
  EXPECT_EQ(chat_.Ask(id, "\xC0\x80").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(store_.GetSession(id)->chat.empty());
}

TEST_F(ChatServiceTest, ConcurrentQuestionsAreAllKeptInPairs) {
  const std::string id = NewSession();
  constexpr int kThreads = 8;
  constexpr int kQuestions = 10;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int q = 0; q < kQuestions; ++q) {
        EXPECT_TRUE(chat_.Ask(id, "t" + std::to_string(t) + "q" + std::to_string(q)).ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  Result<model::Session> s = store_.GetSession(id);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->chat.size(), 2u * kThreads * kQuestions);
  for (std::size_t i = 0; i < s->chat.size(); i += 2) {
    EXPECT_EQ(s->chat[i].role, "user");
    EXPECT_EQ(s->chat[i + 1].role, "assistant");
    EXPECT_TRUE(s->chat[i + 1].content.starts_with("answer to: " + s->chat[i].content + " "));
  }
}

}  // namespace
}  // namespace rc::service

// Tests for ChatService over MemoryStore.
#include "service/chat_service.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "codec/report_json.h"
#include "service/analysis_service.h"
#include "service/fakes_for_test.h"
#include "service/report_cache.h"
#include "service/session_id.h"
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

  // A session over the same inputs whose stored report_json is `report_json` verbatim (FakeAnalyst
  // would score its 11-byte resume 11).
  std::string StoredSession(const std::string& report_json) {
    model::Session s;
    Result<std::string> id = NewSessionId();
    EXPECT_TRUE(id.ok());
    s.id = id.value_or("");
    s.resume = "resume text";
    s.job_description = "job text";
    s.report_json = report_json;
    s.analysis_markdown = "## Qualification Assessment\nstored";
    s.created_at_ms = s.updated_at_ms = clock_.NowMillis();
    EXPECT_TRUE(store_.CreateSession(s).ok());
    return s.id;
  }

  // A complete report, as BuiltinAnalyst stores it, with a score FakeAnalyst never gives.
  static std::string FullReportJson(int total) {
    model::Report report;
    report.engine_version = "1.0.0";
    report.score.total = total;
    report.score.factors.push_back({"hard_skills", "Hard skills", 0.45, 0.5, 22.5, "1 of 2"});
    return codec::ReportToJson(report);
  }

  FakeClock clock_;
  storage::MemoryStore store_{clock_};
  FakeAnalyst analyst_;
  FakeResponder responder_;
  Limits limits_{.max_question_chars = 20};
  AnalysisService analysis_{store_, analyst_, limits_};
  ChatService chat_{store_, analyst_, responder_, clock_, limits_};
  // The same use cases sharing a report cache, as the server wires them.
  ReportCache cache_;
  AnalysisService cached_analysis_{store_, analyst_, limits_, nullptr, &cache_};
  ChatService cached_chat_{store_, analyst_, responder_, clock_, limits_, nullptr, &cache_};
};

TEST_F(ChatServiceTest, AnswersWithTheRecomputedReportAndStoresBothTurns) {
  const std::string id = NewSession();
  clock_.Advance(5000);
  Result<AskResult> a = chat_.Ask(id, "am I qualified?");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  // FakeAnalyst stores a partial report ({"score":{"total":11}}), as an older version might
  // have: it does not decode, so the question ran the analyst again (11 for an 11-byte resume).
  EXPECT_EQ(a->answer, "answer to: am I qualified? (history 0, score 11)");
  EXPECT_EQ(analyst_.calls.load(), 2);
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

TEST_F(ChatServiceTest, AnswersFromTheStoredReportWithoutRunningTheAnalyst) {
  const std::string id = StoredSession(FullReportJson(77));
  Result<AskResult> a = chat_.Ask(id, "am I qualified?");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->answer, "answer to: am I qualified? (history 0, score 77)");
  Result<AskResult> b = chat_.Ask(id, "and now?");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->answer, "answer to: and now? (history 2, score 77)");
  EXPECT_EQ(analyst_.calls.load(), 0);
  EXPECT_EQ(store_.GetSession(id)->chat.size(), 4u);
}

TEST_F(ChatServiceTest, StreamedAnswersUseTheStoredReportToo) {
  const std::string id = StoredSession(FullReportJson(64));
  Result<std::shared_ptr<AnswerStream>> stream = chat_.AskStream(id, "why?", "");
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  EXPECT_EQ(analyst_.calls.load(), 0);
  Result<model::Session> s = store_.GetSession(id);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->chat.size(), 2u);
  EXPECT_EQ(s->chat[1].content, "answer to: why? (history 0, score 64)");
}

TEST_F(ChatServiceTest, AStoredReportSparesAFailingAnalyst) {
  analyst_.fail = true;
  const std::string id = StoredSession(FullReportJson(90));
  Result<AskResult> a = chat_.Ask(id, "hello");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->answer, "answer to: hello (history 0, score 90)");
}

TEST_F(ChatServiceTest, RecomputesWhenTheStoredReportIsMissingOrDoesNotDecode) {
  nlohmann::json unknown_status = nlohmann::json::parse(FullReportJson(77));
  unknown_status["checks"] = {{{"id", "x"},
                               {"label", "X"},
                               {"status", "unknown"},
                               {"message", ""},
                               {"spans", nlohmann::json::array()}}};
  const std::vector<std::string> stored = {"", "not json", R"({"score":{"total":77}})",
                                           unknown_status.dump()};
  int calls = 0;
  for (const std::string& report_json : stored) {
    SCOPED_TRACE(report_json);
    const std::string id = StoredSession(report_json);
    Result<AskResult> a = chat_.Ask(id, "hello");
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    EXPECT_EQ(a->answer, "answer to: hello (history 0, score 11)");
    EXPECT_EQ(analyst_.calls.load(), ++calls);
  }
}

TEST_F(ChatServiceTest, AnAnalystFailureWithoutAStoredReportStoresNothing) {
  const std::string id = StoredSession("");
  analyst_.fail = true;
  Result<AskResult> a = chat_.Ask(id, "hello");
  EXPECT_EQ(a.status(), InternalError("engine failed"));
  EXPECT_TRUE(store_.GetSession(id)->chat.empty());
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

TEST_F(ChatServiceTest, AQuestionAfterAnAnalysisUsesTheReportTheAnalysisCached) {
  Result<AnalyzeResult> cached = cached_analysis_.Analyze("resume text", "job text");
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ(cache_.stats().entries, 1u);
  Result<AskResult> a = cached_chat_.Ask(cached->session_id, "am I qualified?");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(cache_.stats().hits, 1u);
  EXPECT_EQ(cache_.stats().misses, 0u);
  // FakeAnalyst's stored report does not decode, so without the cache the question runs the
  // analyst again; with it, nothing is decoded or recomputed.
  EXPECT_EQ(analyst_.calls.load(), 1);

  // The same answer as the uncached path gives for a twin session.
  const std::string twin = NewSession();
  Result<AskResult> uncached = chat_.Ask(twin, "am I qualified?");
  ASSERT_TRUE(uncached.ok());
  EXPECT_EQ(analyst_.calls.load(), 3);
  EXPECT_EQ(a->answer, uncached->answer);
  EXPECT_EQ(a->answer, "answer to: am I qualified? (history 0, score 11)");
  EXPECT_EQ(store_.GetSession(cached->session_id)->chat.size(), 2u);
}

TEST_F(ChatServiceTest, AStoredReportIsDecodedOnceThenServedFromTheCache) {
  const std::string id = StoredSession(FullReportJson(77));
  const std::string twin = StoredSession(FullReportJson(77));
  for (const std::string question : {"first", "second", "third"}) {
    Result<AskResult> cached = cached_chat_.Ask(id, question);
    Result<AskResult> uncached = chat_.Ask(twin, question);
    ASSERT_TRUE(cached.ok() && uncached.ok());
    EXPECT_EQ(cached->answer, uncached->answer);
  }
  EXPECT_EQ(cache_.stats().misses, 1u);  // the first question decoded and cached it
  EXPECT_EQ(cache_.stats().hits, 2u);
  Result<std::shared_ptr<AnswerStream>> stream = cached_chat_.AskStream(id, "streamed?", "");
  ASSERT_TRUE(stream.ok());
  EXPECT_EQ(cache_.stats().hits, 3u);
  EXPECT_EQ(store_.GetSession(id)->chat.back().content,
            "answer to: streamed? (history 6, score 77)");
  EXPECT_EQ(analyst_.calls.load(), 0);
}

TEST_F(ChatServiceTest, ACachedReportForOtherReportJsonIsNotUsed) {
  const std::string id = StoredSession(FullReportJson(77));
  auto other = std::make_shared<model::Report>();
  other->score.total = 5;
  cache_.Put(id, FullReportJson(5), other);
  Result<AskResult> a = cached_chat_.Ask(id, "hello");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->answer, "answer to: hello (history 0, score 77)");
  EXPECT_EQ(cache_.stats().hits, 0u);
  EXPECT_EQ(cache_.stats().misses, 1u);
  // The decoded report replaced the other one.
  ASSERT_NE(cache_.Find(id, FullReportJson(77)), nullptr);
  EXPECT_EQ(cache_.Find(id, FullReportJson(77))->score.total, 77);
  EXPECT_EQ(cache_.stats().entries, 1u);
}

TEST_F(ChatServiceTest, ARecomputedReportIsCachedToo) {
  const std::string id = StoredSession("");
  ASSERT_TRUE(cached_chat_.Ask(id, "one").ok());
  Result<AskResult> two = cached_chat_.Ask(id, "two");
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->answer, "answer to: two (history 2, score 11)");
  EXPECT_EQ(analyst_.calls.load(), 1);
  EXPECT_EQ(cache_.stats().hits, 1u);
}

TEST_F(ChatServiceTest, TheCacheNeverAnswersForAnExpiredOrDeletedSession) {
  Result<AnalyzeResult> expiring = cached_analysis_.Analyze("resume text", "job text");
  Result<AnalyzeResult> deleted = cached_analysis_.Analyze("resume text", "job text");
  ASSERT_TRUE(expiring.ok() && deleted.ok());
  ASSERT_TRUE(cached_chat_.Ask(expiring->session_id, "still there?").ok());
  ASSERT_EQ(cache_.stats().hits, 1u);
  ASSERT_TRUE(store_.DeleteSession(deleted->session_id).ok());
  clock_.Advance(storage::kDefaultSessionTtlMs);
  for (const std::string& id : {expiring->session_id, deleted->session_id}) {
    EXPECT_EQ(cached_chat_.Ask(id, "hello").status(), NotFoundError("session not found"));
    Result<std::shared_ptr<AnswerStream>> stream = cached_chat_.AskStream(id, "hello", "");
    EXPECT_EQ(stream.status(), NotFoundError("session not found"));
  }
  EXPECT_EQ(cache_.stats().hits, 1u);
  EXPECT_EQ(cache_.stats().entries, 2u);  // still cached, never consulted
}

}  // namespace
}  // namespace rc::service

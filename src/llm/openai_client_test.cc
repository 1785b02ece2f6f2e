// End-to-end tests of OpenAiClient against the scripted fake server (tests/fake_llm), over real
// HTTP and HTTPS on loopback.
#include "llm/openai_client.h"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/fake_llm/fake_llm_process.h"

namespace rc::llm {
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

constexpr char kKey[] = "sk-test-SECRET-key-0123456789";
// The fake's default answer, token by token (see DEFAULT_TOKENS in fake_llm.py).
const std::vector<std::string> kDefaultTokens = {"## Qualification",
                                                 " Assessment\n",
                                                 "Strong match: ",
                                                 "Python, ",
                                                 "SQL",
                                                 " and",
                                                 " caf\xC3\xA9 ",
                                                 "r\xC3\xA9sum\xC3\xA9 ",
                                                 "na\xC3\xAFve \xE2\x80\x94 ",
                                                 "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E",
                                                 " \xE2\x9C\x93",
                                                 " \xF0\x9F\x9A\x80",
                                                 " done."};

std::string Joined(const std::vector<std::string>& parts, std::size_t n = SIZE_MAX) {
  std::string out;
  for (std::size_t i = 0; i < parts.size() && i < n; ++i) out += parts[i];
  return out;
}

std::string FakeScript() { return std::string(RC_SOURCE_DIR) + "/tests/fake_llm/fake_llm.py"; }

// What one stream delivered.
struct StreamRun {
  std::vector<std::string> tokens;
  ChatOutcome outcome;
  int done_calls = 0;
  milliseconds elapsed{0};
};

class OpenAiClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fake_ = new testing::FakeLlmProcess(FakeScript()); }
  static void TearDownTestSuite() {
    delete fake_;
    fake_ = nullptr;
  }

  LlmConfig Config() const {
    LlmConfig config;
    config.enabled = true;
    config.base_url = "http://127.0.0.1:" + std::to_string(fake_->port()) + "/v1";
    config.endpoint = *ParseEndpoint(config.base_url);
    config.api_key = kKey;
    // Generous, so a loaded machine does not fail the normal cases; the timeout tests shorten
    // the one they exercise.
    config.connect_timeout = milliseconds(5000);
    config.first_token_timeout = milliseconds(10000);
    config.idle_timeout = milliseconds(5000);
    config.total_timeout = milliseconds(20000);
    config.max_tokens = 256;
    config.retry.initial_delay = milliseconds(40);
    config.retry.max_delay = milliseconds(200);
    config.retry.max_retry_after = milliseconds(5000);
    return config;
  }

  // Streams one request with `model` (which scripts the fake) and runs the io_context until
  // the outcome arrives. `on_token` may cancel.
  StreamRun Stream(LlmConfig config, const std::string& model,
                   std::function<void(const StreamRun&, CancelSignal&)> on_token = nullptr,
                   CancelToken cancel = nullptr) {
    config.model = model;
    boost::asio::io_context io;
    auto client = OpenAiClient::Create(io.get_executor(), config);
    EXPECT_TRUE(client.ok());
    StreamRun run;
    if (!cancel) cancel = std::make_shared<CancelSignal>();
    ChatRequest request;
    request.messages = {{"system", "be brief"}, {"user", "hello"}};
    const auto start = SteadyClock::now();
    (*client)->StreamChat(
        request,
        [&](std::string_view text) {
          run.tokens.emplace_back(text);
          if (on_token) on_token(run, *cancel);
        },
        [&](ChatOutcome outcome) {
          run.outcome = std::move(outcome);
          ++run.done_calls;
          run.elapsed = std::chrono::duration_cast<milliseconds>(SteadyClock::now() - start);
        },
        cancel);
    io.run_for(std::chrono::seconds(30));
    EXPECT_EQ(run.done_calls, 1);
    EXPECT_EQ(run.outcome.text, Joined(run.tokens));
    EXPECT_EQ(run.outcome.status.message().find("SECRET"), std::string::npos);
    return run;
  }

  nlohmann::json Stats(const std::string& id) const {
    return nlohmann::json::parse(fake_->Get("/_stats?id=" + id), nullptr, false);
  }

  static testing::FakeLlmProcess* fake_;
};

testing::FakeLlmProcess* OpenAiClientTest::fake_ = nullptr;

TEST_F(OpenAiClientTest, StreamsANormalAnswer) {
  StreamRun run = Stream(Config(), "fake:id=normal");
  ASSERT_TRUE(run.outcome.status.ok()) << run.outcome.status.ToString();
  EXPECT_TRUE(run.outcome.complete);
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kNone);
  EXPECT_EQ(run.tokens, kDefaultTokens);
  EXPECT_EQ(run.outcome.finish_reason, "stop");
  EXPECT_FALSE(run.outcome.usage.estimated);
  EXPECT_EQ(run.outcome.usage.prompt_tokens, 42);
  EXPECT_EQ(run.outcome.usage.completion_tokens, 13);
  EXPECT_EQ(run.outcome.attempts, 1);
  EXPECT_EQ(run.outcome.request_id, "req_fake123");

  const auto stats = Stats("normal");
  EXPECT_EQ(stats["requests"], 1);
  EXPECT_EQ(stats["last_authorization"], std::string("Bearer ") + kKey);
  EXPECT_EQ(stats["last_body"]["max_tokens"], 256);
  EXPECT_EQ(stats["last_body"]["stream"], true);
  EXPECT_EQ(stats["last_body"]["messages"][1]["content"], "hello");
}

TEST_F(OpenAiClientTest, AzureStyleApiKeyHeader) {
  LlmConfig config = Config();
  config.auth_header = "api-key";
  StreamRun run = Stream(config, "fake:id=azure");
  ASSERT_TRUE(run.outcome.complete);
  const auto stats = Stats("azure");
  EXPECT_EQ(stats["last_api_key"], kKey);
  EXPECT_EQ(stats["last_authorization"], "");
}

TEST_F(OpenAiClientTest, NoKeyMeansNoAuthHeader) {
  LlmConfig config = Config();
  config.api_key.clear();
  StreamRun run = Stream(config, "fake:id=nokey");
  ASSERT_TRUE(run.outcome.complete);
  EXPECT_EQ(Stats("nokey")["last_authorization"], "");
}

TEST_F(OpenAiClientTest, OneByteWritesWithCrLfAndCommentsGiveTheSameText) {
  StreamRun run = Stream(Config(), "fake:bytewise=1,crlf=1,comments=1");
  ASSERT_TRUE(run.outcome.complete) << run.outcome.status.ToString();
  EXPECT_EQ(run.outcome.text, Joined(kDefaultTokens));
  // Every token is delivered whole, so multibyte characters are never split.
  EXPECT_EQ(run.tokens, kDefaultTokens);
}

TEST_F(OpenAiClientTest, SlowStreamArrivesTokenByToken) {
  StreamRun run = Stream(Config(), "fake:scenario=slow,rate=40,count=8");
  ASSERT_TRUE(run.outcome.complete);
  ASSERT_EQ(run.tokens.size(), 8u);
  EXPECT_EQ(run.tokens.front(), "tok0 ");
  EXPECT_EQ(run.tokens.back(), "tok7 ");
}

TEST_F(OpenAiClientTest, RetriesA429AfterRetryAfter) {
  StreamRun run =
      Stream(Config(),
             "fake:scenario=status,code=429,retry_after_ms=300,fail_first=1,id=retry429,"
             "error_code=rate_limit_exceeded");
  ASSERT_TRUE(run.outcome.complete) << run.outcome.status.ToString();
  EXPECT_EQ(run.outcome.attempts, 2);
  EXPECT_EQ(run.tokens, kDefaultTokens);
  EXPECT_GE(run.elapsed, milliseconds(300));  // the hint was honoured, not the 40 ms backoff
  EXPECT_EQ(Stats("retry429")["requests"], 2);
}

TEST_F(OpenAiClientTest, PersistentRateLimitFailsAfterTheRetries) {
  StreamRun run = Stream(Config(),
                         "fake:scenario=status,code=429,retry_after=1,id=always429,"
                         "error_code=rate_limit_exceeded");
  EXPECT_FALSE(run.outcome.complete);
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kRateLimited);
  EXPECT_EQ(run.outcome.status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(run.outcome.attempts, 3);
  ASSERT_TRUE(run.outcome.retry_after_ms);
  EXPECT_EQ(*run.outcome.retry_after_ms, 1000);
  EXPECT_NE(run.outcome.status.message().find("try again in 1 s"), std::string::npos);
  EXPECT_TRUE(run.tokens.empty());
}

TEST_F(OpenAiClientTest, RetryAfterAboveTheCapFailsFast) {
  StreamRun run = Stream(Config(),
                         "fake:scenario=status,code=429,retry_after=120,id=long429,"
                         "error_code=rate_limit_exceeded");
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kRateLimited);
  EXPECT_EQ(run.outcome.attempts, 1);
  ASSERT_TRUE(run.outcome.retry_after_ms);
  EXPECT_EQ(*run.outcome.retry_after_ms, 120000);
  EXPECT_NE(run.outcome.status.message().find("120 s"), std::string::npos);
}

TEST_F(OpenAiClientTest, InsufficientQuotaIsNeverRetried) {
  StreamRun run = Stream(Config(),
                         "fake:scenario=status,code=429,retry_after=1,id=quota,"
                         "error_code=insufficient_quota");
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kQuotaExhausted);
  EXPECT_EQ(run.outcome.status.code(), StatusCode::kUnavailable);
  EXPECT_EQ(run.outcome.attempts, 1);
  EXPECT_EQ(Stats("quota")["requests"], 1);
}

TEST_F(OpenAiClientTest, ServerErrorsAreRetriedThenSucceed) {
  StreamRun run = Stream(Config(), "fake:scenario=status,code=500,fail_first=2,id=flaky500");
  ASSERT_TRUE(run.outcome.complete) << run.outcome.status.ToString();
  EXPECT_EQ(run.outcome.attempts, 3);
}

TEST_F(OpenAiClientTest, PersistentServiceUnavailableFails) {
  StreamRun run = Stream(Config(), "fake:scenario=status,code=503,id=down503");
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kUpstreamError);
  EXPECT_EQ(run.outcome.attempts, 3);
  EXPECT_NE(run.outcome.status.message().find("HTTP 503"), std::string::npos);
  EXPECT_EQ(Stats("down503")["requests"], 3);
}

TEST_F(OpenAiClientTest, AuthFailureIsNotRetriedAndHidesTheKey) {
  StreamRun run =
      Stream(Config(), "fake:scenario=status,code=401,id=auth,error_code=invalid_api_key");
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kAuthFailed);
  EXPECT_EQ(run.outcome.attempts, 1);
  EXPECT_NE(run.outcome.status.message().find("credentials"), std::string::npos);
}

TEST_F(OpenAiClientTest, IdleTimeoutAfterTokensKeepsThePartialAnswer) {
  LlmConfig config = Config();
  config.idle_timeout = milliseconds(500);
  StreamRun run = Stream(config, "fake:scenario=stall,after=2,id=stall");
  EXPECT_FALSE(run.outcome.complete);
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kTimeout);
  EXPECT_EQ(run.outcome.status.code(), StatusCode::kDeadlineExceeded);
  EXPECT_NE(run.outcome.status.message().find("no data"), std::string::npos);
  EXPECT_TRUE(run.outcome.tokens_delivered);
  EXPECT_EQ(run.outcome.text, Joined(kDefaultTokens, 2));
  EXPECT_EQ(run.outcome.attempts, 1);  // never retried once tokens went out
  EXPECT_TRUE(run.outcome.usage.estimated);
  EXPECT_GT(run.outcome.usage.completion_tokens, 0);
}

TEST_F(OpenAiClientTest, IdleLimitCountsFromTheLastRead) {
  // Eight tokens 100 ms apart take longer than the idle limit in all, but no gap reaches it.
  LlmConfig config = Config();
  config.idle_timeout = milliseconds(350);
  StreamRun run = Stream(config, "fake:scenario=slow,rate=10,count=8");
  ASSERT_TRUE(run.outcome.complete) << run.outcome.status.ToString();
  EXPECT_EQ(run.tokens.size(), 8u);
  EXPECT_GT(run.elapsed, config.idle_timeout);
}

TEST_F(OpenAiClientTest, BodyEndedByTheConnectionCloseIsRead) {
  // No chunked encoding and no [DONE]: the close ends the body, the finish reason completes it.
  StreamRun run = Stream(Config(), "fake:scenario=nodone,framing=close");
  ASSERT_TRUE(run.outcome.complete) << run.outcome.status.ToString();
  EXPECT_EQ(run.outcome.text, Joined(kDefaultTokens));
  StreamRun bytewise = Stream(Config(), "fake:framing=close,bytewise=1");
  ASSERT_TRUE(bytewise.outcome.complete) << bytewise.outcome.status.ToString();
  EXPECT_EQ(bytewise.tokens, kDefaultTokens);
}

TEST_F(OpenAiClientTest, ResetWithoutChunkingIsTruncated) {
  StreamRun run = Stream(Config(), "fake:scenario=drop,after=2,framing=close");
  EXPECT_FALSE(run.outcome.complete);
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kTruncated);
  EXPECT_EQ(run.outcome.text, Joined(kDefaultTokens, 2));
}

TEST_F(OpenAiClientTest, FirstTokenTimeout) {
  LlmConfig config = Config();
  config.first_token_timeout = milliseconds(500);
  StreamRun run = Stream(config, "fake:scenario=stall,after=0,id=stall0");
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kTimeout);
  EXPECT_NE(run.outcome.status.message().find("no answer"), std::string::npos);
  EXPECT_FALSE(run.outcome.tokens_delivered);
  EXPECT_EQ(run.outcome.attempts, 1);
}

TEST_F(OpenAiClientTest, TotalTimeoutBoundsASlowButSteadyStream) {
  LlmConfig config = Config();
  config.total_timeout = milliseconds(600);
  StreamRun run = Stream(config, "fake:scenario=slow,rate=10,count=100");
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kTimeout);
  EXPECT_NE(run.outcome.status.message().find("total time"), std::string::npos);
  EXPECT_TRUE(run.outcome.tokens_delivered);
  EXPECT_LT(run.tokens.size(), 100u);
}

TEST_F(OpenAiClientTest, DroppedConnectionMidStreamIsTruncatedWithoutReplay) {
  StreamRun run = Stream(Config(), "fake:scenario=drop,after=3,id=drop3");
  EXPECT_FALSE(run.outcome.complete);
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kTruncated);
  EXPECT_EQ(run.outcome.text, Joined(kDefaultTokens, 3));
  EXPECT_EQ(run.outcome.attempts, 1);
  EXPECT_EQ(Stats("drop3")["requests"], 1);
}

TEST_F(OpenAiClientTest, DroppedConnectionBeforeAnyTokenIsRetried) {
  StreamRun run = Stream(Config(), "fake:scenario=drop,after=0,id=drop0");
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kTruncated);
  EXPECT_EQ(run.outcome.attempts, 3);
  EXPECT_TRUE(run.tokens.empty());
}

TEST_F(OpenAiClientTest, MalformedEventIsABadResponse) {
  StreamRun run = Stream(Config(), "fake:scenario=malformed,after=2");
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kBadResponse);
  EXPECT_NE(run.outcome.status.message().find("malformed"), std::string::npos);
  EXPECT_EQ(run.outcome.text, Joined(kDefaultTokens, 2));
}

TEST_F(OpenAiClientTest, ErrorEventMidStreamIsReported) {
  StreamRun run = Stream(Config(), "fake:scenario=error_event,after=1,error_code=server_error");
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kUpstreamError);
  EXPECT_EQ(run.outcome.text, kDefaultTokens[0]);
  run = Stream(Config(), "fake:scenario=error_event,after=1,error_code=insufficient_quota");
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kQuotaExhausted);
}

TEST_F(OpenAiClientTest, NonJsonBodyIsAClearError) {
  StreamRun run = Stream(Config(), "fake:scenario=nonjson,id=html200");
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kBadResponse);
  EXPECT_NE(run.outcome.status.message().find("not JSON"), std::string::npos);
  EXPECT_EQ(run.outcome.attempts, 1);

  run = Stream(Config(), "fake:scenario=nonjson,code=502,id=html502");
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kUpstreamError);
  EXPECT_NE(run.outcome.status.message().find("HTTP 502"), std::string::npos);
  EXPECT_EQ(run.outcome.attempts, 3);
}

TEST_F(OpenAiClientTest, NonStreamedJsonCompletionIsAccepted) {
  StreamRun run = Stream(Config(), "fake:scenario=plainjson");
  ASSERT_TRUE(run.outcome.complete) << run.outcome.status.ToString();
  EXPECT_EQ(run.outcome.text, "plain answer");
  EXPECT_EQ(run.outcome.usage.completion_tokens, 2);
}

TEST_F(OpenAiClientTest, RedirectsAreNotFollowed) {
  StreamRun run = Stream(Config(), "fake:scenario=redirect,id=redirect");
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kBadResponse);
  EXPECT_NE(run.outcome.status.message().find("redirect"), std::string::npos);
  EXPECT_EQ(run.outcome.attempts, 1);
}

TEST_F(OpenAiClientTest, StreamEndingWithoutDoneButWithFinishReasonIsComplete) {
  StreamRun run = Stream(Config(), "fake:scenario=nodone");
  EXPECT_TRUE(run.outcome.complete) << run.outcome.status.ToString();
  EXPECT_EQ(run.outcome.finish_reason, "stop");
}

TEST_F(OpenAiClientTest, MissingUsageChunkIsEstimated) {
  StreamRun run = Stream(Config(), "fake:usage=0");
  ASSERT_TRUE(run.outcome.complete);
  EXPECT_TRUE(run.outcome.usage.estimated);
  EXPECT_GT(run.outcome.usage.prompt_tokens, 0);
  EXPECT_GT(run.outcome.usage.completion_tokens, 0);
}

TEST_F(OpenAiClientTest, CancelMidStreamClosesTheUpstreamConnection) {
  StreamRun run = Stream(Config(), "fake:scenario=slow,rate=20,count=200,id=cancel",
                         [](const StreamRun& r, CancelSignal& cancel) {
                           if (r.tokens.size() == 3) cancel.Cancel();
                         });
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kCancelled);
  EXPECT_FALSE(run.outcome.complete);
  EXPECT_EQ(run.tokens.size(), 3u);
  // The fake notices the closed connection; allow it up to 1 s to record it.
  int disconnects = 0;
  for (int i = 0; i < 20 && disconnects == 0; ++i) {
    disconnects = Stats("cancel")["disconnects"].get<int>();
    if (disconnects == 0) std::this_thread::sleep_for(milliseconds(50));
  }
  EXPECT_EQ(disconnects, 1);
}

TEST_F(OpenAiClientTest, CancelFromAnotherThreadEndsTheStream) {
  LlmConfig config = Config();
  config.model = "fake:scenario=slow,rate=10,count=1000,id=cancel_thread";
  boost::asio::io_context io;
  auto client = OpenAiClient::Create(io.get_executor(), config);
  ASSERT_TRUE(client.ok());
  auto cancel = std::make_shared<CancelSignal>();
  std::atomic<int> tokens{0};
  std::atomic<bool> done{false};
  ChatOutcome result;
  (*client)->StreamChat(
      ChatRequest{{{"user", "hi"}}}, [&](std::string_view) { ++tokens; },
      [&](ChatOutcome o) {
        result = std::move(o);
        done = true;
      },
      cancel);
  std::thread runner([&] { io.run_for(std::chrono::seconds(20)); });
  const auto give_up = SteadyClock::now() + std::chrono::seconds(10);
  while (tokens.load() < 2 && !done.load() && SteadyClock::now() < give_up) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  ASSERT_GE(tokens.load(), 2) << "the stream never started";
  const auto cancelled_at = SteadyClock::now();
  cancel->Cancel();
  while (!done.load() && SteadyClock::now() - cancelled_at < std::chrono::seconds(5)) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  // The outcome arrives within the 1 s the product promises.
  EXPECT_LT(SteadyClock::now() - cancelled_at, std::chrono::seconds(1));
  runner.join();
  ASSERT_TRUE(done.load());
  EXPECT_EQ(result.error, LlmErrorKind::kCancelled);
  EXPECT_EQ(Stats("cancel_thread")["disconnects"], 1);
}

TEST_F(OpenAiClientTest, CancelledBeforeStartMakesNoRequest) {
  auto cancel = std::make_shared<CancelSignal>();
  cancel->Cancel();
  StreamRun run = Stream(Config(), "fake:id=precancel", nullptr, cancel);
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kCancelled);
  EXPECT_EQ(run.outcome.attempts, 0);
  EXPECT_EQ(Stats("precancel")["requests"], 0);
}

TEST_F(OpenAiClientTest, UnreachableServerIsRetriedThenReported) {
  LlmConfig config = Config();
  config.base_url = "http://127.0.0.1:1/v1";  // nothing listens on port 1
  config.endpoint = *ParseEndpoint(config.base_url);
  StreamRun run = Stream(config, "fake");
  EXPECT_EQ(run.outcome.error, LlmErrorKind::kUnreachable);
  EXPECT_EQ(run.outcome.status.message(), "the AI service is unreachable");
  EXPECT_EQ(run.outcome.attempts, 3);
}

TEST_F(OpenAiClientTest, ManyConcurrentStreamsOnOneThread) {
  LlmConfig config = Config();
  config.model = "fake:scenario=slow,rate=50,count=5";
  boost::asio::io_context io;
  auto client = OpenAiClient::Create(io.get_executor(), config);
  ASSERT_TRUE(client.ok());
  constexpr int kStreams = 50;
  int complete = 0;
  int tokens = 0;
  for (int i = 0; i < kStreams; ++i) {
    (*client)->StreamChat(
        ChatRequest{{{"user", "hi"}}}, [&](std::string_view) { ++tokens; },
        [&](ChatOutcome o) { complete += o.complete ? 1 : 0; }, nullptr);
  }
  io.run_for(std::chrono::seconds(20));
  EXPECT_EQ(complete, kStreams);
  EXPECT_EQ(tokens, kStreams * 5);
}

TEST_F(OpenAiClientTest, OnEventLoopsEachStreamStaysOnTheLoopItStartedOn) {
  // Two single-threaded loops; each call takes the next one. Every token and the outcome of a
  // stream must arrive on the thread of the loop it was given, and cancelling from a third
  // thread must still work.
  LlmConfig config = Config();
  config.model = "fake:scenario=slow,rate=50,count=5";
  constexpr int kLoops = 2;
  constexpr int kStreams = 20;
  std::array<boost::asio::io_context, kLoops> loops;
  std::array<std::thread::id, kLoops> loop_thread;
  std::atomic<int> next{0};
  std::vector<int> loop_of_call;
  auto client = OpenAiClient::CreateOnEventLoops(
      [&]() -> boost::asio::any_io_executor {
        const int i = next.fetch_add(1) % kLoops;
        loop_of_call.push_back(i);
        return loops[static_cast<std::size_t>(i)].get_executor();
      },
      config);
  ASSERT_TRUE(client.ok());
  std::mutex mu;
  int complete = 0;
  int cancelled = 0;
  int tokens = 0;
  int wrong_thread = 0;
  CancelToken to_cancel = std::make_shared<CancelSignal>();
  for (int s = 0; s < kStreams; ++s) {
    const auto expected = static_cast<std::size_t>(s % kLoops);
    auto on_right_thread = [&, expected] {
      return std::this_thread::get_id() == loop_thread[expected];
    };
    (*client)->StreamChat(
        ChatRequest{{{"user", "hi"}}},
        [&, on_right_thread](std::string_view) {
          std::lock_guard lock(mu);
          ++tokens;
          if (!on_right_thread()) ++wrong_thread;
        },
        [&, on_right_thread](ChatOutcome o) {
          std::lock_guard lock(mu);
          complete += o.complete ? 1 : 0;
          cancelled += o.error == LlmErrorKind::kCancelled ? 1 : 0;
          if (!on_right_thread()) ++wrong_thread;
        },
        s == 0 ? to_cancel : nullptr);
  }
  ASSERT_EQ(loop_of_call.size(), static_cast<std::size_t>(kStreams));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < kLoops; ++i) {
    threads.emplace_back([&, i] {
      loop_thread[i] = std::this_thread::get_id();
      loops[i].run_for(std::chrono::seconds(20));
    });
  }
  // loop_thread is written before each loop runs a handler; give the threads a moment to start.
  std::this_thread::sleep_for(milliseconds(20));
  to_cancel->Cancel();
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong_thread, 0);
  EXPECT_EQ(cancelled, 1);
  EXPECT_EQ(complete, kStreams - 1);
  EXPECT_GE(tokens, (kStreams - 1) * 5);
}

// HTTPS: a throwaway CA-less self-signed certificate for "localhost" made with the openssl CLI.
class OpenAiClientTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / ("rc_llm_tls_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    const std::string cmd =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
        "-addext subjectAltName=DNS:localhost -keyout " +
        (dir_ / "key.pem").string() + " -out " + (dir_ / "cert.pem").string() + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    fake_ = new testing::FakeLlmProcess(FakeScript(), {"--certfile", (dir_ / "cert.pem").string(),
                                                       "--keyfile", (dir_ / "key.pem").string()});
  }
  static void TearDownTestSuite() {
    delete fake_;
    fake_ = nullptr;
    std::filesystem::remove_all(dir_);
  }

  ChatOutcome Run(const std::string& host, bool trust_cert) {
    LlmConfig config;
    config.enabled = true;
    config.base_url = "https://" + host + ":" + std::to_string(fake_->port()) + "/v1";
    config.endpoint = *ParseEndpoint(config.base_url);
    config.model = "fake";
    config.retry.max_retries = 0;
    if (trust_cert) config.ca_file = (dir_ / "cert.pem").string();
    boost::asio::io_context io;
    auto client = OpenAiClient::Create(io.get_executor(), config);
    EXPECT_TRUE(client.ok());
    ChatOutcome result;
    (*client)->StreamChat(
        ChatRequest{{{"user", "hi"}}}, [](std::string_view) {},
        [&](ChatOutcome o) { result = std::move(o); }, nullptr);
    io.run_for(std::chrono::seconds(20));
    return result;
  }

  static std::filesystem::path dir_;
  static testing::FakeLlmProcess* fake_;
};

std::filesystem::path OpenAiClientTlsTest::dir_;
testing::FakeLlmProcess* OpenAiClientTlsTest::fake_ = nullptr;

TEST_F(OpenAiClientTlsTest, StreamsOverHttpsWithATrustedCertificate) {
  ChatOutcome outcome = Run("localhost", true);
  ASSERT_TRUE(outcome.complete) << outcome.status.ToString();
  EXPECT_EQ(outcome.text, Joined(kDefaultTokens));
}

TEST_F(OpenAiClientTlsTest, RejectsAnUntrustedCertificate) {
  ChatOutcome outcome = Run("localhost", false);
  EXPECT_EQ(outcome.error, LlmErrorKind::kUnreachable);
  EXPECT_NE(outcome.status.message().find("could not be verified"), std::string::npos);
}

TEST_F(OpenAiClientTlsTest, RejectsACertificateForAnotherHostName) {
  ChatOutcome outcome = Run("127.0.0.1", true);  // the certificate names only "localhost"
  EXPECT_EQ(outcome.error, LlmErrorKind::kUnreachable);
  EXPECT_NE(outcome.status.message().find("could not be verified"), std::string::npos);
}

TEST(OpenAiClientConnectTest, HandshakeThatNeverCompletesTimesOutAndIsRetried) {
  // A socket that listens but never accepts: TCP connects (the kernel's backlog), TLS stalls.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 16), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);

  LlmConfig config;
  config.enabled = true;
  config.base_url = "https://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/v1";
  config.endpoint = *ParseEndpoint(config.base_url);
  config.connect_timeout = milliseconds(300);
  config.retry.max_retries = 1;
  config.retry.initial_delay = milliseconds(10);
  boost::asio::io_context io;
  auto client = OpenAiClient::Create(io.get_executor(), config);
  ASSERT_TRUE(client.ok());
  ChatOutcome result;
  (*client)->StreamChat(
      ChatRequest{{{"user", "hi"}}}, [](std::string_view) {},
      [&](ChatOutcome o) { result = std::move(o); }, nullptr);
  io.run_for(std::chrono::seconds(20));
  close(fd);
  EXPECT_EQ(result.error, LlmErrorKind::kTimeout);
  EXPECT_NE(result.status.message().find("connecting"), std::string::npos);
  EXPECT_EQ(result.attempts, 2);
}

TEST(OpenAiClientCreateTest, RefusesADisabledConfigAndABadCaFile) {
  boost::asio::io_context io;
  EXPECT_FALSE(OpenAiClient::Create(io.get_executor(), LlmConfig{}).ok());
  LlmConfig config;
  config.enabled = true;
  config.endpoint = *ParseEndpoint(config.base_url);
  config.ca_file = "/nonexistent/ca.pem";
  auto client = OpenAiClient::Create(io.get_executor(), config);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace rc::llm

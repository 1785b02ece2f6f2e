// End-to-end: two server instances sharing one PostgreSQL database (the multi-instance setup of
// docs/deploy.md). Runs when RC_TEST_POSTGRES_URL is set (scripts/test starts a throwaway cluster).
#include <gtest/gtest.h>
#include <signal.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/server/test_server.h"
#include "tests/support/run_command.h"

namespace rc::e2e {
namespace {

using nlohmann::json;

const char* PostgresUrl() {
  const char* url = std::getenv("RC_TEST_POSTGRES_URL");
  return url != nullptr && *url != '\0' ? url : nullptr;
}

using testing_support::RunCommand;

std::string Analyze(int port) {
  HttpResult r = PostJson(port, "/analyze",
                          json{{"resume", "Jane Doe\nPython developer, 2019 - 2024\n"},
                               {"job_description", "Python developer\nRequirements: Python"}}
                              .dump());
  if (r.status != 200) return "";
  return json::parse(r.body)["sessionId"];
}

TEST(PostgresTest, SessionStartedOnOneInstanceContinuesOnAnother) {
  const char* url = std::getenv("RC_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') {
    GTEST_SKIP() << "RC_TEST_POSTGRES_URL is not set; start a cluster with scripts/pg-start";
  }
  TempDir data_a, data_b;
  ServerProcess a(data_a.path(), {"--database", url});
  ServerProcess b(data_b.path(), {"--database", url});
  ASSERT_TRUE(a.started() && b.started());

  HttpResult health = Request(b.port(), "GET", "/health");
  ASSERT_EQ(health.status, 200);
  EXPECT_EQ(json::parse(health.body)["storage"], "postgres");

  HttpResult r = PostJson(a.port(), "/analyze",
                          json{{"resume", "Jane Doe\nPython developer, 2019 - 2024\n"},
                               {"job_description", "Python developer\nRequirements: Python"}}
                              .dump());
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string id = json::parse(r.body)["sessionId"];

  r = PostJson(b.port(), "/chat", json{{"question", "Am I qualified?"}, {"sessionId", id}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  r = PostJson(a.port(), "/chat", json{{"question", "What next?"}, {"sessionId", id}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;

  // Instance A goes away; B still has everything.
  a.Signal(SIGTERM);
  EXPECT_EQ(a.Wait(), 0);
  r = Request(b.port(), "GET", "/session", "", {{"X-Session-Id", id}});
  ASSERT_EQ(r.status, 200);
  const json s = json::parse(r.body);
  ASSERT_EQ(s["chat"].size(), 4u);
  EXPECT_EQ(s["chat"][0]["content"], "Am I qualified?");
  EXPECT_EQ(s["chat"][2]["content"], "What next?");

  EXPECT_EQ(Request(b.port(), "DELETE", "/session", "", {{"X-Session-Id", id}}).status, 204);
  EXPECT_FALSE(Request(b.port(), "GET", "/items").body.empty());
}

// Chat turns sent concurrently through two instances on one session are all recorded once, each
// question directly followed by its answer.
TEST(PostgresTest, ConcurrentChatsThroughTwoInstancesAreAllRecorded) {
  const char* url = PostgresUrl();
  if (url == nullptr) GTEST_SKIP() << "RC_TEST_POSTGRES_URL is not set";
  TempDir data_a, data_b;
  ServerProcess a(data_a.path(), {"--database", url});
  ServerProcess b(data_b.path(), {"--database", url});
  ASSERT_TRUE(a.started() && b.started());
  const std::string id = Analyze(a.port());
  ASSERT_FALSE(id.empty());

  constexpr int kThreads = 6;
  constexpr int kQuestions = 5;
  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const int port = t % 2 == 0 ? a.port() : b.port();
      for (int q = 0; q < kQuestions; ++q) {
        const std::string question =
            "question " + std::to_string(t) + "-" + std::to_string(q) + ": am I qualified?";
        HttpResult r =
            PostJson(port, "/chat", json{{"question", question}, {"sessionId", id}}.dump());
        if (r.status != 200) ++failures[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;

  HttpResult r = Request(b.port(), "GET", "/session", "", {{"X-Session-Id", id}});
  ASSERT_EQ(r.status, 200);
  const json chat = json::parse(r.body)["chat"];
  ASSERT_EQ(chat.size(), 2u * kThreads * kQuestions);
  std::map<std::string, int> seen;
  std::vector<int> next(kThreads, 0);
  for (std::size_t i = 0; i < chat.size(); i += 2) {
    ASSERT_EQ(chat[i]["role"], "user");
    ASSERT_EQ(chat[i + 1]["role"], "assistant");
    EXPECT_FALSE(chat[i + 1]["content"].get<std::string>().empty());
    const std::string question = chat[i]["content"];
    ++seen[question];
    // Each thread's questions arrive in the order it sent them.
    const int t = question[9] - '0';
    const int q = question[11] - '0';
    EXPECT_EQ(q, next[t]) << question;
    next[t] = q + 1;
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kThreads * kQuestions));
  for (const auto& [question, count] : seen) EXPECT_EQ(count, 1) << question;
}

// PostgreSQL stops under a running server: /health says so and requests get 503 with a clear
// message; once it is back the same server recovers without a restart and nothing acknowledged
// is lost.
TEST(PostgresTest, ServerRecoversFromAPostgresRestart) {
  if (PostgresUrl() == nullptr) GTEST_SKIP() << "RC_TEST_POSTGRES_URL is not set";
  const std::string scripts = std::string(RC_SOURCE_DIR) + "/scripts";
  const std::string url = RunCommand(scripts + "/pg-start --private 2>/dev/null");
  if (url.empty()) GTEST_SKIP() << "could not start a private PostgreSQL cluster";
  struct Cleanup {
    std::string cmd;
    ~Cleanup() { (void)RunCommand(cmd); }
  } cleanup{scripts + "/pg-stop " + url + " >/dev/null 2>&1"};

  TempDir data;
  ServerProcess server(data.path(), {"--database", url});
  ASSERT_TRUE(server.started());
  const std::string id = Analyze(server.port());
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(PostJson(server.port(), "/chat",
                     json{{"question", "Am I qualified?"}, {"sessionId", id}}.dump())
                .status,
            200);

  ASSERT_EQ(RunCommand(scripts + "/pg-stop --keep " + url + " && echo stopped"), "stopped");
  HttpResult health = Request(server.port(), "GET", "/health");
  EXPECT_EQ(health.status, 503) << health.body;
  HttpResult down =
      PostJson(server.port(), "/analyze",
               json{{"resume", "Jane Doe\nPython"}, {"job_description", "Python"}}.dump());
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_EQ(json::parse(down.body)["error"]["code"], "UNAVAILABLE");
  EXPECT_FALSE(json::parse(down.body)["error"]["message"].get<std::string>().empty());

  ASSERT_EQ(RunCommand(scripts + "/pg-start --again " + url), url);
  EXPECT_EQ(Request(server.port(), "GET", "/health").status, 200);
  HttpResult r = Request(server.port(), "GET", "/session", "", {{"X-Session-Id", id}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["chat"].size(), 2u);
  EXPECT_FALSE(Analyze(server.port()).empty());
}

}  // namespace
}  // namespace rc::e2e

// End-to-end: two server instances sharing one PostgreSQL database (the multi-instance setup of
// docs/deploy.md). Runs when RC_TEST_POSTGRES_URL is set (scripts/test starts a throwaway cluster).
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "tests/server/test_server.h"

namespace rc::e2e {
namespace {

using nlohmann::json;

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

}  // namespace
}  // namespace rc::e2e

// End-to-end: a saturated worker pool sheds load with 503 instead of queueing without bound.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/server/test_server.h"

namespace rc::e2e {
namespace {

using nlohmann::json;

TEST(OverloadTest, FullWorkerPoolAnswers503AndRecovers) {
  TempDir data;
  ServerProcess server(data.path(), {"--workers", "1", "--max-pending", "1"});
  ASSERT_TRUE(server.started());

  // Hold the database's write lock from outside, so the next write blocks inside the one worker.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((data.path() / "resume-coach.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);

  const std::string body = json{{"resume", "Jane Doe\nPython developer\n"},
                                {"job_description", "Python developer\nRequirements: Python"}}
                               .dump();
  std::future<HttpResult> blocked =
      std::async(std::launch::async, [&] { return PostJson(server.port(), "/analyze", body); });
  // Give the analysis time to reach the worker and wait on the lock (the storage busy timeout
  // is 5 s, far longer).
  std::this_thread::sleep_for(std::chrono::milliseconds(500));

  HttpResult shed = Request(server.port(), "GET", "/health");
  EXPECT_EQ(shed.status, 503);
  EXPECT_EQ(shed.Header("retry-after"), "1");
  const json error = json::parse(shed.body, nullptr, false);
  ASSERT_TRUE(error.is_object()) << shed.body;
  EXPECT_EQ(error["error"]["code"], "UNAVAILABLE");
  EXPECT_FALSE(shed.Header("content-security-policy").empty());

  ASSERT_EQ(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(blocked.get().status, 200);
  EXPECT_EQ(Request(server.port(), "GET", "/health").status, 200);
}

}  // namespace
}  // namespace rc::e2e

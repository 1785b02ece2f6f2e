// End-to-end: a saturated worker pool sheds load with 503 instead of queueing without bound.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <future>
#include <memory>
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
  // Closing the handle (on every exit path) rolls back and releases the lock.
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> close_db(db, sqlite3_close);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);

  const std::string body = json{{"resume", "Jane Doe\nPython developer\n"},
                                {"job_description", "Python developer\nRequirements: Python"}}
                               .dump();
  // Two analyses at once: whichever reaches the one worker first waits there on the lock, so the
  // other finds the pool full and must be shed at once, whatever the order of arrival.
  auto post = [&] { return PostJson(server.port(), "/analyze", body); };
  std::future<HttpResult> first = std::async(std::launch::async, post);
  std::future<HttpResult> second = std::async(std::launch::async, post);
  std::future<HttpResult>* done = nullptr;
  std::future<HttpResult>* waiting = nullptr;
  for (int i = 0; i < 1000 && done == nullptr; ++i) {
    if (first.wait_for(std::chrono::milliseconds(10)) == std::future_status::ready) {
      done = &first;
      waiting = &second;
    } else if (second.wait_for(std::chrono::milliseconds(0)) == std::future_status::ready) {
      done = &second;
      waiting = &first;
    }
  }
  ASSERT_NE(done, nullptr);
  const HttpResult shed = done->get();
  EXPECT_EQ(shed.status, 503);
  EXPECT_EQ(shed.Header("retry-after"), "1");
  const json error = json::parse(shed.body, nullptr, false);
  ASSERT_TRUE(error.is_object()) << shed.body;
  EXPECT_EQ(error["error"]["code"], "UNAVAILABLE");
  EXPECT_EQ(error["error"]["message"], "the server is busy; try again in a moment");
  EXPECT_FALSE(shed.Header("content-security-policy").empty());

  // Releasing the lock lets the waiting analysis finish, and the server serves normally again.
  ASSERT_EQ(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_EQ(waiting->get().status, 200);
  EXPECT_EQ(Request(server.port(), "GET", "/health").status, 200);
}

}  // namespace
}  // namespace rc::e2e

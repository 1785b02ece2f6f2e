// End-to-end: session expiry, restarts, concurrent chats, crashes and graceful shutdown.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "tests/server/test_server.h"

namespace rc::e2e {
namespace {

using nlohmann::json;

constexpr std::int64_t kDay = 24LL * 60 * 60 * 1000;
constexpr char kResume[] =
    "Jane Doe\njane@example.com\n\nEXPERIENCE\nSoftware Engineer, Acme, 2019 - 2024\n"
    "- Built Python services on PostgreSQL, cutting latency 40%\n\nSKILLS\nPython, SQL, Docker\n";
constexpr char kJob[] =
    "Backend Engineer\n\nRequirements\n- 3+ years of Python\n- PostgreSQL\n- Kubernetes\n";

std::string Analyze(int port) {
  HttpResult r =
      PostJson(port, "/analyze", json{{"resume", kResume}, {"job_description", kJob}}.dump());
  EXPECT_EQ(r.status, 200) << r.body;
  const json j = json::parse(r.body, nullptr, false);
  return j.is_object() ? j.value("sessionId", "") : "";
}

HttpResult Ask(int port, const std::string& id, const std::string& question) {
  return PostJson(port, "/chat", json{{"question", question}, {"sessionId", id}}.dump());
}

json GetSession(int port, const std::string& id, int* status = nullptr) {
  HttpResult r = Request(port, "GET", "/session", "", {{"X-Session-Id", id}});
  if (status) *status = r.status;
  return json::parse(r.body, nullptr, false);
}

// Every user turn is followed by its assistant turn.
void ExpectWellFormedChat(const json& chat) {
  ASSERT_TRUE(chat.is_array());
  ASSERT_EQ(chat.size() % 2, 0u);
  for (std::size_t i = 0; i < chat.size(); i += 2) {
    EXPECT_EQ(chat[i]["role"], "user");
    EXPECT_EQ(chat[i + 1]["role"], "assistant");
    EXPECT_FALSE(chat[i + 1]["content"].get<std::string>().empty());
  }
}

TEST(LifecycleTest, TtlBoundaryWithTheTestClock) {
  TempDir data;
  const auto clock_file = data.path() / "clock";
  const std::int64_t t0 = 1'800'000'000'000;
  WriteFile(clock_file, std::to_string(t0));
  ServerProcess server(data.path(), {}, {{"RESUME_COACH_TEST_CLOCK_FILE", clock_file.string()}});
  const std::string id = Analyze(server.port());
  ASSERT_FALSE(id.empty());
  int status = 0;
  json s = GetSession(server.port(), id, &status);
  ASSERT_EQ(status, 200);
  EXPECT_EQ(s["created_at_ms"], t0);
  EXPECT_EQ(s["expires_at_ms"], t0 + kDay);

  WriteFile(clock_file, std::to_string(t0 + kDay - 1));
  GetSession(server.port(), id, &status);
  EXPECT_EQ(status, 200);  // readable 1 ms before the boundary (reads do not extend it)

  WriteFile(clock_file, std::to_string(t0 + kDay));
  GetSession(server.port(), id, &status);
  EXPECT_EQ(status, 404);
  EXPECT_EQ(Ask(server.port(), id, "still there?").status, 404);
  // Going back in time does not resurrect a chat that was refused; the session itself is intact
  // until swept, and the refused chat wrote nothing.
  WriteFile(clock_file, std::to_string(t0 + kDay - 1));
  s = GetSession(server.port(), id, &status);
  ASSERT_EQ(status, 200);
  EXPECT_TRUE(s["chat"].empty());
}

TEST(LifecycleTest, ChatSlidesTheExpiry) {
  TempDir data;
  const auto clock_file = data.path() / "clock";
  const std::int64_t t0 = 1'800'000'000'000;
  WriteFile(clock_file, std::to_string(t0));
  ServerProcess server(data.path(), {}, {{"RESUME_COACH_TEST_CLOCK_FILE", clock_file.string()}});
  const std::string id = Analyze(server.port());
  WriteFile(clock_file, std::to_string(t0 + kDay - 1));
  ASSERT_EQ(Ask(server.port(), id, "What am I missing?").status, 200);
  WriteFile(clock_file, std::to_string(t0 + 2 * kDay - 2));
  int status = 0;
  json s = GetSession(server.port(), id, &status);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(s["expires_at_ms"], t0 + 2 * kDay - 1);
  WriteFile(clock_file, std::to_string(t0 + 2 * kDay - 1));
  GetSession(server.port(), id, &status);
  EXPECT_EQ(status, 404);
}

TEST(LifecycleTest, SessionsSurviveARestart) {
  TempDir data;
  std::string id;
  {
    ServerProcess server(data.path());
    id = Analyze(server.port());
    ASSERT_EQ(Ask(server.port(), id, "What am I missing?").status, 200);
    server.Signal(SIGTERM);
    EXPECT_EQ(server.Wait(), 0);
  }
  ServerProcess again(data.path());
  int status = 0;
  json s = GetSession(again.port(), id, &status);
  ASSERT_EQ(status, 200);
  EXPECT_EQ(s["resume"], kResume);
  ASSERT_EQ(s["chat"].size(), 2u);
  EXPECT_EQ(s["chat"][0]["content"], "What am I missing?");
  // Examples were not seeded twice.
  HttpResult items = Request(again.port(), "GET", "/items");
  EXPECT_EQ(json::parse(items.body).size(), 6u);
}

TEST(LifecycleTest, ConcurrentChatsOnOneSessionLoseNothing) {
  TempDir data;
  ServerProcess server(data.path());
  const std::string id = Analyze(server.port());
  constexpr int kThreads = 8;
  constexpr int kQuestions = 10;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int q = 0; q < kQuestions; ++q) {
        const std::string question = "thread " + std::to_string(t) + " question " +
                                     std::to_string(q) + ": what am I missing?";
        if (Ask(server.port(), id, question).status == 200) ok.fetch_add(1);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), kThreads * kQuestions);
  int status = 0;
  const json s = GetSession(server.port(), id, &status);
  ASSERT_EQ(status, 200);
  ASSERT_EQ(s["chat"].size(), 2u * kThreads * kQuestions);
  ExpectWellFormedChat(s["chat"]);
  std::set<std::string> questions;
  for (std::size_t i = 0; i < s["chat"].size(); i += 2) questions.insert(s["chat"][i]["content"]);
  EXPECT_EQ(questions.size(), static_cast<std::size_t>(kThreads * kQuestions));
}

TEST(LifecycleTest, SigkillDuringWritesLeavesNoHalfWrittenSession) {
  TempDir data;
  std::string id;
  std::atomic<int> acknowledged{0};
  std::vector<std::string> created;
  std::mutex created_mu;
  {
    ServerProcess server(data.path());
    id = Analyze(server.port());
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (int q = 0; !stop.load(); ++q) {
          if (t == 0) {
            // One thread keeps creating sessions as well.
            HttpResult r = PostJson(server.port(), "/analyze",
                                    json{{"resume", kResume}, {"job_description", kJob}}.dump());
            if (r.status == 200) {
              std::lock_guard lock(created_mu);
              created.push_back(json::parse(r.body)["sessionId"]);
            }
            continue;
          }
          if (Ask(server.port(), id, "q" + std::to_string(t) + "-" + std::to_string(q)).status ==
              200) {
            acknowledged.fetch_add(1);
          }
        }
      });
    }
    // Let writes run, then kill the server in the middle of them.
    for (int i = 0; i < 6000 && acknowledged.load() < 30; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_GE(acknowledged.load(), 30);
    server.Signal(SIGKILL);
    EXPECT_EQ(server.Wait(), 128 + SIGKILL);
    stop.store(true);
    for (auto& th : threads) th.join();
  }
  ServerProcess again(data.path());
  int status = 0;
  const json s = GetSession(again.port(), id, &status);
  ASSERT_EQ(status, 200);
  ExpectWellFormedChat(s["chat"]);
  // Every acknowledged answer is there (a write may have committed without its reply arriving).
  EXPECT_GE(s["chat"].size(), 2u * acknowledged.load());
  for (const std::string& sid : created) {
    const json c = GetSession(again.port(), sid, &status);
    EXPECT_EQ(status, 200);
    EXPECT_EQ(c["resume"], kResume);
    EXPECT_TRUE(c["report"].is_object());
  }
}

TEST(LifecycleTest, GracefulShutdownFinishesAnInFlightRequest) {
  TempDir data;
  ServerProcess server(data.path());
  const std::string body = json{{"resume", kResume}, {"job_description", kJob}}.dump();
  RawConnection idle(server.port());  // an idle keep-alive connection: closed at shutdown
  ASSERT_TRUE(idle.connected());
  ASSERT_TRUE(idle.Send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
  RawConnection conn(server.port());
  ASSERT_TRUE(conn.connected());
  // Send the headers with "Expect: 100-continue": the interim reply proves the server has read
  // them and is now handling this request. Then send half the body and ask the server to stop.
  ASSERT_TRUE(
      conn.Send("POST /analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Expect: 100-continue\r\nContent-Length: " +
                std::to_string(body.size()) + "\r\n\r\n"));
  std::string interim;
  for (int i = 0; i < 100 && interim.find("\r\n\r\n") == std::string::npos; ++i) {
    interim += conn.ReadSome(100);
  }
  ASSERT_TRUE(interim.starts_with("HTTP/1.1 100 Continue")) << interim;
  ASSERT_TRUE(conn.Send(body.substr(0, body.size() / 2)));
  server.Signal(SIGTERM);
  // New connections are refused once the listener is closed.
  bool refused = false;
  for (int i = 0; i < 200 && !refused; ++i) {
    RawConnection late(server.port());
    refused = !late.connected();
    if (!refused) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(refused);
  ASSERT_TRUE(conn.Send(body.substr(body.size() / 2)));
  const HttpResult r = ParseResponse(conn.ReadAll(30));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("connection"), "close");
  EXPECT_TRUE(json::parse(r.body, nullptr, false).contains("sessionId"));
  EXPECT_TRUE(idle.PeerClosed(10000));
  EXPECT_EQ(server.Wait(), 0);
}

}  // namespace
}  // namespace rc::e2e

// PostgresStore specifics: expiry by the database clock, concurrent migrations, dropped
// connections, and a server restart under a live store. Needs RC_TEST_POSTGRES_URL.
#include "storage/postgres/postgres_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/postgres/pg_conn.h"
#include "tests/support/run_command.h"

namespace rc::storage {
namespace {

constexpr std::int64_t kTtl = 60'000;

model::ChatTurn Turn(std::string role, std::string content) {
  model::ChatTurn t;
  t.role = std::move(role);
  t.content = std::move(content);
  return t;
}

model::Session MakeSession(std::string id) {
  model::Session s;
  s.id = std::move(id);
  s.resume = "resume";
  s.job_description = "job";
  return s;
}

using testing_support::RunCommand;

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("RC_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0') {
      GTEST_SKIP() << "RC_TEST_POSTGRES_URL is not set; start a cluster with scripts/pg-start";
    }
    url_ = url;
    static std::atomic<int> counter{0};
    const std::string suffix = std::to_string(getpid()) + "_" + std::to_string(counter++);
    schema_ = "p_" + suffix;
    app_name_ = "rc-test-" + suffix;
  }
  void TearDown() override {
    if (url_.empty()) return;
    auto conn = pg::PgConnection::Open(url_, "public", 5, "rc-test-cleanup");
    if (conn.ok()) (void)(*conn)->Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }

  Result<std::unique_ptr<PostgresStore>> OpenStore(std::int64_t ttl = kTtl, int pool = 4) {
    PostgresOptions options;
    options.ttl_ms = ttl;
    options.schema = schema_;
    options.pool_size = pool;
    options.application_name = app_name_;
    return PostgresStore::Open(url_, options);
  }

  std::string url_;
  std::string schema_;
  std::string app_name_;
};

TEST_F(PostgresStoreTest, ExpiryFollowsTheDatabaseClock) {
  auto store = OpenStore();
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  PostgresStore& s = **store;
  ASSERT_TRUE(s.CreateSession(MakeSession("e")).ok());
  // Real time keeps moving during the test, hence a 2 s margin below the boundary.
  s.SetClockOffsetForTesting(kTtl - 2000);
  ASSERT_TRUE(s.GetSession("e").ok());
  s.SetClockOffsetForTesting(kTtl);
  EXPECT_EQ(s.GetSession("e").status(), NotFoundError("session not found"));
  EXPECT_EQ(s.AppendChat("e", {Turn("user", "late")}).code(), StatusCode::kNotFound);
  EXPECT_EQ(s.DeleteSession("e").code(), StatusCode::kNotFound);
  s.SetClockOffsetForTesting(0);
  auto back = s.GetSession("e");
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->chat.empty());  // the late append wrote nothing
}

TEST_F(PostgresStoreTest, AppendExtendsAndReadsDoNot) {
  auto store = OpenStore();
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  PostgresStore& s = **store;
  ASSERT_TRUE(s.CreateSession(MakeSession("a")).ok());
  ASSERT_TRUE(s.CreateSession(MakeSession("r")).ok());
  s.SetClockOffsetForTesting(kTtl - 2000);
  ASSERT_TRUE(s.AppendChat("a", {Turn("user", "q")}).ok());
  ASSERT_TRUE(s.GetSession("r").ok());
  s.SetClockOffsetForTesting(kTtl + 1000);
  EXPECT_TRUE(s.GetSession("a").ok());
  EXPECT_EQ(s.GetSession("r").status().code(), StatusCode::kNotFound);
  s.SetClockOffsetForTesting(2 * kTtl);
  EXPECT_EQ(s.GetSession("a").status().code(), StatusCode::kNotFound);
}

TEST_F(PostgresStoreTest, DeleteExpiredUsesTheDatabaseClock) {
  auto store = OpenStore();
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  PostgresStore& s = **store;
  model::Session with_chat = MakeSession("x");
  with_chat.chat = {Turn("user", "q"), Turn("assistant", "a")};
  ASSERT_TRUE(s.CreateSession(with_chat).ok());
  ASSERT_TRUE(s.CreateSession(MakeSession("y")).ok());
  auto none = s.DeleteExpired();
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
  s.SetClockOffsetForTesting(kTtl);
  auto removed = s.DeleteExpired();
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 2);
  s.SetClockOffsetForTesting(0);
  EXPECT_EQ(s.GetSession("x").status().code(), StatusCode::kNotFound);  // really gone
}

TEST_F(PostgresStoreTest, DeleteExpiredRemovesALargeBacklog) {
  auto store = OpenStore();
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  PostgresStore& s = **store;
  constexpr int kSessions = 1100;  // more than one internal batch
  for (int i = 0; i < kSessions; ++i) {
    ASSERT_TRUE(s.CreateSession(MakeSession("b" + std::to_string(i))).ok());
  }
  s.SetClockOffsetForTesting(kTtl + 60'000);
  auto removed = s.DeleteExpired();
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, kSessions);
}

TEST_F(PostgresStoreTest, AStuckLockEndsInDeadlineExceeded) {
  PostgresOptions options;
  options.schema = schema_;
  options.statement_timeout_ms = 300;
  options.application_name = app_name_;
  auto store = PostgresStore::Open(url_, options);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->CreateSession(MakeSession("locked")).ok());
  auto other = pg::PgConnection::Open(url_, schema_, 5, "rc-test-locker");
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Exec("BEGIN").ok());
  ASSERT_TRUE((*other)->Exec("SELECT 1 FROM sessions WHERE id = 'locked' FOR UPDATE").ok());
  Status blocked = (*store)->AppendChat("locked", {Turn("user", "waits")});
  EXPECT_EQ(blocked.code(), StatusCode::kDeadlineExceeded) << blocked.ToString();
  ASSERT_TRUE((*other)->Exec("ROLLBACK").ok());
  ASSERT_TRUE((*store)->AppendChat("locked", {Turn("user", "now")}).ok());
  auto s = (*store)->GetSession("locked");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->chat.size(), 1u);  // the timed-out append left nothing behind
  EXPECT_EQ(s->chat[0].content, "now");
}

TEST_F(PostgresStoreTest, ShortTtlExpiresInRealTime) {
  auto store = OpenStore(/*ttl=*/300);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->CreateSession(MakeSession("short")).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  EXPECT_EQ((*store)->GetSession("short").status().code(), StatusCode::kNotFound);
}

TEST_F(PostgresStoreTest, ConcurrentOpensMigrateOnce) {
  constexpr int kInstances = 6;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < kInstances; ++i) {
    threads.emplace_back([&] {
      auto store = OpenStore();
      if (!store.ok()) ++failures;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto store = OpenStore();
  ASSERT_TRUE(store.ok());
  auto version = (*store)->SchemaVersion();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, PostgresStore::LatestSchemaVersion());
  auto conn = pg::PgConnection::Open(url_, schema_, 5, "rc-test-check");
  ASSERT_TRUE(conn.ok());
  auto rows = (*conn)->Exec("SELECT COUNT(*) FROM schema_version");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->Int(0, 0), PostgresStore::LatestSchemaVersion());
}

// A schema left by a build at version 1, holding one live session with a question/answer
// pair, is upgraded in place by instances opening it at once.
TEST_F(PostgresStoreTest, Version1SchemaUpgradesInPlace) {
  {
    auto admin = pg::PgConnection::Open(url_, "public", 5, "rc-test-setup");
    ASSERT_TRUE(admin.ok()) << admin.status().ToString();
    ASSERT_TRUE((*admin)->Exec("CREATE SCHEMA " + schema_).ok());
    auto conn = pg::PgConnection::Open(url_, schema_, 5, "rc-test-setup");
    ASSERT_TRUE(conn.ok()) << conn.status().ToString();
    const std::string now = "(floor(extract(epoch FROM now()) * 1000)::bigint)";
    for (const std::string& sql : {
             std::string("CREATE TABLE schema_version (version integer NOT NULL PRIMARY KEY,"
                         " applied_at timestamptz NOT NULL DEFAULT now())"),
             std::string(PostgresStore::Migrations()[0]),
             std::string("INSERT INTO schema_version (version) VALUES (1)"),
             "INSERT INTO sessions VALUES ('old', 'old resume', 'old job', '{\"score\":1}',"
             " '## Old analysis', " +
                 now + ", " + now + ")",
             "INSERT INTO chat_turns VALUES ('old', 1, 'user', 'q', '', true, " + now + ")",
             "INSERT INTO chat_turns VALUES ('old', 2, 'assistant', 'a', 'builtin', true, " + now +
                 ")",
         }) {
      ASSERT_TRUE((*conn)->Exec(sql).ok()) << sql;
    }
  }
  constexpr int kInstances = 3;
  std::vector<std::unique_ptr<PostgresStore>> stores(kInstances);
  std::vector<std::thread> threads;
  for (int i = 0; i < kInstances; ++i) {
    threads.emplace_back([&, i] {
      auto store = OpenStore();
      if (store.ok()) stores[i] = std::move(store).value();
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& store : stores) ASSERT_NE(store, nullptr);
  PostgresStore& s = *stores[0];
  EXPECT_EQ(*s.SchemaVersion(), PostgresStore::LatestSchemaVersion());

  auto old = s.GetSession("old");
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ(old->resume, "old resume");
  EXPECT_EQ(old->report_json, R"({"score":1})");
  EXPECT_EQ(old->analysis_markdown, "## Old analysis");
  EXPECT_EQ(old->analysis_mode, "builtin");
  EXPECT_EQ(old->analysis_notice, "");
  ASSERT_EQ(old->chat.size(), 2u);
  EXPECT_EQ(old->chat[1].mode, "builtin");

  model::Session fresh = MakeSession("new");
  fresh.analysis_mode = "llm";
  ASSERT_TRUE(stores[1]->CreateSession(fresh).ok());
  EXPECT_EQ(stores[2]->GetSession("new")->analysis_mode, "llm");
  ASSERT_TRUE(stores[2]->AppendChat("old", {Turn("user", "after upgrade")}).ok());
  EXPECT_EQ(s.GetSession("old")->chat.size(), 3u);

  auto conn = pg::PgConnection::Open(url_, schema_, 5, "rc-test-check");
  ASSERT_TRUE(conn.ok());
  auto versions = (*conn)->Exec("SELECT COUNT(*) FROM schema_version");
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions->Int(0, 0), PostgresStore::LatestSchemaVersion());  // each applied once
  auto column = (*conn)->Exec(
      "SELECT is_nullable, column_default FROM information_schema.columns"
      " WHERE table_schema = '" +
      schema_ +
      "' AND table_name = 'sessions'"
      " AND column_name = 'analysis_mode'");
  ASSERT_TRUE(column.ok());
  ASSERT_EQ(column->rows(), 1);
  EXPECT_EQ(column->Text(0, 0), "NO");
  EXPECT_EQ(column->Text(0, 1), "'builtin'::text");
  // An instance of the previous build, still running during a rolling upgrade, inserts
  // without the column; its sessions read as built-in.
  ASSERT_TRUE((*conn)
                  ->Exec("INSERT INTO sessions (id, resume, job_description, report_json,"
                         " analysis_markdown, created_at_ms, updated_at_ms)"
                         " SELECT 'v1-writer', '', '', '', '', n, n FROM (SELECT floor(extract("
                         "epoch FROM now()) * 1000)::bigint AS n) AS t")
                  .ok());
  EXPECT_EQ(s.GetSession("v1-writer")->analysis_mode, "builtin");
  EXPECT_EQ(s.GetSession("v1-writer")->analysis_notice, "");
}

// A version-2 schema (analysis_mode, no analysis_notice) holding an LLM-written session
// upgrades to the latest version and keeps its rows; the old rows have no notice.
TEST_F(PostgresStoreTest, Version2SchemaUpgradesInPlace) {
  {
    auto admin = pg::PgConnection::Open(url_, "public", 5, "rc-test-setup");
    ASSERT_TRUE(admin.ok()) << admin.status().ToString();
    ASSERT_TRUE((*admin)->Exec("CREATE SCHEMA " + schema_).ok());
    auto conn = pg::PgConnection::Open(url_, schema_, 5, "rc-test-setup");
    ASSERT_TRUE(conn.ok()) << conn.status().ToString();
    const std::string now = "(floor(extract(epoch FROM now()) * 1000)::bigint)";
    for (const std::string& sql : {
             std::string("CREATE TABLE schema_version (version integer NOT NULL PRIMARY KEY,"
                         " applied_at timestamptz NOT NULL DEFAULT now())"),
             std::string(PostgresStore::Migrations()[0]),
             std::string(PostgresStore::Migrations()[1]),
             std::string("INSERT INTO schema_version (version) VALUES (1), (2)"),
             "INSERT INTO sessions VALUES ('old', 'old resume', 'old job', '{\"score\":1}',"
             " '## Old analysis', " +
                 now + ", " + now + ", 'llm')",
             "INSERT INTO chat_turns VALUES ('old', 1, 'user', 'q', '', true, " + now + ")",
         }) {
      ASSERT_TRUE((*conn)->Exec(sql).ok()) << sql;
    }
  }
  auto store = OpenStore();
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  PostgresStore& s = **store;
  EXPECT_EQ(*s.SchemaVersion(), PostgresStore::LatestSchemaVersion());
  auto old = s.GetSession("old");
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ(old->resume, "old resume");
  EXPECT_EQ(old->analysis_markdown, "## Old analysis");
  EXPECT_EQ(old->analysis_mode, "llm");
  EXPECT_EQ(old->analysis_notice, "");
  ASSERT_EQ(old->chat.size(), 1u);

  model::Session fresh = MakeSession("new");
  fresh.analysis_notice = "The AI coach was unavailable (timeout).";
  ASSERT_TRUE(s.CreateSession(fresh).ok());
  EXPECT_EQ(s.GetSession("new")->analysis_notice, "The AI coach was unavailable (timeout).");

  auto conn = pg::PgConnection::Open(url_, schema_, 5, "rc-test-check");
  ASSERT_TRUE(conn.ok());
  auto versions = (*conn)->Exec("SELECT COUNT(*) FROM schema_version");
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions->Int(0, 0), PostgresStore::LatestSchemaVersion());
  auto column = (*conn)->Exec(
      "SELECT is_nullable, column_default FROM information_schema.columns"
      " WHERE table_schema = '" +
      schema_ +
      "' AND table_name = 'sessions'"
      " AND column_name = 'analysis_notice'");
  ASSERT_TRUE(column.ok());
  ASSERT_EQ(column->rows(), 1);
  EXPECT_EQ(column->Text(0, 0), "NO");
  EXPECT_EQ(column->Text(0, 1), "''::text");
  // An instance of the previous build, still running during a rolling upgrade, inserts
  // without the column; its sessions have no notice.
  ASSERT_TRUE((*conn)
                  ->Exec("INSERT INTO sessions (id, resume, job_description, report_json,"
                         " analysis_markdown, analysis_mode, created_at_ms, updated_at_ms)"
                         " SELECT 'v2-writer', '', '', '', '', 'llm', n, n FROM (SELECT floor("
                         "extract(epoch FROM now()) * 1000)::bigint AS n) AS t")
                  .ok());
  auto v2 = s.GetSession("v2-writer");
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(v2->analysis_mode, "llm");
  EXPECT_EQ(v2->analysis_notice, "");
}

TEST_F(PostgresStoreTest, RefusesASchemaFromANewerBuild) {
  { ASSERT_TRUE(OpenStore().ok()); }
  auto conn = pg::PgConnection::Open(url_, schema_, 5, "rc-test-setup");
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)->Exec("INSERT INTO schema_version (version) VALUES (999)").ok());
  auto store = OpenStore();
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("999"), std::string::npos);
}

TEST_F(PostgresStoreTest, SessionMovesBetweenInstances) {
  auto a = OpenStore();
  auto b = OpenStore();
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE((*a)->CreateSession(MakeSession("m")).ok());
  ASSERT_TRUE((*b)->AppendChat("m", {Turn("user", "q1"), Turn("assistant", "a1")}).ok());
  ASSERT_TRUE((*a)->AppendChat("m", {Turn("user", "q2"), Turn("assistant", "a2")}).ok());
  auto seen_by_b = (*b)->GetSession("m");
  ASSERT_TRUE(seen_by_b.ok());
  ASSERT_EQ(seen_by_b->chat.size(), 4u);
  EXPECT_EQ(seen_by_b->chat[2].content, "q2");
  ASSERT_TRUE((*b)->DeleteSession("m").ok());
  EXPECT_EQ((*a)->GetSession("m").status().code(), StatusCode::kNotFound);
}

TEST_F(PostgresStoreTest, DroppedConnectionsAreReplaced) {
  auto store = OpenStore(kTtl, /*pool=*/2);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->CreateSession(MakeSession("d")).ok());
  auto admin = pg::PgConnection::Open(url_, "public", 5, "rc-test-admin");
  ASSERT_TRUE(admin.ok());
  auto killed = (*admin)->Exec(
      "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
      " WHERE application_name = '" +
      app_name_ + "'");
  ASSERT_TRUE(killed.ok()) << killed.status().ToString();
  EXPECT_GE(killed->Int(0, 0), 1);
  // The pooled connections are dead; the next calls reconnect on their own.
  EXPECT_TRUE((*store)->Ping().ok());
  ASSERT_TRUE((*store)->AppendChat("d", {Turn("user", "after")}).ok());
  auto s = (*store)->GetSession("d");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->chat.size(), 1u);  // applied exactly once
}

// Stops a private cluster under a running store: calls return Unavailable (no crash); after
// the restart the same store serves again and nothing acknowledged is lost.
TEST_F(PostgresStoreTest, SurvivesAServerRestart) {
  const std::string scripts = std::string(RC_SOURCE_DIR) + "/scripts";
  const std::string url = RunCommand(scripts + "/pg-start --private 2>/dev/null");
  if (url.empty()) GTEST_SKIP() << "could not start a private PostgreSQL cluster";
  struct Cleanup {
    std::string cmd;
    ~Cleanup() { (void)RunCommand(cmd); }
  } cleanup{scripts + "/pg-stop " + url + " >/dev/null 2>&1"};

  PostgresOptions options;
  options.ttl_ms = kTtl;
  options.connect_timeout_s = 2;
  auto store = PostgresStore::Open(url, options);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->CreateSession(MakeSession("keep")).ok());
  ASSERT_TRUE((*store)->AppendChat("keep", {Turn("user", "q"), Turn("assistant", "a")}).ok());

  ASSERT_EQ(RunCommand(scripts + "/pg-stop --keep " + url + " && echo stopped"), "stopped");
  for (int i = 0; i < 2; ++i) {  // twice: dead pooled connections, then refused connects
    Status ping = (*store)->Ping();
    EXPECT_EQ(ping.code(), StatusCode::kUnavailable) << ping.ToString();
    EXPECT_EQ((*store)->GetSession("keep").status().code(), StatusCode::kUnavailable);
    EXPECT_EQ((*store)->AppendChat("keep", {Turn("user", "lost")}).code(),
              StatusCode::kUnavailable);
    EXPECT_EQ((*store)->CreateSession(MakeSession("new")).code(), StatusCode::kUnavailable);
  }

  ASSERT_EQ(RunCommand(scripts + "/pg-start --again " + url), url);
  EXPECT_TRUE((*store)->Ping().ok());
  auto s = (*store)->GetSession("keep");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->chat.size(), 2u);
  EXPECT_EQ(s->chat[1].content, "a");
  EXPECT_TRUE((*store)->AppendChat("keep", {Turn("user", "q2")}).ok());
}

// Writers keep appending while the server stops and starts again: calls fail with Unavailable
// while it is down, and afterwards every acknowledged pair is there exactly once, whole.
TEST_F(PostgresStoreTest, RestartUnderLoadLosesNoAcknowledgedTurn) {
  const std::string scripts = std::string(RC_SOURCE_DIR) + "/scripts";
  const std::string url = RunCommand(scripts + "/pg-start --private 2>/dev/null");
  if (url.empty()) GTEST_SKIP() << "could not start a private PostgreSQL cluster";
  struct Cleanup {
    std::string cmd;
    ~Cleanup() { (void)RunCommand(cmd); }
  } cleanup{scripts + "/pg-stop " + url + " >/dev/null 2>&1"};

  PostgresOptions options;
  options.connect_timeout_s = 2;
  auto store = PostgresStore::Open(url, options);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->CreateSession(MakeSession("load")).ok());

  std::mutex mu;
  std::condition_variable progress;
  std::set<std::string> acked;
  std::atomic<int> unavailable{0};
  std::atomic<int> other_errors{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; !stop; ++i) {
        const std::string tag = std::to_string(w) + ":" + std::to_string(i);
        Status st =
            (*store)->AppendChat("load", {Turn("user", "q " + tag), Turn("assistant", "a " + tag)});
        if (st.ok()) {
          std::lock_guard lock(mu);
          acked.insert(tag);
          progress.notify_all();
        } else {
          (st.code() == StatusCode::kUnavailable ? unavailable : other_errors)++;
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
      }
    });
  }
  auto wait_for_acks = [&](std::size_t n) {
    std::unique_lock lock(mu);
    // The bound only keeps a broken store from hanging the test.
    return progress.wait_for(lock, std::chrono::seconds(60), [&] { return acked.size() >= n; });
  };
  ASSERT_TRUE(wait_for_acks(50));
  ASSERT_EQ(RunCommand(scripts + "/pg-stop --keep " + url + " && echo stopped"), "stopped");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(RunCommand(scripts + "/pg-start --again " + url), url);
  std::size_t before_restart_done;
  {
    std::lock_guard lock(mu);
    before_restart_done = acked.size();
  }
  const bool recovered = wait_for_acks(before_restart_done + 50);
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_TRUE(recovered) << "no progress after the restart";
  EXPECT_GT(unavailable.load(), 0);
  EXPECT_EQ(other_errors.load(), 0);

  auto s = (*store)->GetSession("load");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->chat.size() % 2, 0u);
  std::set<std::string> stored;
  for (std::size_t k = 0; k < s->chat.size(); k += 2) {
    const std::string tag = s->chat[k].content.substr(2);
    ASSERT_EQ(s->chat[k + 1].content, "a " + tag) << "pair split at " << k;
    ASSERT_TRUE(stored.insert(tag).second) << "duplicate " << tag;
  }
  for (const auto& tag : acked) EXPECT_TRUE(stored.contains(tag)) << "lost " << tag;
}

TEST_F(PostgresStoreTest, RefusesTextItCannotStoreExactly) {
  auto store = OpenStore();
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  model::Session nul = MakeSession("nul");
  nul.resume = std::string("before\0after", 12);
  EXPECT_EQ((*store)->CreateSession(nul).code(), StatusCode::kInvalidArgument);
  model::Session bad = MakeSession("bad-utf8");
  bad.resume = "caf\xc3";  // truncated multi-byte sequence
  EXPECT_EQ((*store)->CreateSession(bad).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ((*store)->GetSession("nul").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE((*store)->Ping().ok());  // the connection is still fine
}

TEST_F(PostgresStoreTest, RejectsBadSchemaNames) {
  PostgresOptions options;
  options.schema = "x; DROP TABLE sessions";
  EXPECT_EQ(PostgresStore::Open(url_, options).status().code(), StatusCode::kInvalidArgument);
  options.schema = "Upper";
  EXPECT_EQ(PostgresStore::Open(url_, options).status().code(), StatusCode::kInvalidArgument);
}

TEST(PostgresStoreNoServerTest, UnreachableServerIsUnavailable) {
  PostgresOptions options;
  options.connect_timeout_s = 2;
  // Port 1 on loopback: nothing listens there, the connect is refused at once.
  auto store = PostgresStore::Open("postgresql://nobody@127.0.0.1:1/none", options);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kUnavailable);
  // The reason, without the address it tried.
  EXPECT_EQ(store.status().message().find("127.0.0.1"), std::string::npos)
      << store.status().message();
  EXPECT_TRUE(store.status().message().starts_with("postgres unavailable: "));
}

}  // namespace
}  // namespace rc::storage

// SqliteStore specifics: persistence, migrations, open errors, and crash safety under SIGKILL.
#include "storage/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "storage/sqlite/schema.h"
#include "storage/temp_dir_for_test.h"

namespace rc::storage {
namespace {

// Runs a query with the raw C API and returns the first column of the first row as text.
std::string QueryOne(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      if (text != nullptr) out = reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return out;
}

model::ChatTurn Turn(std::string role, std::string content) {
  model::ChatTurn t;
  t.role = std::move(role);
  t.content = std::move(content);
  return t;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::string DbPath() const { return dir_.path() + "/coach.db"; }
  FakeClock clock_;
  ScopedTempDir dir_;
};

TEST_F(SqliteStoreTest, DataSurvivesCloseAndReopen) {
  {
    auto store = SqliteStore::Open(DbPath(), clock_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    model::Session s;
    s.id = "keep";
    s.resume = "resume text";
    ASSERT_TRUE((*store)->CreateSession(s).ok());
    ASSERT_TRUE((*store)->AppendChat("keep", {Turn("user", "q"), Turn("assistant", "a")}).ok());
    ASSERT_TRUE((*store)->PutExample({"ex", "Example", "job", "text"}).ok());
  }
  auto store = SqliteStore::Open(DbPath(), clock_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto s = (*store)->GetSession("keep");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->resume, "resume text");
  ASSERT_EQ(s->chat.size(), 2u);
  EXPECT_EQ(s->chat[1].content, "a");
  EXPECT_EQ((*store)->GetExample("ex")->content, "text");
}

TEST_F(SqliteStoreTest, OpenUsesWalAndAppliesMigrationsOnce) {
  for (int i = 0; i < 3; ++i) {
    auto store = SqliteStore::Open(DbPath(), clock_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto version = (*store)->SchemaVersion();
    ASSERT_TRUE(version.ok());
    EXPECT_EQ(*version, SqliteStore::LatestSchemaVersion());
    EXPECT_TRUE((*store)->CheckIntegrity().ok());
  }
  EXPECT_EQ(QueryOne(DbPath(), "SELECT COUNT(*) FROM schema_version"),
            std::to_string(SqliteStore::LatestSchemaVersion()));
  EXPECT_EQ(QueryOne(DbPath(), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryOne(DbPath(), "SELECT COUNT(*) FROM sqlite_master WHERE name = 'chat_turns'"),
            "1");
}

TEST_F(SqliteStoreTest, DatabaseFilesAreOwnerOnly) {
  auto store = SqliteStore::Open(DbPath(), clock_);
  ASSERT_TRUE(store.ok());
  model::Session s;
  s.id = "private";
  ASSERT_TRUE((*store)->CreateSession(s).ok());  // makes sure the -wal file exists
  for (const std::string suffix : {"", "-wal", "-shm"}) {
    const auto perms = std::filesystem::status(DbPath() + suffix).permissions();
    using std::filesystem::perms;
    EXPECT_EQ(perms & (perms::group_all | perms::others_all), perms::none) << suffix;
  }
}

TEST_F(SqliteStoreTest, RefusesADatabaseFromANewerBuild) {
  { ASSERT_TRUE(SqliteStore::Open(DbPath(), clock_).ok()); }
  QueryOne(DbPath(), "INSERT INTO schema_version VALUES (999, 0)");
  auto store = SqliteStore::Open(DbPath(), clock_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("999"), std::string::npos);
}

// Writes a database file exactly as a build with schema version 1 left it (WAL, migration 1,
// schema_version = 1) holding one session with a question/answer pair. Empty on success.
std::string MakeVersion1Database(const std::string& path, std::int64_t now_ms) {
  sqlite3* db = nullptr;
  std::string error;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) error = "open failed";
  const std::string now = std::to_string(now_ms);
  const std::string statements[] = {
      "PRAGMA journal_mode=WAL",
      "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY,"
      " applied_at_ms INTEGER NOT NULL)",
      sqlite::Migrations()[0],
      "INSERT INTO schema_version VALUES (1, " + now + ")",
      "INSERT INTO sessions VALUES ('old', 'old resume', 'old job', '{\"score\":1}',"
      " '## Old analysis', " +
          now + ", " + now + ")",
      "INSERT INTO chat_turns VALUES ('old', 1, 'user', 'q', '', 1, " + now + ")",
      "INSERT INTO chat_turns VALUES ('old', 2, 'assistant', 'a', 'builtin', 1, " + now + ")",
  };
  for (const std::string& sql : statements) {
    if (!error.empty()) break;
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      error = sql + ": " + (message != nullptr ? message : "?");
    }
    sqlite3_free(message);
  }
  sqlite3_close(db);
  return error;
}

TEST_F(SqliteStoreTest, Version1DatabaseUpgradesInPlace) {
  ASSERT_EQ(MakeVersion1Database(DbPath(), clock_.NowMillis()), "");
  ASSERT_EQ(QueryOne(DbPath(), "SELECT MAX(version) FROM schema_version"), "1");
  {
    auto store = SqliteStore::Open(DbPath(), clock_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(*(*store)->SchemaVersion(), SqliteStore::LatestSchemaVersion());
    // The session written before the upgrade is intact and reads as built-in.
    auto old = (*store)->GetSession("old");
    ASSERT_TRUE(old.ok()) << old.status().ToString();
    EXPECT_EQ(old->resume, "old resume");
    EXPECT_EQ(old->report_json, R"({"score":1})");
    EXPECT_EQ(old->analysis_markdown, "## Old analysis");
    EXPECT_EQ(old->analysis_mode, "builtin");
    EXPECT_EQ(old->analysis_notice, "");
    ASSERT_EQ(old->chat.size(), 2u);
    EXPECT_EQ(old->chat[1].mode, "builtin");
    // New sessions store either value.
    model::Session fresh;
    fresh.id = "new";
    fresh.analysis_mode = "llm";
    ASSERT_TRUE((*store)->CreateSession(fresh).ok());
    EXPECT_EQ((*store)->GetSession("new")->analysis_mode, "llm");
    ASSERT_TRUE((*store)->AppendChat("old", {Turn("user", "after upgrade")}).ok());
    EXPECT_TRUE((*store)->CheckIntegrity().ok());
  }
  // Reopening applies nothing more.
  auto store = SqliteStore::Open(DbPath(), clock_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(QueryOne(DbPath(), "SELECT COUNT(*) FROM schema_version"),
            std::to_string(SqliteStore::LatestSchemaVersion()));
  EXPECT_EQ(QueryOne(DbPath(),
                     "SELECT \"notnull\" || ' ' || dflt_value FROM pragma_table_info('sessions')"
                     " WHERE name = 'analysis_mode'"),
            "1 'builtin'");
  EXPECT_EQ((*store)->GetSession("new")->analysis_mode, "llm");
  EXPECT_EQ((*store)->GetSession("old")->chat.size(), 3u);
  // A row written without the column (as a version-1 build would) gets the default.
  QueryOne(DbPath(),
           "INSERT INTO sessions (id, resume, job_description, report_json, analysis_markdown,"
           " created_at_ms, updated_at_ms) VALUES ('v1-writer', '', '', '', '', " +
               std::to_string(clock_.NowMillis()) + ", " + std::to_string(clock_.NowMillis()) +
               ")");
  EXPECT_EQ((*store)->GetSession("v1-writer")->analysis_mode, "builtin");
  EXPECT_EQ((*store)->GetSession("v1-writer")->analysis_notice, "");
}

// A version-2 database (analysis_mode, no analysis_notice) holding an LLM-written session
// upgrades to the latest version and keeps its rows; the old rows have no notice.
TEST_F(SqliteStoreTest, Version2DatabaseUpgradesInPlace) {
  ASSERT_EQ(MakeVersion1Database(DbPath(), clock_.NowMillis()), "");
  QueryOne(DbPath(), sqlite::Migrations()[1]);
  QueryOne(DbPath(), "INSERT INTO schema_version VALUES (2, 0)");
  QueryOne(DbPath(), "UPDATE sessions SET analysis_mode = 'llm' WHERE id = 'old'");
  ASSERT_EQ(QueryOne(DbPath(), "SELECT MAX(version) FROM schema_version"), "2");
  ASSERT_EQ(QueryOne(DbPath(), "SELECT analysis_mode FROM sessions WHERE id = 'old'"), "llm");
  {
    auto store = SqliteStore::Open(DbPath(), clock_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(*(*store)->SchemaVersion(), SqliteStore::LatestSchemaVersion());
    auto old = (*store)->GetSession("old");
    ASSERT_TRUE(old.ok()) << old.status().ToString();
    EXPECT_EQ(old->resume, "old resume");
    EXPECT_EQ(old->analysis_markdown, "## Old analysis");
    EXPECT_EQ(old->analysis_mode, "llm");
    EXPECT_EQ(old->analysis_notice, "");
    ASSERT_EQ(old->chat.size(), 2u);
    model::Session fresh;
    fresh.id = "new";
    fresh.analysis_notice = "The AI coach was unavailable (timeout).";
    ASSERT_TRUE((*store)->CreateSession(fresh).ok());
    EXPECT_EQ((*store)->GetSession("new")->analysis_notice,
              "The AI coach was unavailable (timeout).");
    EXPECT_TRUE((*store)->CheckIntegrity().ok());
  }
  EXPECT_EQ(QueryOne(DbPath(), "SELECT COUNT(*) FROM schema_version"),
            std::to_string(SqliteStore::LatestSchemaVersion()));
  EXPECT_EQ(QueryOne(DbPath(),
                     "SELECT \"notnull\" || ' ' || dflt_value FROM pragma_table_info('sessions')"
                     " WHERE name = 'analysis_notice'"),
            "1 ''");
  // A row written without the column (as a version-2 build would) has no notice.
  QueryOne(DbPath(),
           "INSERT INTO sessions (id, resume, job_description, report_json, analysis_markdown,"
           " analysis_mode, created_at_ms, updated_at_ms) VALUES ('v2-writer', '', '', '', '',"
           " 'llm', " +
               std::to_string(clock_.NowMillis()) + ", " + std::to_string(clock_.NowMillis()) +
               ")");
  auto store = SqliteStore::Open(DbPath(), clock_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto v2 = (*store)->GetSession("v2-writer");
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(v2->analysis_mode, "llm");
  EXPECT_EQ(v2->analysis_notice, "");
}

TEST_F(SqliteStoreTest, MissingDirectoryIsAClearError) {
  auto store = SqliteStore::Open(dir_.path() + "/no/such/dir/coach.db", clock_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("does not exist"), std::string::npos);
}

// Opens the store as an unprivileged user (uid 65534 when run as root, who may write anywhere)
// and returns its Status. Runs in a child process so the test process keeps its identity.
Status OpenAsNobody(const std::string& path) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return InternalError("pipe");
  const pid_t child = fork();
  if (child == 0) {
    close(pipe_fds[0]);
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(2);
    FakeClock clock;
    Status status = SqliteStore::Open(path, clock).status();
    const std::string out =
        std::to_string(static_cast<int>(status.code())) + " " + status.message();
    if (write(pipe_fds[1], out.data(), out.size()) < 0) _exit(3);
    _exit(0);
  }
  close(pipe_fds[1]);
  std::string out;
  char buf[256];
  ssize_t n;
  while ((n = read(pipe_fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  close(pipe_fds[0]);
  int wstatus = 0;
  waitpid(child, &wstatus, 0);
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 || out.empty()) {
    return InternalError("child failed");
  }
  const auto space = out.find(' ');
  return Status(static_cast<StatusCode>(std::stoi(out.substr(0, space))), out.substr(space + 1));
}

TEST_F(SqliteStoreTest, ReadOnlyDirectoryIsAClearError) {
  namespace fs = std::filesystem;
  const std::string ro = dir_.path() + "/ro";
  fs::create_directory(ro);
  fs::permissions(dir_.path(),
                  fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                          fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  Status status = OpenAsNobody(ro + "/coach.db");
  fs::permissions(ro, fs::perms::owner_all);
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << status.ToString();
  EXPECT_NE(status.message().find("not writable"), std::string::npos) << status.ToString();
}

TEST_F(SqliteStoreTest, UnreachableDirectoryIsAClearError) {
  namespace fs = std::filesystem;
  const std::string closed = dir_.path() + "/closed";
  fs::create_directory(closed);
  fs::permissions(dir_.path(),
                  fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  fs::permissions(closed, fs::perms::none);  // nobody but root may even look inside
  Status status = OpenAsNobody(closed + "/sub/coach.db");
  fs::permissions(closed, fs::perms::owner_all);
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << status.ToString();
  EXPECT_NE(status.message().find("not accessible"), std::string::npos) << status.ToString();
}

TEST_F(SqliteStoreTest, RejectsInMemoryPathsAndBadTtl) {
  EXPECT_EQ(SqliteStore::Open(":memory:", clock_).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SqliteStore::Open("", clock_).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SqliteStore::Open(DbPath(), clock_, 0).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SqliteStoreTest, SynchronousFullWorksToo) {
  SqliteOptions options;
  options.synchronous_full = true;
  options.pool_size = 1;
  auto store = SqliteStore::Open(DbPath(), clock_, kDefaultSessionTtlMs, options);
  ASSERT_TRUE(store.ok());
  model::Session s;
  s.id = "full";
  ASSERT_TRUE((*store)->CreateSession(s).ok());
  ASSERT_TRUE((*store)->AppendChat("full", {Turn("user", "q")}).ok());
  EXPECT_EQ((*store)->GetSession("full")->chat.size(), 1u);
}

// Two processes append to one session at once: SQLite's file lock and busy timeout serialize
// them, and every pair of both is stored whole, once.
TEST_F(SqliteStoreTest, AppendsFromTwoProcessesLoseNothing) {
  {
    auto store = SqliteStore::Open(DbPath(), clock_);
    ASSERT_TRUE(store.ok());
    model::Session s;
    s.id = "shared";
    ASSERT_TRUE((*store)->CreateSession(s).ok());
  }
  constexpr int kPairs = 100;
  std::vector<pid_t> children;
  for (int p = 0; p < 2; ++p) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      auto store = SqliteStore::Open(DbPath(), clock_);
      if (!store.ok()) _exit(2);
      for (int i = 0; i < kPairs; ++i) {
        const std::string tag = std::to_string(p) + ":" + std::to_string(i);
        if (!(*store)
                 ->AppendChat("shared", {Turn("user", "q " + tag), Turn("assistant", "a " + tag)})
                 .ok()) {
          _exit(3);
        }
      }
      _exit(0);
    }
    children.push_back(child);
  }
  for (pid_t child : children) {
    int wstatus = 0;
    ASSERT_EQ(waitpid(child, &wstatus, 0), child);
    ASSERT_TRUE(WIFEXITED(wstatus));
    EXPECT_EQ(WEXITSTATUS(wstatus), 0);
  }
  auto store = SqliteStore::Open(DbPath(), clock_);
  ASSERT_TRUE(store.ok());
  auto s = (*store)->GetSession("shared");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->chat.size(), 4u * kPairs);
  std::set<std::string> tags;
  for (std::size_t k = 0; k < s->chat.size(); k += 2) {
    const std::string tag = s->chat[k].content.substr(2);
    ASSERT_EQ(s->chat[k + 1].content, "a " + tag);
    ASSERT_TRUE(tags.insert(tag).second) << tag;
  }
}

// A child process writes question/answer pairs as fast as it can and is SIGKILLed mid-stream.
// The file must pass integrity_check and every session must hold whole pairs only.
TEST_F(SqliteStoreTest, SigkillDuringWritesNeverLeavesAHalfWrittenBatch) {
  for (int round = 0; round < 5; ++round) {
    int progress[2];
    ASSERT_EQ(pipe(progress), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(progress[0]);
      SystemClock clock;
      auto store = SqliteStore::Open(DbPath(), clock);
      if (!store.ok()) _exit(2);
      for (int i = 0;; ++i) {
        const std::string id = "r" + std::to_string(round) + "-" + std::to_string(i % 7);
        model::Session s;
        s.id = id;
        (void)(*store)->CreateSession(s);  // AlreadyExists after the first pass
        std::string big(static_cast<std::size_t>(2000 + (i % 5) * 3000), 'x');
        if (!(*store)
                 ->AppendChat(id, {Turn("user", "q" + std::to_string(i)),
                                   Turn("assistant", "a" + std::to_string(i) + big)})
                 .ok()) {
          _exit(3);
        }
        if (write(progress[1], "+", 1) != 1) _exit(4);
      }
    }
    close(progress[1]);
    // Wait until the child has committed a number of batches, then kill it without warning.
    char buf[64];
    int committed = 0;
    while (committed < 40 + round * 20) {
      ssize_t n = read(progress[0], buf, sizeof buf);
      ASSERT_GT(n, 0) << "child stopped early";
      committed += static_cast<int>(n);
    }
    ASSERT_EQ(kill(child, SIGKILL), 0);
    int wstatus = 0;
    ASSERT_EQ(waitpid(child, &wstatus, 0), child);
    ASSERT_TRUE(WIFSIGNALED(wstatus));
    close(progress[0]);

    // clock_ reads 2023, before any write of the child, so no session looks expired.
    auto store = SqliteStore::Open(DbPath(), clock_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->CheckIntegrity().ok());
    int pairs = 0;
    for (int k = 0; k < 7; ++k) {
      const std::string id = "r" + std::to_string(round) + "-" + std::to_string(k);
      auto s = (*store)->GetSession(id);
      if (!s.ok()) continue;
      ASSERT_EQ(s->chat.size() % 2, 0u) << id;
      for (std::size_t t = 0; t < s->chat.size(); t += 2) {
        ASSERT_EQ(s->chat[t].role, "user");
        ASSERT_EQ(s->chat[t + 1].role, "assistant");
        ASSERT_EQ(s->chat[t + 1].content.substr(0, s->chat[t].content.size()),
                  "a" + s->chat[t].content.substr(1));
        ++pairs;
      }
    }
    // Every acknowledged batch survived the kill (the process crashed, the OS did not).
    EXPECT_GE(pairs, committed) << "round " << round;
  }
}

}  // namespace
}  // namespace rc::storage

// SqliteStore: the embedded default Store, one SQLite database file in WAL mode.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "storage/store.h"

struct sqlite3;

namespace rc::storage {

namespace sqlite {
class Connection;
}  // namespace sqlite

// Tuning knobs for SqliteStore; the defaults are what the server ships with.
struct SqliteOptions {
  // Connections in the pool; at most this many calls run against the file at once.
  int pool_size = 4;
  // How long a writer waits for the write lock before giving up with Unavailable.
  int busy_timeout_ms = 5000;
  // false: synchronous=NORMAL (the default). In WAL mode a commit survives any crash of the
  // process and the file is never corrupted, but the last commits before a power loss or OS
  // crash may roll back. true: synchronous=FULL, an fsync per commit, durable across power
  // loss at a much lower write rate (see docs/storage.md and docs/performance.md).
  bool synchronous_full = false;
};

// Sessions, chat turns and examples in one SQLite file (schema in docs/storage.md). Chat turns
// are rows with plain columns. Every write is one transaction; AppendChat takes the write lock
// (BEGIN IMMEDIATE) before computing the next sequence number, so concurrent appends from
// threads or processes are serialized and none is lost. Expiry is decided by the injected
// clock on every query. Thread-safe: calls borrow a connection from a small pool.
class SqliteStore final : public Store {
 public:
  // Opens or creates the database at `path`, enables WAL, and applies any missing schema
  // migrations (numbered, recorded in schema_version; reopening applies nothing twice).
  // FailedPrecondition when the directory of `path` is missing or not writable; Unavailable or
  // Internal when SQLite cannot open or migrate the file. `clock` must outlive the store.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, const Clock& clock,
                                                   std::int64_t ttl_ms = kDefaultSessionTtlMs,
                                                   SqliteOptions options = {});
  ~SqliteStore() override;

  // The schema version this build migrates to.
  static int LatestSchemaVersion();

  std::string_view Name() const override { return "sqlite"; }
  Status Ping() override;
  Status CreateSession(const model::Session& session) override;
  Result<model::Session> GetSession(std::string_view id) override;
  Status AppendChat(std::string_view id, const std::vector<model::ChatTurn>& turns) override;
  Status DeleteSession(std::string_view id) override;
  Result<int> DeleteExpired() override;
  Result<std::vector<model::Example>> ListExamples() override;
  Result<model::Example> GetExample(std::string_view id) override;
  Status PutExample(const model::Example& example) override;
  Status RemoveExample(std::string_view id) override;

  // The highest migration recorded in the file's schema_version table.
  Result<int> SchemaVersion();
  // Runs PRAGMA integrity_check; Internal with SQLite's report when it is not "ok".
  Status CheckIntegrity();

 private:
  class Lease;
  SqliteStore(const Clock& clock, std::int64_t ttl_ms);
  Lease Acquire();
  void Release(std::unique_ptr<sqlite::Connection> conn);
  // Runs `body` as one BEGIN IMMEDIATE transaction under write_mu_, then checkpoints the WAL
  // when it has grown past kCheckpointPages.
  Status Write(const std::function<Status(sqlite::Connection&)>& body);
  // sqlite3_wal_hook callback: flags a checkpoint once the WAL is large.
  static int OnWalCommit(void* self, sqlite3* db, const char* schema, int wal_pages);

  // Sessions deleted per DeleteExpired transaction.
  static constexpr int kSweepBatch = 500;
  // SQLite's own auto-checkpoint threshold (pages of the WAL).
  static constexpr int kCheckpointPages = 1000;

  const Clock& clock_;
  const std::int64_t ttl_ms_;
  // Held for the whole of every write transaction. SQLite allows one writer per file anyway;
  // queueing writers of this process here keeps them out of SQLite's busy handler, whose
  // sleep-and-retry backoff (up to 100 ms per attempt) would otherwise dominate tail latency.
  // Other processes on the same file are still serialized by the busy timeout.
  std::mutex write_mu_;
  std::atomic<bool> checkpoint_due_{false};
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<sqlite::Connection>> idle_;
};

}  // namespace rc::storage

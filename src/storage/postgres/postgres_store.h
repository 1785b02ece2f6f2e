// PostgresStore: the Store for several server instances sharing one PostgreSQL database.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/store.h"

namespace rc::storage {

namespace pg {
class PgConnection;
}  // namespace pg

// Settings for PostgresStore; the defaults are what the server ships with.
struct PostgresOptions {
  std::int64_t ttl_ms = kDefaultSessionTtlMs;
  // Connections per store (per server instance). Opened lazily, replaced when they break.
  int pool_size = 4;
  // Seconds libpq waits for a new connection before the call fails with Unavailable.
  int connect_timeout_s = 5;
  // The schema holding the tables; created when missing. Letters, digits and underscores.
  std::string schema = "public";
  // A statement running longer than this fails with DeadlineExceeded (0: no limit). Bounds
  // how long a request can hang on a stuck lock or an overloaded server.
  int statement_timeout_ms = 15'000;
  // Shown in pg_stat_activity; lets operators (and tests) find this store's connections.
  std::string application_name = "resume-coach";
};

// Sessions, chat turns and examples in PostgreSQL (schema in docs/storage.md), with the same
// contract as SqliteStore. Expiry is decided by the database server's clock
// (statement_timestamp()), so instances with skewed clocks agree. AppendChat locks the session
// row (UPDATE ... WHERE live) before reading MAX(seq), so appends through any number of
// instances are serialized per session and none is lost. All statements are prepared, with
// parameters only. When the server goes away, calls return Unavailable ("postgres
// unavailable: ...") and broken connections are dropped; a read, or a write whose connection
// turns out to be dead before anything was sent, retries once on a new connection, so the
// store recovers by itself once the server is back. Thread-safe.
class PostgresStore final : public Store {
 public:
  // Connects, then applies missing migrations under a transaction-scoped advisory lock, so
  // several instances starting at once migrate exactly once. InvalidArgument for a bad schema
  // name or ttl; Unavailable when the server cannot be reached.
  static Result<std::unique_ptr<PostgresStore>> Open(const std::string& url,
                                                     PostgresOptions options = {});
  ~PostgresStore() override;

  // The number of migrations this build knows; a database at this version is current.
  static int LatestSchemaVersion();
  // The migrations in order: migration N is Migrations()[N - 1]. Released ones never change,
  // so tests use them to build a database as an older build left it.
  static std::span<const char* const> Migrations();

  std::string_view Name() const override { return "postgres"; }
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

  // The highest migration recorded in schema_version.
  Result<int> SchemaVersion();

  // Tests only: shifts the database clock this store reads by `offset_ms`, so expiry can be
  // tested without waiting a day. Never called by the server.
  void SetClockOffsetForTesting(std::int64_t offset_ms) { clock_offset_ms_ = offset_ms; }

 private:
  PostgresStore(std::string url, PostgresOptions options);
  // Runs `body` on a pooled connection, inside BEGIN/COMMIT when `transaction` (every write
  // uses one; reads do not). After a lost connection, retries once on a new connection when
  // that is safe: for reads, and for writes whose first command failed.
  Status WithConnection(bool transaction, const std::function<Status(pg::PgConnection&)>& body);
  Result<std::unique_ptr<pg::PgConnection>> Acquire();
  void Release(std::unique_ptr<pg::PgConnection> conn);
  std::string Offset() const { return std::to_string(clock_offset_ms_.load()); }
  std::string Ttl() const { return std::to_string(options_.ttl_ms); }

  // Sessions deleted per DeleteExpired transaction.
  static constexpr int kSweepBatch = 500;

  const std::string url_;
  const PostgresOptions options_;
  std::atomic<std::int64_t> clock_offset_ms_{0};
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pg::PgConnection>> idle_;
  int open_ = 0;  // connections checked out or idle, at most options_.pool_size
};

// The factory the server uses for `--database postgresql://...`: PostgresStore::Open with the
// given ttl and otherwise default options.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                 std::int64_t ttl_ms = kDefaultSessionTtlMs);

}  // namespace rc::storage

// Thin RAII wrappers over the sqlite3 C API used by SqliteStore: a connection with a statement
// cache, a borrowed prepared statement, and the mapping from SQLite result codes to Status.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"

namespace rc::storage::sqlite {

// Converts a SQLite result code into a Status: busy/locked, I/O and full-disk errors become
// Unavailable (worth retrying later), everything else Internal. `what` names the operation.
Status ErrorStatus(sqlite3* db, int rc, std::string_view what);

// A prepared statement borrowed from a Connection's cache. Binding is 1-based, columns 0-based.
// Resets and clears its bindings when destroyed so the cached statement can be reused.
// Not thread-safe (neither is the Connection it came from).
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept
      : db_(other.db_), stmt_(other.stmt_), bind_rc_(other.bind_rc_) {
    other.stmt_ = nullptr;
  }
  ~Statement();

  // Binds text byte-exactly (the length is passed, so embedded NULs survive).
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t value);

  // Advances: true when a row is available, false when done; an error Status on failure
  // (including a failed Bind earlier).
  Result<bool> Step();
  // Steps to completion, expecting no rows to matter.
  Status Run();

  // Rewinds the statement so it can run again; bindings are kept until rebound.
  void Reset();

  std::string ColumnText(int column) const;
  std::int64_t ColumnInt(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int bind_rc_ = SQLITE_OK;
};

// One open database handle plus a cache of its prepared statements, keyed by SQL text.
// A Connection is used by one thread at a time (the pool in SqliteStore guarantees it).
class Connection {
 public:
  // Opens (creating when missing) the database at `path` with the busy timeout set and foreign
  // keys enabled.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more SQL statements without parameters (pragmas, DDL, BEGIN/COMMIT).
  Status Exec(const char* sql);
  // The cached prepared statement for `sql`, preparing it on first use.
  Result<Statement> Prepare(const std::string& sql);
  sqlite3* handle() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace rc::storage::sqlite

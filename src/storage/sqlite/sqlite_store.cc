// SqliteStore: connection pool, transactions, and the SQL behind each Store method.
#include "storage/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <utility>

#include "storage/sqlite/schema.h"
#include "storage/sqlite/sqlite_db.h"

namespace rc::storage {

using sqlite::Connection;
using sqlite::Statement;

namespace {

Status SessionNotFound() { return NotFoundError("session not found"); }

// Runs `body` inside BEGIN [IMMEDIATE] ... COMMIT, rolling back when it fails.
Status InTransaction(Connection& conn, bool immediate, const std::function<Status()>& body) {
  RC_RETURN_IF_ERROR(conn.Exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN"));
  Status status = body();
  if (!status.ok()) {
    (void)conn.Exec("ROLLBACK");
    return status;
  }
  status = conn.Exec("COMMIT");
  if (!status.ok()) (void)conn.Exec("ROLLBACK");
  return status;
}

// Whether a live session has this id; `cutoff` is now - ttl (live when updated_at > cutoff).
Result<bool> SessionLive(Connection& conn, std::string_view id, std::int64_t cutoff) {
  RC_ASSIGN_OR_RETURN(Statement stmt,
                      conn.Prepare("SELECT 1 FROM sessions WHERE id = ?1 AND updated_at_ms > ?2"));
  stmt.Bind(1, id).Bind(2, cutoff);
  return stmt.Step();
}

Status InsertTurns(Connection& conn, std::string_view id, std::int64_t first_seq,
                   const std::vector<model::ChatTurn>& turns, std::int64_t now) {
  RC_ASSIGN_OR_RETURN(
      Statement stmt,
      conn.Prepare("INSERT INTO chat_turns"
                   " (session_id, seq, role, content, mode, complete, created_at_ms)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  std::int64_t seq = first_seq;
  for (const auto& turn : turns) {
    stmt.Bind(1, id)
        .Bind(2, seq++)
        .Bind(3, turn.role)
        .Bind(4, turn.content)
        .Bind(5, turn.mode)
        .Bind(6, std::int64_t{turn.complete ? 1 : 0})
        .Bind(7, turn.created_at_ms == 0 ? now : turn.created_at_ms);
    RC_RETURN_IF_ERROR(stmt.Run());
    stmt.Reset();
  }
  return Status::Ok();
}

Status CheckDirectory(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  const bool is_dir = fs::is_directory(dir, ec);
  if (ec == std::errc::permission_denied) {
    return FailedPreconditionError("database directory is not accessible: " + dir.string());
  }
  if (!is_dir) {
    return FailedPreconditionError("database directory does not exist: " + dir.string());
  }
  if (access(dir.c_str(), W_OK | X_OK) != 0) {
    return FailedPreconditionError("database directory is not writable: " + dir.string());
  }
  return Status::Ok();
}

}  // namespace

// A connection borrowed from the pool, returned when the lease ends.
class SqliteStore::Lease {
 public:
  Lease(SqliteStore* store, std::unique_ptr<Connection> conn)
      : store_(store), conn_(std::move(conn)) {}
  Lease(Lease&&) = default;
  ~Lease() {
    if (conn_) store_->Release(std::move(conn_));
  }
  Connection& operator*() { return *conn_; }
  Connection* operator->() { return conn_.get(); }

 private:
  SqliteStore* store_;
  std::unique_ptr<Connection> conn_;
};

SqliteStore::SqliteStore(const Clock& clock, std::int64_t ttl_ms)
    : clock_(clock), ttl_ms_(ttl_ms) {}

SqliteStore::~SqliteStore() = default;

int SqliteStore::OnWalCommit(void* self, sqlite3*, const char*, int wal_pages) {
  if (wal_pages >= kCheckpointPages) static_cast<SqliteStore*>(self)->checkpoint_due_ = true;
  return SQLITE_OK;
}

int SqliteStore::LatestSchemaVersion() { return static_cast<int>(sqlite::Migrations().size()); }

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, const Clock& clock,
                                                       std::int64_t ttl_ms, SqliteOptions options) {
  if (path.empty() || path == ":memory:" || path.starts_with("file:")) {
    return InvalidArgumentError("sqlite database path must name a file");
  }
  if (ttl_ms <= 0) return InvalidArgumentError("session ttl must be positive");
  RC_RETURN_IF_ERROR(CheckDirectory(path));
  // The file holds resumes: create it readable by its owner only. SQLite gives the -wal and
  // -shm files the database file's permissions.
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return UnavailableError("cannot create the sqlite database " + path + ": " +
                            std::strerror(errno));
  }
  ::close(fd);
  std::unique_ptr<SqliteStore> store(new SqliteStore(clock, ttl_ms));
  const int pool_size = options.pool_size < 1 ? 1 : options.pool_size;
  for (int i = 0; i < pool_size; ++i) {
    RC_ASSIGN_OR_RETURN(auto conn, Connection::Open(path, options.busy_timeout_ms));
    if (i == 0) {
      // journal_mode is persistent in the file; set it before any transaction.
      RC_RETURN_IF_ERROR(conn->Exec("PRAGMA journal_mode=WAL"));
      RC_RETURN_IF_ERROR(sqlite::Migrate(*conn));
    }
    RC_RETURN_IF_ERROR(conn->Exec(options.synchronous_full ? "PRAGMA synchronous=FULL"
                                                           : "PRAGMA synchronous=NORMAL"));
    // Replaces SQLite's automatic checkpoint, which would run inside the committing writer.
    sqlite3_wal_hook(conn->handle(), &SqliteStore::OnWalCommit, store.get());
    store->idle_.push_back(std::move(conn));
  }
  return store;
}

SqliteStore::Lease SqliteStore::Acquire() {
  std::unique_lock lock(mu_);
  available_.wait(lock, [&] { return !idle_.empty(); });
  auto conn = std::move(idle_.back());
  idle_.pop_back();
  return Lease(this, std::move(conn));
}

void SqliteStore::Release(std::unique_ptr<Connection> conn) {
  // A failed ROLLBACK (I/O error) would leave the connection inside a transaction, and every
  // later BEGIN on it would fail; end it here so one bad moment cannot poison the pool.
  if (sqlite3_get_autocommit(conn->handle()) == 0) (void)conn->Exec("ROLLBACK");
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

Status SqliteStore::Write(const std::function<Status(Connection&)>& body) {
  Lease conn = Acquire();
  Status status;
  {
    std::lock_guard writer(write_mu_);
    status = InTransaction(*conn, true, [&] { return body(*conn); });
  }
  if (checkpoint_due_.exchange(false)) {
    // Outside write_mu_, so other writers keep going: PASSIVE copies what it can without
    // waiting for readers or writers. Failure only means the WAL stays longer; ignore it.
    (void)sqlite3_wal_checkpoint_v2(conn->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                    nullptr);
  }
  return status;
}

Status SqliteStore::Ping() {
  Lease conn = Acquire();
  RC_ASSIGN_OR_RETURN(Statement stmt, conn->Prepare("SELECT COUNT(*) FROM schema_version"));
  return stmt.Run();
}

Status SqliteStore::CreateSession(const model::Session& session) {
  const std::int64_t now = clock_.NowMillis();
  const std::int64_t cutoff = now - ttl_ms_;
  return Write([&](Connection& conn) -> Status {
    RC_ASSIGN_OR_RETURN(bool live, SessionLive(conn, session.id, cutoff));
    if (live) return AlreadyExistsError("session already exists");
    // An expired but not yet swept session with this id is gone as far as callers know.
    RC_ASSIGN_OR_RETURN(Statement drop, conn.Prepare("DELETE FROM sessions WHERE id = ?1"));
    RC_RETURN_IF_ERROR(drop.Bind(1, session.id).Run());
    RC_ASSIGN_OR_RETURN(
        Statement insert,
        conn.Prepare("INSERT INTO sessions (id, resume, job_description, report_json,"
                     " analysis_markdown, analysis_mode, analysis_notice, created_at_ms,"
                     " updated_at_ms)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?8, ?6, ?6)"));
    insert.Bind(1, session.id)
        .Bind(2, session.resume)
        .Bind(3, session.job_description)
        .Bind(4, session.report_json)
        .Bind(5, session.analysis_markdown)
        .Bind(6, now)
        .Bind(7, session.analysis_mode)
        .Bind(8, session.analysis_notice);
    RC_RETURN_IF_ERROR(insert.Run());
    return InsertTurns(conn, session.id, 1, session.chat, now);
  });
}

Result<model::Session> SqliteStore::GetSession(std::string_view id) {
  const std::int64_t cutoff = clock_.NowMillis() - ttl_ms_;
  Lease conn = Acquire();
  model::Session session;
  // A read transaction gives one consistent snapshot of the session and its turns.
  Status status = InTransaction(*conn, false, [&]() -> Status {
    RC_ASSIGN_OR_RETURN(
        Statement stmt,
        conn->Prepare("SELECT id, resume, job_description, report_json, analysis_markdown,"
                      " created_at_ms, updated_at_ms, analysis_mode, analysis_notice FROM sessions"
                      " WHERE id = ?1 AND updated_at_ms > ?2"));
    stmt.Bind(1, id).Bind(2, cutoff);
    RC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return SessionNotFound();
    session.id = stmt.ColumnText(0);
    session.resume = stmt.ColumnText(1);
    session.job_description = stmt.ColumnText(2);
    session.report_json = stmt.ColumnText(3);
    session.analysis_markdown = stmt.ColumnText(4);
    session.created_at_ms = stmt.ColumnInt(5);
    session.updated_at_ms = stmt.ColumnInt(6);
    session.analysis_mode = stmt.ColumnText(7);
    session.analysis_notice = stmt.ColumnText(8);
    RC_ASSIGN_OR_RETURN(
        Statement turns,
        conn->Prepare("SELECT role, content, mode, complete, created_at_ms FROM chat_turns"
                      " WHERE session_id = ?1 ORDER BY seq"));
    turns.Bind(1, id);
    while (true) {
      RC_ASSIGN_OR_RETURN(bool more, turns.Step());
      if (!more) break;
      session.chat.push_back({turns.ColumnText(0), turns.ColumnText(1), turns.ColumnText(2),
                              turns.ColumnInt(3) != 0, turns.ColumnInt(4)});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return session;
}

Status SqliteStore::AppendChat(std::string_view id, const std::vector<model::ChatTurn>& turns) {
  const std::int64_t now = clock_.NowMillis();
  const std::int64_t cutoff = now - ttl_ms_;
  // The transaction holds SQLite's write lock from its start (BEGIN IMMEDIATE), so the MAX(seq)
  // read below cannot race with another appender in this or any other process.
  return Write([&](Connection& conn) -> Status {
    RC_ASSIGN_OR_RETURN(
        Statement touch,
        conn.Prepare(
            "UPDATE sessions SET updated_at_ms = ?3 WHERE id = ?1 AND updated_at_ms > ?2"));
    RC_RETURN_IF_ERROR(touch.Bind(1, id).Bind(2, cutoff).Bind(3, now).Run());
    if (sqlite3_changes(conn.handle()) == 0) return SessionNotFound();
    RC_ASSIGN_OR_RETURN(
        Statement next,
        conn.Prepare("SELECT COALESCE(MAX(seq), 0) + 1 FROM chat_turns WHERE session_id = ?1"));
    next.Bind(1, id);
    RC_ASSIGN_OR_RETURN(bool row, next.Step());
    if (!row) return InternalError("sqlite: no next chat sequence");
    const std::int64_t first_seq = next.ColumnInt(0);
    return InsertTurns(conn, id, first_seq, turns, now);
  });
}

Status SqliteStore::DeleteSession(std::string_view id) {
  const std::int64_t cutoff = clock_.NowMillis() - ttl_ms_;
  return Write([&](Connection& conn) -> Status {
    RC_ASSIGN_OR_RETURN(Statement stmt,
                        conn.Prepare("DELETE FROM sessions WHERE id = ?1 AND updated_at_ms > ?2"));
    RC_RETURN_IF_ERROR(stmt.Bind(1, id).Bind(2, cutoff).Run());
    if (sqlite3_changes(conn.handle()) == 0) return SessionNotFound();
    return Status::Ok();
  });
}

Result<int> SqliteStore::DeleteExpired() {
  const std::int64_t cutoff = clock_.NowMillis() - ttl_ms_;
  int removed = 0;
  // In batches, each its own transaction, so a large backlog never holds the write lock long
  // enough to stall chat requests.
  while (true) {
    int batch = 0;
    Status status = Write([&](Connection& conn) -> Status {
      RC_ASSIGN_OR_RETURN(Statement stmt,
                          conn.Prepare("DELETE FROM sessions WHERE id IN (SELECT id FROM sessions"
                                       " WHERE updated_at_ms <= ?1 LIMIT ?2)"));
      RC_RETURN_IF_ERROR(stmt.Bind(1, cutoff).Bind(2, std::int64_t{kSweepBatch}).Run());
      batch = sqlite3_changes(conn.handle());
      return Status::Ok();
    });
    if (!status.ok()) return status;
    removed += batch;
    if (batch < kSweepBatch) return removed;
  }
}

Result<std::vector<model::Example>> SqliteStore::ListExamples() {
  Lease conn = Acquire();
  RC_ASSIGN_OR_RETURN(Statement stmt,
                      conn->Prepare("SELECT id, name, kind FROM examples ORDER BY id"));
  std::vector<model::Example> out;
  while (true) {
    RC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back({stmt.ColumnText(0), stmt.ColumnText(1), stmt.ColumnText(2), ""});
  }
  return out;
}

Result<model::Example> SqliteStore::GetExample(std::string_view id) {
  Lease conn = Acquire();
  RC_ASSIGN_OR_RETURN(Statement stmt,
                      conn->Prepare("SELECT id, name, kind, content FROM examples WHERE id = ?1"));
  stmt.Bind(1, id);
  RC_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return NotFoundError("example not found");
  return model::Example{stmt.ColumnText(0), stmt.ColumnText(1), stmt.ColumnText(2),
                        stmt.ColumnText(3)};
}

Status SqliteStore::PutExample(const model::Example& example) {
  return Write([&](Connection& conn) -> Status {
    RC_ASSIGN_OR_RETURN(
        Statement stmt,
        conn.Prepare("INSERT INTO examples (id, name, kind, content) VALUES (?1, ?2, ?3, ?4)"
                     " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                     " kind = excluded.kind, content = excluded.content"));
    return stmt.Bind(1, example.id)
        .Bind(2, example.name)
        .Bind(3, example.kind)
        .Bind(4, example.content)
        .Run();
  });
}

Status SqliteStore::RemoveExample(std::string_view id) {
  return Write([&](Connection& conn) -> Status {
    RC_ASSIGN_OR_RETURN(Statement stmt, conn.Prepare("DELETE FROM examples WHERE id = ?1"));
    RC_RETURN_IF_ERROR(stmt.Bind(1, id).Run());
    if (sqlite3_changes(conn.handle()) == 0) return NotFoundError("example not found");
    return Status::Ok();
  });
}

Result<int> SqliteStore::SchemaVersion() {
  Lease conn = Acquire();
  return sqlite::CurrentVersion(*conn);
}

Status SqliteStore::CheckIntegrity() {
  Lease conn = Acquire();
  RC_ASSIGN_OR_RETURN(Statement stmt, conn->Prepare("PRAGMA integrity_check"));
  std::string report;
  while (true) {
    RC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    if (!report.empty()) report += "; ";
    report += stmt.ColumnText(0);
  }
  if (report != "ok") return InternalError("sqlite integrity check failed: " + report);
  return Status::Ok();
}

}  // namespace rc::storage

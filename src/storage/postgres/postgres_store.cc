// PostgresStore: connection pool, advisory-locked migrations and the SQL behind each method.
#include "storage/postgres/postgres_store.h"

#include <algorithm>
#include <utility>

#include "storage/postgres/pg_conn.h"

namespace rc::storage {

using pg::Param;
using pg::PgConnection;
using pg::PgResult;

namespace {

// Every statement that needs "now" takes the test clock offset as $1. statement_timestamp()
// is fixed for the statement, so all rows of one statement see the same instant.
#define RC_PG_NOW "(floor(extract(epoch FROM statement_timestamp()) * 1000)::bigint + $1::bigint)"

// Any constant works; it only has to be the same in every instance.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(726863616368)";

constexpr const char* kMigrations[] = {
    // 1: sessions, chat turns (one row per turn), examples.
    R"sql(
CREATE TABLE sessions (
  id                text   NOT NULL PRIMARY KEY,
  resume            text   NOT NULL,
  job_description   text   NOT NULL,
  report_json       text   NOT NULL,
  analysis_markdown text   NOT NULL,
  created_at_ms     bigint NOT NULL,
  updated_at_ms     bigint NOT NULL
);
CREATE INDEX sessions_by_updated_at ON sessions (updated_at_ms);
CREATE TABLE chat_turns (
  session_id    text    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  seq           integer NOT NULL,
  role          text    NOT NULL,
  content       text    NOT NULL,
  mode          text    NOT NULL,
  complete      boolean NOT NULL,
  created_at_ms bigint  NOT NULL,
  PRIMARY KEY (session_id, seq)
);
CREATE TABLE examples (
  id      text NOT NULL PRIMARY KEY,
  name    text NOT NULL,
  kind    text NOT NULL,
  content text NOT NULL
);
)sql",
    // 2: who wrote the analysis ("builtin" or "llm"); rows written before it are built-in.
    // A constant default makes this a catalog-only change: no table rewrite, however many rows.
    R"sql(
ALTER TABLE sessions ADD COLUMN analysis_mode text NOT NULL DEFAULT 'builtin';
)sql",
    // 3: why the analysis came from the built-in coach in LLM mode; rows before it say nothing.
    // A constant default again: catalog-only.
    R"sql(
ALTER TABLE sessions ADD COLUMN analysis_notice text NOT NULL DEFAULT '';
)sql",
};

Status SessionNotFound() { return NotFoundError("session not found"); }

bool ValidSchemaName(const std::string& s) {
  if (s.empty() || s.size() > 63) return false;
  if (s[0] >= '0' && s[0] <= '9') return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Appends `turns` after the session's last turn, up to kTurnsPerStatement rows per statement.
// The next seq is computed inside the INSERT; it sees every turn committed before the caller
// locked the session row (a new snapshot per statement under READ COMMITTED) and the rows this
// transaction already wrote.
Status AppendTurns(PgConnection& conn, std::string_view id,
                   const std::vector<model::ChatTurn>& turns, std::int64_t now) {
  constexpr std::size_t kTurnsPerStatement = 100;
  for (std::size_t begin = 0; begin < turns.size(); begin += kTurnsPerStatement) {
    const std::size_t n = std::min(kTurnsPerStatement, turns.size() - begin);
    std::string sql =
        "INSERT INTO chat_turns (session_id, seq, role, content, mode, complete, created_at_ms)"
        " SELECT $1, base.n + v.ord, v.role, v.content, v.mode, v.complete,"
        " CASE WHEN v.created = 0 THEN $2::bigint ELSE v.created END"
        " FROM (SELECT COALESCE(MAX(seq), 0) AS n FROM chat_turns WHERE session_id = $1) AS base,"
        " (VALUES ";
    std::vector<Param> params = {std::string(id), std::to_string(now)};
    for (std::size_t k = 0; k < n; ++k) {
      const model::ChatTurn& t = turns[begin + k];
      const std::size_t p = params.size() + 1;
      if (k > 0) sql += ", ";
      sql += "(" + std::to_string(k + 1) + ", $" + std::to_string(p) + "::text, $" +
             std::to_string(p + 1) + "::text, $" + std::to_string(p + 2) + "::text, $" +
             std::to_string(p + 3) + "::boolean, $" + std::to_string(p + 4) + "::bigint)";
      params.push_back(t.role);
      params.push_back(t.content);
      params.push_back(t.mode);
      params.push_back(t.complete ? "true" : "false");
      params.push_back(std::to_string(t.created_at_ms));
    }
    sql += ") AS v (ord, role, content, mode, complete, created)";
    const std::string name = "append_turns_" + std::to_string(n);
    RC_RETURN_IF_ERROR(conn.Run(name.c_str(), sql.c_str(), params).status());
  }
  return Status::Ok();
}

Status Migrate(PgConnection& conn, const std::string& schema) {
  RC_RETURN_IF_ERROR(conn.Exec("BEGIN").status());
  auto apply = [&]() -> Status {
    // Waiting for another instance's migration, or a long migration, is not a stuck request.
    RC_RETURN_IF_ERROR(conn.Exec("SET LOCAL statement_timeout = 0").status());
    RC_RETURN_IF_ERROR(conn.Exec(kMigrationLock).status());
    RC_RETURN_IF_ERROR(conn.Exec("CREATE SCHEMA IF NOT EXISTS " + schema).status());
    RC_RETURN_IF_ERROR(conn.Exec("CREATE TABLE IF NOT EXISTS schema_version ("
                                 " version integer NOT NULL PRIMARY KEY,"
                                 " applied_at timestamptz NOT NULL DEFAULT now())")
                           .status());
    RC_ASSIGN_OR_RETURN(PgResult current,
                        conn.Exec("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
    const int version = static_cast<int>(current.Int(0, 0));
    const int latest = static_cast<int>(std::size(kMigrations));
    if (version > latest) {
      return FailedPreconditionError("database schema version " + std::to_string(version) +
                                     " is newer than this build supports (" +
                                     std::to_string(latest) + ")");
    }
    for (int v = version + 1; v <= latest; ++v) {
      RC_RETURN_IF_ERROR(conn.Exec(kMigrations[v - 1]).status());
      RC_RETURN_IF_ERROR(
          conn.Exec("INSERT INTO schema_version (version) VALUES (" + std::to_string(v) + ")")
              .status());
    }
    return Status::Ok();
  };
  Status status = apply();
  if (!status.ok()) {
    (void)conn.Exec("ROLLBACK");
    return status;
  }
  return conn.Exec("COMMIT").status();
}

}  // namespace

PostgresStore::PostgresStore(std::string url, PostgresOptions options)
    : url_(std::move(url)), options_(std::move(options)) {}

PostgresStore::~PostgresStore() = default;

int PostgresStore::LatestSchemaVersion() { return static_cast<int>(std::size(kMigrations)); }

std::span<const char* const> PostgresStore::Migrations() { return kMigrations; }

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& url,
                                                           PostgresOptions options) {
  if (!ValidSchemaName(options.schema)) {
    return InvalidArgumentError("postgres schema name must be lower-case letters, digits, _");
  }
  if (options.ttl_ms <= 0) return InvalidArgumentError("session ttl must be positive");
  if (options.pool_size < 1) options.pool_size = 1;
  std::unique_ptr<PostgresStore> store(new PostgresStore(url, options));
  RC_ASSIGN_OR_RETURN(auto conn, store->Acquire());
  Status migrated = Migrate(*conn, options.schema);
  store->Release(std::move(conn));
  RC_RETURN_IF_ERROR(migrated);
  return store;
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, std::int64_t ttl_ms) {
  PostgresOptions options;
  options.ttl_ms = ttl_ms;
  RC_ASSIGN_OR_RETURN(auto store, PostgresStore::Open(url, options));
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<PgConnection>> PostgresStore::Acquire() {
  {
    std::unique_lock lock(mu_);
    available_.wait(lock, [&] { return !idle_.empty() || open_ < options_.pool_size; });
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    ++open_;
  }
  auto conn = PgConnection::Open(url_, options_.schema, options_.connect_timeout_s,
                                 options_.application_name, options_.statement_timeout_ms);
  if (!conn.ok()) {
    {
      std::lock_guard lock(mu_);
      --open_;
    }
    available_.notify_one();
  }
  return conn;
}

void PostgresStore::Release(std::unique_ptr<PgConnection> conn) {
  // Never hand out a connection stuck in a transaction (a failed ROLLBACK).
  if (!conn->broken() && conn->in_transaction()) (void)conn->Exec("ROLLBACK");
  if (!conn->broken() && conn->in_transaction()) conn.reset();
  {
    std::lock_guard lock(mu_);
    if (conn == nullptr || conn->broken()) {
      --open_;
    } else {
      idle_.push_back(std::move(conn));
    }
  }
  available_.notify_one();
}

Status PostgresStore::WithConnection(bool transaction,
                                     const std::function<Status(PgConnection&)>& body) {
  for (int attempt = 0;; ++attempt) {
    RC_ASSIGN_OR_RETURN(auto conn, Acquire());
    const std::int64_t before = conn->commands_ok();
    Status status;
    if (transaction) {
      status = conn->Exec("BEGIN").status();
      if (status.ok()) status = body(*conn);
      if (status.ok()) {
        status = conn->Exec("COMMIT").status();
      } else if (!pg::IsConnectionError(status)) {
        Status rollback = conn->Exec("ROLLBACK").status();
        if (!rollback.ok()) status = rollback;
      }
    } else {
      status = body(*conn);
    }
    const bool nothing_done = conn->commands_ok() == before;
    if (pg::IsConnectionError(status)) {
      // The server probably restarted: every idle connection is as dead as this one.
      std::vector<std::unique_ptr<PgConnection>> stale;
      {
        std::lock_guard lock(mu_);
        stale.swap(idle_);
        open_ -= static_cast<int>(stale.size()) + 1;
      }
      available_.notify_all();
      conn.reset();
      // Retry once on a new connection when that cannot apply anything twice: reads (every
      // call without a transaction is one) are idempotent, and a write whose first command
      // failed never reached the database (a dead connection fails on its first command).
      if ((nothing_done || !transaction) && attempt == 0) continue;
      return status;
    }
    Release(std::move(conn));
    return status;
  }
}

Status PostgresStore::Ping() {
  return WithConnection(false, [&](PgConnection& conn) -> Status {
    return conn.Run("ping", "SELECT 1", {}).status();
  });
}

Status PostgresStore::CreateSession(const model::Session& session) {
  return WithConnection(true, [&](PgConnection& conn) -> Status {
    // An expired but not yet swept session with this id is gone as far as callers know.
    RC_RETURN_IF_ERROR(conn.Run("create_drop_expired",
                                "DELETE FROM sessions WHERE id = $2"
                                " AND updated_at_ms <= " RC_PG_NOW " - $3::bigint",
                                {Offset(), session.id, Ttl()})
                           .status());
    RC_ASSIGN_OR_RETURN(
        PgResult inserted,
        conn.Run(
            "create_insert",
            "INSERT INTO sessions (id, resume, job_description, report_json,"
            " analysis_markdown, analysis_mode, analysis_notice, created_at_ms,"
            " updated_at_ms)"
            " SELECT $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text,"
            " n, n"
            " FROM (SELECT " RC_PG_NOW " AS n) AS t"
            " ON CONFLICT (id) DO NOTHING RETURNING created_at_ms",
            {Offset(), session.id, session.resume, session.job_description, session.report_json,
             session.analysis_markdown, session.analysis_mode, session.analysis_notice}));
    if (inserted.rows() == 0) return AlreadyExistsError("session already exists");
    return AppendTurns(conn, session.id, session.chat, inserted.Int(0, 0));
  });
}

Result<model::Session> PostgresStore::GetSession(std::string_view id) {
  model::Session session;
  // One statement, so the session and its turns come from one snapshot: the session row
  // first (k = 0), then its turns in order.
  Status status = WithConnection(false, [&](PgConnection& conn) -> Status {
    RC_ASSIGN_OR_RETURN(
        PgResult r,
        conn.Run("get_session",
                 "SELECT 0 AS k, 0 AS seq, resume, job_description, report_json,"
                 " analysis_markdown, created_at_ms, updated_at_ms, false AS complete,"
                 " analysis_mode, analysis_notice"
                 " FROM sessions WHERE id = $2 AND updated_at_ms > " RC_PG_NOW " - $3::bigint"
                 " UNION ALL"
                 " SELECT 1, t.seq, t.role, t.content, t.mode, '', t.created_at_ms, 0, t.complete,"
                 " '', ''"
                 " FROM chat_turns t JOIN sessions s ON s.id = t.session_id"
                 " WHERE s.id = $2 AND s.updated_at_ms > " RC_PG_NOW " - $3::bigint"
                 " ORDER BY k, seq",
                 {Offset(), std::string(id), Ttl()}));
    if (r.rows() == 0 || r.Int(0, 0) != 0) return SessionNotFound();
    session.id = std::string(id);
    session.resume = r.Text(0, 2);
    session.job_description = r.Text(0, 3);
    session.report_json = r.Text(0, 4);
    session.analysis_markdown = r.Text(0, 5);
    session.created_at_ms = r.Int(0, 6);
    session.updated_at_ms = r.Int(0, 7);
    session.analysis_mode = r.Text(0, 9);
    session.analysis_notice = r.Text(0, 10);
    for (int row = 1; row < r.rows(); ++row) {
      session.chat.push_back(
          {r.Text(row, 2), r.Text(row, 3), r.Text(row, 4), r.Bool(row, 8), r.Int(row, 6)});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return session;
}

Status PostgresStore::AppendChat(std::string_view id, const std::vector<model::ChatTurn>& turns) {
  return WithConnection(true, [&](PgConnection& conn) -> Status {
    // The UPDATE locks the session row until COMMIT; a concurrent appender on any instance
    // waits here, and its MAX(seq) below (a new snapshot under READ COMMITTED) then sees our
    // turns. GREATEST keeps updated_at from moving back when statements interleave.
    RC_ASSIGN_OR_RETURN(
        PgResult touched,
        conn.Run("append_touch",
                 "UPDATE sessions SET updated_at_ms = GREATEST(updated_at_ms, " RC_PG_NOW ")"
                 " WHERE id = $2 AND updated_at_ms > " RC_PG_NOW " - $3::bigint"
                 " RETURNING updated_at_ms",
                 {Offset(), std::string(id), Ttl()}));
    if (touched.rows() == 0) return SessionNotFound();
    return AppendTurns(conn, id, turns, touched.Int(0, 0));
  });
}

Status PostgresStore::DeleteSession(std::string_view id) {
  return WithConnection(true, [&](PgConnection& conn) -> Status {
    RC_ASSIGN_OR_RETURN(PgResult r, conn.Run("delete_session",
                                             "DELETE FROM sessions WHERE id = $2"
                                             " AND updated_at_ms > " RC_PG_NOW " - $3::bigint",
                                             {Offset(), std::string(id), Ttl()}));
    if (r.affected() == 0) return SessionNotFound();
    return Status::Ok();
  });
}

Result<int> PostgresStore::DeleteExpired() {
  int removed = 0;
  // In batches, each its own transaction, so a large backlog never holds many row locks for
  // long. SKIP LOCKED lets sweepers of several instances share the work instead of queueing.
  while (true) {
    int batch = 0;
    Status status = WithConnection(true, [&](PgConnection& conn) -> Status {
      RC_ASSIGN_OR_RETURN(PgResult r,
                          conn.Run("delete_expired",
                                   "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions"
                                   " WHERE updated_at_ms <= " RC_PG_NOW " - $2::bigint"
                                   " LIMIT $3::integer FOR UPDATE SKIP LOCKED)",
                                   {Offset(), Ttl(), std::to_string(kSweepBatch)}));
      batch = r.affected();
      return Status::Ok();
    });
    if (!status.ok()) return status;
    removed += batch;
    if (batch < kSweepBatch) return removed;
  }
}

Result<std::vector<model::Example>> PostgresStore::ListExamples() {
  std::vector<model::Example> out;
  Status status = WithConnection(false, [&](PgConnection& conn) -> Status {
    RC_ASSIGN_OR_RETURN(PgResult r, conn.Run("list_examples",
                                             "SELECT id, name, kind FROM examples"
                                             " ORDER BY id COLLATE \"C\"",
                                             {}));
    out.clear();
    for (int row = 0; row < r.rows(); ++row) {
      out.push_back({r.Text(row, 0), r.Text(row, 1), r.Text(row, 2), ""});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<model::Example> PostgresStore::GetExample(std::string_view id) {
  model::Example out;
  Status status = WithConnection(false, [&](PgConnection& conn) -> Status {
    RC_ASSIGN_OR_RETURN(
        PgResult r,
        conn.Run("get_example", "SELECT id, name, kind, content FROM examples WHERE id = $1",
                 {std::string(id)}));
    if (r.rows() == 0) return NotFoundError("example not found");
    out = {r.Text(0, 0), r.Text(0, 1), r.Text(0, 2), r.Text(0, 3)};
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Status PostgresStore::PutExample(const model::Example& example) {
  return WithConnection(true, [&](PgConnection& conn) -> Status {
    return conn
        .Run("put_example",
             "INSERT INTO examples (id, name, kind, content) VALUES ($1, $2, $3, $4)"
             " ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
             " content = excluded.content",
             {example.id, example.name, example.kind, example.content})
        .status();
  });
}

Status PostgresStore::RemoveExample(std::string_view id) {
  return WithConnection(true, [&](PgConnection& conn) -> Status {
    RC_ASSIGN_OR_RETURN(PgResult r, conn.Run("remove_example", "DELETE FROM examples WHERE id = $1",
                                             {std::string(id)}));
    if (r.affected() == 0) return NotFoundError("example not found");
    return Status::Ok();
  });
}

Result<int> PostgresStore::SchemaVersion() {
  int version = 0;
  Status status = WithConnection(false, [&](PgConnection& conn) -> Status {
    RC_ASSIGN_OR_RETURN(PgResult r,
                        conn.Exec("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
    version = static_cast<int>(r.Int(0, 0));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return version;
}

}  // namespace rc::storage

// SQLite migrations. Each string is applied once, in order, and recorded in schema_version.
#include "storage/sqlite/schema.h"

#include <string>

namespace rc::storage::sqlite {
namespace {

constexpr const char* kMigrationList[] = {
    // 1: sessions, chat turns (one row per turn), examples.
    R"sql(
CREATE TABLE sessions (
  id                TEXT    NOT NULL PRIMARY KEY,
  resume            TEXT    NOT NULL,
  job_description   TEXT    NOT NULL,
  report_json       TEXT    NOT NULL,
  analysis_markdown TEXT    NOT NULL,
  created_at_ms     INTEGER NOT NULL,
  updated_at_ms     INTEGER NOT NULL
);
CREATE INDEX sessions_by_updated_at ON sessions (updated_at_ms);
CREATE TABLE chat_turns (
  session_id    TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,
  role          TEXT    NOT NULL,
  content       TEXT    NOT NULL,
  mode          TEXT    NOT NULL,
  complete      INTEGER NOT NULL CHECK (complete IN (0, 1)),
  created_at_ms INTEGER NOT NULL,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
CREATE TABLE examples (
  id      TEXT NOT NULL PRIMARY KEY,
  name    TEXT NOT NULL,
  kind    TEXT NOT NULL,
  content TEXT NOT NULL
);
)sql",
    // 2: who wrote the analysis ("builtin" or "llm"); rows written before it are built-in.
    R"sql(
ALTER TABLE sessions ADD COLUMN analysis_mode TEXT NOT NULL DEFAULT 'builtin';
)sql",
    // 3: why the analysis came from the built-in coach in LLM mode; rows before it say nothing.
    R"sql(
ALTER TABLE sessions ADD COLUMN analysis_notice TEXT NOT NULL DEFAULT '';
)sql",
};

}  // namespace

std::span<const char* const> Migrations() { return kMigrationList; }

Result<int> CurrentVersion(Connection& conn) {
  RC_ASSIGN_OR_RETURN(Statement stmt,
                      conn.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
  RC_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return 0;
  return static_cast<int>(stmt.ColumnInt(0));
}

Status Migrate(Connection& conn) {
  RC_RETURN_IF_ERROR(conn.Exec("BEGIN IMMEDIATE"));
  auto apply = [&]() -> Status {
    RC_RETURN_IF_ERROR(
        conn.Exec("CREATE TABLE IF NOT EXISTS schema_version ("
                  " version INTEGER NOT NULL PRIMARY KEY,"
                  " applied_at_ms INTEGER NOT NULL)"));
    RC_ASSIGN_OR_RETURN(int current, CurrentVersion(conn));
    const auto migrations = Migrations();
    if (current > static_cast<int>(migrations.size())) {
      return FailedPreconditionError("database schema version " + std::to_string(current) +
                                     " is newer than this build supports (" +
                                     std::to_string(migrations.size()) + ")");
    }
    for (int v = current + 1; v <= static_cast<int>(migrations.size()); ++v) {
      RC_RETURN_IF_ERROR(conn.Exec(migrations[static_cast<std::size_t>(v - 1)]));
      RC_ASSIGN_OR_RETURN(Statement record,
                          conn.Prepare("INSERT INTO schema_version (version, applied_at_ms)"
                                       " VALUES (?1, unixepoch() * 1000)"));
      RC_RETURN_IF_ERROR(record.Bind(1, std::int64_t{v}).Run());
    }
    return Status::Ok();
  };
  Status status = apply();
  if (!status.ok()) {
    (void)conn.Exec("ROLLBACK");
    return status;
  }
  return conn.Exec("COMMIT");
}

}  // namespace rc::storage::sqlite

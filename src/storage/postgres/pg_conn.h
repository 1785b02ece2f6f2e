// Thin RAII wrappers over libpq used by PostgresStore: results, connections with lazily
// prepared statements, and the mapping from libpq/SQLSTATE errors to Status.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/status.h"

namespace rc::storage::pg {

// Owns a PGresult. Values are read as text (the wire format used for every statement).
class PgResult {
 public:
  explicit PgResult(PGresult* res) : res_(res) {}
  int rows() const { return PQntuples(res_.get()); }
  std::string Text(int row, int column) const;
  std::int64_t Int(int row, int column) const;
  bool Bool(int row, int column) const;
  bool IsNull(int row, int column) const { return PQgetisnull(res_.get(), row, column) != 0; }
  // Rows touched by INSERT/UPDATE/DELETE.
  int affected() const;

 private:
  struct Free {
    void operator()(PGresult* r) const { PQclear(r); }
  };
  std::unique_ptr<PGresult, Free> res_;
};

// A statement parameter: text, or SQL NULL when empty optional.
using Param = std::optional<std::string>;

// One libpq connection. Used by one thread at a time (PostgresStore's pool guarantees it).
class PgConnection {
 public:
  // Connects to `url` (a postgresql:// URL or key=value string), sets search_path to
  // `schema` and statement_timeout (0 = none). Unavailable when the server cannot be reached.
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& url,
                                                    const std::string& schema,
                                                    int connect_timeout_s,
                                                    const std::string& application_name,
                                                    int statement_timeout_ms = 0);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs SQL without parameters (BEGIN, COMMIT, DDL).
  Result<PgResult> Exec(const std::string& sql);
  // Runs a statement with $1..$n text parameters, preparing it on this connection on first use
  // under `name` (one name per distinct SQL text). InvalidArgument, before sending anything,
  // when a parameter contains a NUL character (PostgreSQL text cannot hold one).
  Result<PgResult> Run(const char* name, const char* sql, const std::vector<Param>& params);

  // True once the connection is unusable (the server went away); the pool then drops it.
  bool broken() const { return PQstatus(conn_.get()) != CONNECTION_OK; }
  // True while a transaction is open or aborted on this connection.
  bool in_transaction() const { return PQtransactionStatus(conn_.get()) != PQTRANS_IDLE; }
  // How many commands completed on this connection; used to tell whether anything was sent
  // successfully before a failure.
  std::int64_t commands_ok() const { return commands_ok_; }

 private:
  struct Finish {
    void operator()(PGconn* c) const { PQfinish(c); }
  };
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  Result<PgResult> Check(PGresult* res, std::string_view what);

  std::unique_ptr<PGconn, Finish> conn_;
  std::unordered_set<std::string> prepared_;
  std::int64_t commands_ok_ = 0;
};

// SQLSTATE of a failed statement carried in Status messages, e.g. "23505". Empty if none.
inline constexpr std::string_view kUniqueViolation = "23505";

// True when `status` came from a lost or refused connection (safe to retry on a new one if
// nothing had been sent yet).
bool IsConnectionError(const Status& status);

}  // namespace rc::storage::pg

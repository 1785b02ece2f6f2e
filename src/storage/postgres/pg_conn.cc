// libpq wrappers: connecting, lazily prepared statements, error mapping.
#include "storage/postgres/pg_conn.h"

#include <charconv>
#include <utility>

namespace rc::storage::pg {
namespace {

constexpr std::string_view kUnavailablePrefix = "postgres unavailable: ";

// libpq messages end with a newline and may span lines; keep the first line only.
std::string FirstLine(const char* message) {
  std::string s = message != nullptr ? message : "";
  const auto eol = s.find('\n');
  if (eol != std::string::npos) s.resize(eol);
  return s;
}

// Keeps libpq's reason but not where it tried to connect: callers may show the message to
// clients, and addresses of internal hosts are not theirs to see.
Status Unavailable(const std::string& detail) {
  constexpr std::string_view kFailed = "failed: ";
  const auto at = detail.rfind(kFailed);
  const std::string reason = at == std::string::npos ? detail : detail.substr(at + kFailed.size());
  return UnavailableError(std::string(kUnavailablePrefix) + reason);
}

}  // namespace

std::string PgResult::Text(int row, int column) const {
  const char* v = PQgetvalue(res_.get(), row, column);
  const int n = PQgetlength(res_.get(), row, column);
  return std::string(v, static_cast<std::size_t>(n));
}

std::int64_t PgResult::Int(int row, int column) const {
  const char* v = PQgetvalue(res_.get(), row, column);
  const int n = PQgetlength(res_.get(), row, column);
  std::int64_t out = 0;
  std::from_chars(v, v + n, out);
  return out;
}

bool PgResult::Bool(int row, int column) const {
  const char* v = PQgetvalue(res_.get(), row, column);
  return v != nullptr && v[0] == 't';
}

int PgResult::affected() const {
  const char* v = PQcmdTuples(res_.get());
  int out = 0;
  if (v != nullptr) std::from_chars(v, v + std::char_traits<char>::length(v), out);
  return out;
}

bool IsConnectionError(const Status& status) {
  return status.code() == StatusCode::kUnavailable &&
         std::string_view(status.message()).starts_with(kUnavailablePrefix);
}

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& url,
                                                         const std::string& schema,
                                                         int connect_timeout_s,
                                                         const std::string& application_name,
                                                         int statement_timeout_ms) {
  const std::string timeout = std::to_string(connect_timeout_s);
  // Later entries override earlier ones, so the URL's own settings win over these defaults.
  // TCP keepalives notice a peer that vanished without closing the connection (host down,
  // network partition) within about 25 s instead of the kernel's two hours.
  const char* keys[] = {"connect_timeout",     "application_name", "keepalives", "keepalives_idle",
                        "keepalives_interval", "keepalives_count", "dbname",     nullptr};
  const char* values[] = {
      timeout.c_str(), application_name.c_str(), "1", "10", "5", "3", url.c_str(), nullptr};
  PGconn* raw = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  std::unique_ptr<PgConnection> conn(new PgConnection(raw));
  if (raw == nullptr) return Unavailable("out of memory");
  if (PQstatus(raw) != CONNECTION_OK) return Unavailable(FirstLine(PQerrorMessage(raw)));
  // libpq prints server notices ("schema ... already exists, skipping") to stderr by default;
  // they are expected and not worth a log line.
  PQsetNoticeProcessor(
      raw, [](void*, const char*) {}, nullptr);
  // The schema name is validated by the caller (letters, digits, underscore).
  RC_ASSIGN_OR_RETURN(
      PgResult ignored,
      conn->Exec("SET search_path TO " + schema + "; SET TIME ZONE 'UTC';" +
                 " SET statement_timeout = " + std::to_string(statement_timeout_ms)));
  (void)ignored;
  return conn;
}

Result<PgResult> PgConnection::Check(PGresult* res, std::string_view what) {
  PgResult result(res);
  const ExecStatusType st = res != nullptr ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
    ++commands_ok_;
    return result;
  }
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state != nullptr ? state : "";
  const std::string detail =
      FirstLine(res != nullptr ? PQresultErrorMessage(res) : PQerrorMessage(conn_.get()));
  // Lost connection (no SQLSTATE, or class 08), server shutting down or starting (57P0x).
  if (broken() || sqlstate.empty() || sqlstate.starts_with("08") || sqlstate.starts_with("57P")) {
    return Unavailable(detail.empty() ? "connection lost" : detail);
  }
  std::string message = "postgres " + std::string(what) + " [" + sqlstate + "]: " + detail;
  if (sqlstate == kUniqueViolation) return AlreadyExistsError(std::move(message));
  // statement_timeout fired (a stuck lock or an overloaded server).
  if (sqlstate == "57014") return DeadlineExceededError(std::move(message));
  // Serialization failure, deadlock, lock timeout: transient.
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
    return UnavailableError(std::move(message));
  }
  // Bad input the database refused (e.g. invalid UTF-8, NUL in text).
  if (sqlstate.starts_with("22")) return InvalidArgumentError(std::move(message));
  return InternalError(std::move(message));
}

Result<PgResult> PgConnection::Exec(const std::string& sql) {
  return Check(PQexec(conn_.get(), sql.c_str()), "exec");
}

Result<PgResult> PgConnection::Run(const char* name, const char* sql,
                                   const std::vector<Param>& params) {
  if (!prepared_.contains(name)) {
    RC_ASSIGN_OR_RETURN(PgResult ignored,
                        Check(PQprepare(conn_.get(), name, sql, 0, nullptr), "prepare"));
    (void)ignored;
    prepared_.insert(name);
  }
  // Text parameters travel as C strings; a NUL would silently cut the value short.
  for (const auto& p : params) {
    if (p && p->find('\0') != std::string::npos) {
      return InvalidArgumentError("text for postgres contains a NUL character");
    }
  }
  std::vector<const char*> values;
  std::vector<int> lengths;
  values.reserve(params.size());
  lengths.reserve(params.size());
  for (const auto& p : params) {
    values.push_back(p ? p->data() : nullptr);
    lengths.push_back(p ? static_cast<int>(p->size()) : 0);
  }
  return Check(PQexecPrepared(conn_.get(), name, static_cast<int>(params.size()), values.data(),
                              lengths.data(), nullptr, 0),
               name);
}

}  // namespace rc::storage::pg

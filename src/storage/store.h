// Store: the persistence interface for sessions and examples. Backends: MemoryStore (tests),
// SqliteStore (embedded default), PostgresStore (multi-instance). All pass store_contract_test.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/session.h"

namespace rc::storage {

// TTL semantics shared by every backend: a session is readable while
// now < updated_at_ms + ttl; from that instant on every call treats it as NotFound, whether or
// not DeleteExpired() has removed it yet. Unknown and expired ids give the same NotFound
// message ("session not found"). Only writes (CreateSession, AppendChat) move updated_at_ms;
// reads never extend a session. "now" comes from one clock per backend: the injected Clock for
// MemoryStore and SqliteStore, the database server's clock for PostgresStore, so instances with
// skewed wall clocks still agree on expiry.
//
// Chat turns: a turn whose created_at_ms is 0 is stamped with the store's now when written;
// other values are kept as given.
//
// Thread-safety: every method may be called concurrently from many threads. Every write is one
// transaction: it happens completely or not at all. Backend failures are returned, never
// thrown: Unavailable when the database is unreachable, busy or out of disk (worth retrying),
// DeadlineExceeded when a statement ran into the backend's time limit, Internal otherwise.
// Text is stored byte-exact; callers pass valid UTF-8 (PostgresStore refuses NUL characters
// and invalid UTF-8 with InvalidArgument, as PostgreSQL text cannot hold them).
class Store {
 public:
  virtual ~Store() = default;

  // A short backend name for /health and logs: "memory", "sqlite", "postgres".
  virtual std::string_view Name() const = 0;

  // Ok when the backend can serve requests; Unavailable otherwise (used by /health).
  virtual Status Ping() = 0;

  // Inserts a new session. created_at_ms/updated_at_ms are set by the store from its clock,
  // `session.chat` is stored as given. AlreadyExists when a live session has this id; the id of
  // an expired session may be reused (the old data is removed first).
  virtual Status CreateSession(const model::Session& session) = 0;

  // The session with its chat, oldest turn first. NotFound when unknown or expired.
  virtual Result<model::Session> GetSession(std::string_view id) = 0;

  // Appends `turns` (typically a question and its answer) at the end of the chat, atomically,
  // and sets updated_at_ms to now. Concurrent appends on one session are all kept, each batch
  // contiguous. NotFound when unknown or expired (nothing is written then).
  virtual Status AppendChat(std::string_view id, const std::vector<model::ChatTurn>& turns) = 0;

  // Deletes the session and all its data. NotFound when unknown or expired.
  virtual Status DeleteSession(std::string_view id) = 0;

  // Removes every expired session; returns how many were removed.
  virtual Result<int> DeleteExpired() = 0;

  // Examples, ordered by id. Content is included only by GetExample.
  virtual Result<std::vector<model::Example>> ListExamples() = 0;
  virtual Result<model::Example> GetExample(std::string_view id) = 0;
  // Inserts or replaces the example with this id.
  virtual Status PutExample(const model::Example& example) = 0;
  // NotFound when there is no such example.
  virtual Status RemoveExample(std::string_view id) = 0;
};

inline constexpr std::int64_t kDefaultSessionTtlMs = 24LL * 60 * 60 * 1000;

}  // namespace rc::storage

// MemoryStore: maps under one mutex, expiry checked on every access.
#include "storage/memory_store.h"

#include <utility>

namespace rc::storage {
namespace {

Status SessionNotFound() { return NotFoundError("session not found"); }

}  // namespace

MemoryStore::MemoryStore(const Clock& clock, std::int64_t ttl_ms)
    : clock_(clock), ttl_ms_(ttl_ms) {}

bool MemoryStore::Live(const model::Session& s, std::int64_t now) const {
  return now < s.updated_at_ms + ttl_ms_;
}

Status MemoryStore::CreateSession(const model::Session& session) {
  const std::int64_t now = clock_.NowMillis();
  std::lock_guard lock(mu_);
  auto it = sessions_.find(session.id);
  if (it != sessions_.end()) {
    if (Live(it->second, now)) return AlreadyExistsError("session already exists");
    sessions_.erase(it);
  }
  model::Session stored = session;
  stored.created_at_ms = now;
  stored.updated_at_ms = now;
  for (auto& turn : stored.chat) {
    if (turn.created_at_ms == 0) turn.created_at_ms = now;
  }
  sessions_.emplace(stored.id, std::move(stored));
  return Status::Ok();
}

Result<model::Session> MemoryStore::GetSession(std::string_view id) {
  const std::int64_t now = clock_.NowMillis();
  std::lock_guard lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end() || !Live(it->second, now)) return SessionNotFound();
  return it->second;
}

Status MemoryStore::AppendChat(std::string_view id, const std::vector<model::ChatTurn>& turns) {
  const std::int64_t now = clock_.NowMillis();
  std::lock_guard lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end() || !Live(it->second, now)) return SessionNotFound();
  for (model::ChatTurn turn : turns) {
    if (turn.created_at_ms == 0) turn.created_at_ms = now;
    it->second.chat.push_back(std::move(turn));
  }
  it->second.updated_at_ms = now;
  return Status::Ok();
}

Status MemoryStore::DeleteSession(std::string_view id) {
  const std::int64_t now = clock_.NowMillis();
  std::lock_guard lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end() || !Live(it->second, now)) return SessionNotFound();
  sessions_.erase(it);
  return Status::Ok();
}

Result<int> MemoryStore::DeleteExpired() {
  const std::int64_t now = clock_.NowMillis();
  std::lock_guard lock(mu_);
  int removed = 0;
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (Live(it->second, now)) {
      ++it;
    } else {
      it = sessions_.erase(it);
      ++removed;
    }
  }
  return removed;
}

Result<std::vector<model::Example>> MemoryStore::ListExamples() {
  std::lock_guard lock(mu_);
  std::vector<model::Example> out;
  out.reserve(examples_.size());
  for (const auto& [id, example] : examples_) {
    out.push_back({example.id, example.name, example.kind, ""});
  }
  return out;
}

Result<model::Example> MemoryStore::GetExample(std::string_view id) {
  std::lock_guard lock(mu_);
  auto it = examples_.find(id);
  if (it == examples_.end()) return NotFoundError("example not found");
  return it->second;
}

Status MemoryStore::PutExample(const model::Example& example) {
  std::lock_guard lock(mu_);
  examples_.insert_or_assign(example.id, example);
  return Status::Ok();
}

Status MemoryStore::RemoveExample(std::string_view id) {
  std::lock_guard lock(mu_);
  auto it = examples_.find(id);
  if (it == examples_.end()) return NotFoundError("example not found");
  examples_.erase(it);
  return Status::Ok();
}

}  // namespace rc::storage

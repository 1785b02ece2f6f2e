// MemoryStore: an in-process Store for tests and for running without a database file.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "storage/store.h"

namespace rc::storage {

// Keeps sessions and examples in maps guarded by one mutex. Follows the Store contract exactly,
// with expiry decided by the injected clock. Thread-safe. Nothing survives destruction.
class MemoryStore final : public Store {
 public:
  // `clock` must outlive the store. `ttl_ms` is the sliding session lifetime.
  explicit MemoryStore(const Clock& clock, std::int64_t ttl_ms = kDefaultSessionTtlMs);

  std::string_view Name() const override { return "memory"; }
  Status Ping() override { return Status::Ok(); }
  Status CreateSession(const model::Session& session) override;
  Result<model::Session> GetSession(std::string_view id) override;
  Status AppendChat(std::string_view id, const std::vector<model::ChatTurn>& turns) override;
  Status DeleteSession(std::string_view id) override;
  Result<int> DeleteExpired() override;
  Result<std::vector<model::Example>> ListExamples() override;
  Result<model::Example> GetExample(std::string_view id) override;
  Status PutExample(const model::Example& example) override;
  Status RemoveExample(std::string_view id) override;

 private:
  bool Live(const model::Session& s, std::int64_t now) const;

  const Clock& clock_;
  const std::int64_t ttl_ms_;
  std::mutex mu_;
  std::map<std::string, model::Session, std::less<>> sessions_;
  std::map<std::string, model::Example, std::less<>> examples_;
};

}  // namespace rc::storage

// SessionService: read and delete ("forget me") a coaching session.
#pragma once

#include <string_view>

#include "base/status.h"
#include "model/session.h"
#include "storage/store.h"

namespace rc::service {

// Thin use cases over Store with the id shape checked first. Blocking; thread-safe.
class SessionService {
 public:
  SessionService(storage::Store& store, std::int64_t ttl_ms) : store_(store), ttl_ms_(ttl_ms) {}

  // The session; NotFound ("session not found") when unknown, expired or malformed.
  Result<model::Session> Get(std::string_view id);
  // Deletes the session and all its data; NotFound as for Get.
  Status Delete(std::string_view id);
  // When a session last updated at `updated_at_ms` stops being readable.
  std::int64_t ExpiresAt(std::int64_t updated_at_ms) const { return updated_at_ms + ttl_ms_; }

 private:
  storage::Store& store_;
  std::int64_t ttl_ms_;
};

}  // namespace rc::service

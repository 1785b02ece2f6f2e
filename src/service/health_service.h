// HealthService: what /health reports about the backends.
#pragma once

#include <string>

#include "service/chat_responder.h"
#include "storage/store.h"

namespace rc::service {

struct Health {
  bool ok = false;      // false when storage cannot serve requests
  std::string storage;  // "sqlite", "postgres", "memory"
  std::string llm;      // "builtin" or "llm"
};

// Thread-safe; borrows its collaborators.
class HealthService {
 public:
  HealthService(storage::Store& store, const ChatResponder& responder)
      : store_(store), responder_(responder) {}

  // Pings storage (blocking; call from a worker thread).
  Health Check() {
    Health h;
    h.ok = store_.Ping().ok();
    h.storage = std::string(store_.Name());
    h.llm = std::string(responder_.Mode());
    return h;
  }

 private:
  storage::Store& store_;
  const ChatResponder& responder_;
};

}  // namespace rc::service

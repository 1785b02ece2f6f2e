// HealthService: what /health reports about the backends.
#pragma once

#include <string>
#include <utility>

#include "storage/store.h"

namespace rc::service {

struct Health {
  bool ok = false;      // false when storage cannot serve requests
  std::string storage;  // "sqlite", "postgres", "memory"
  std::string llm;      // "builtin" or "llm"
  std::string model;    // the LLM's model name in LLM mode, else ""
};

// Thread-safe; borrows the store.
class HealthService {
 public:
  // `llm_mode` is "builtin" or "llm"; `model` the model name in LLM mode.
  explicit HealthService(storage::Store& store, std::string llm_mode = "builtin",
                         std::string model = "")
      : store_(store), llm_(std::move(llm_mode)), model_(std::move(model)) {}

  // Pings storage (blocking; call from a worker thread).
  Health Check() {
    Health h;
    h.ok = store_.Ping().ok();
    h.storage = std::string(store_.Name());
    h.llm = llm_;
    h.model = model_;
    return h;
  }

 private:
  storage::Store& store_;
  const std::string llm_;
  const std::string model_;
};

}  // namespace rc::service

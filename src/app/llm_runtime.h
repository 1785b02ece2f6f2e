// LlmRuntime: LLM mode's moving parts for `serve` — the event loop the OpenAI-compatible client
// streams on (one thread for all streams), the client, and the service's LlmCoach.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/config.h"
#include "base/clock.h"
#include "base/status.h"
#include "engine/taxonomy/taxonomy.h"
#include "llm/config.h"
#include "service/llm_coach.h"

namespace rc::app {

class LlmRuntime {
 public:
  // Starts the client's thread. InvalidArgument when the client cannot be created (e.g. an
  // unreadable CA file). `config` must be enabled. `taxonomy` supplies aliases for grounding.
  static Result<std::unique_ptr<LlmRuntime>> Start(const llm::LlmConfig& config,
                                                   const ServeConfig& serve, const Clock& clock,
                                                   std::shared_ptr<const engine::Taxonomy> taxonomy,
                                                   std::function<void(const std::string&)> log);
  // Stops the event loop (streams still running are dropped) and joins its thread. Destroy it
  // while the services that use coach() still exist: dropped streams refer to them.
  ~LlmRuntime();

  service::LlmCoach& coach();
  std::string_view model() const;

  struct Impl;

 private:
  explicit LlmRuntime(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rc::app

// LlmRuntime: LLM mode's moving parts for `serve` — the OpenAI-compatible client and the
// service's LlmCoach. The client's streams run as coroutines on the HTTP server's event loops
// (bound with Bind() once the server exists), each on the loop of the connection that asked, so
// relaying a token to the browser never crosses threads and no thread is created per stream.
#pragma once

#include <boost/asio/any_io_executor.hpp>
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
  // The coach over a client that is not bound yet. `config` must be enabled. `taxonomy`
  // supplies aliases for grounding.
  static std::unique_ptr<LlmRuntime> Create(const llm::LlmConfig& config, const ServeConfig& serve,
                                            const Clock& clock,
                                            std::shared_ptr<const engine::Taxonomy> taxonomy,
                                            std::function<void(const std::string&)> log);
  ~LlmRuntime();

  // Creates the client; each stream runs on the executor `executor_for_call` returns when it
  // starts, which must be a single-threaded event loop (see OpenAiClient::CreateOnEventLoops).
  // InvalidArgument when it cannot be created (e.g. an unreadable CA file). Call once, before any
  // request is served; until then a request for a stream fails as if the AI service were
  // unreachable. The runtime must outlive the event loop's pending work (destroy the server first).
  Status Bind(std::function<boost::asio::any_io_executor()> executor_for_call);

  service::LlmCoach& coach();
  std::string_view model() const;

  struct Impl;

 private:
  explicit LlmRuntime(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rc::app

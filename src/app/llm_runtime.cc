// LlmRuntime.
#include "app/llm_runtime.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <optional>
#include <thread>
#include <utility>

#include "llm/openai_client.h"

namespace rc::app {
namespace asio = boost::asio;

// Members are destroyed bottom-up: the event loop (and with it any stream still queued, whose
// destructor releases its admission) goes before the coach it refers to.
struct LlmRuntime::Impl {
  std::unique_ptr<service::LlmCoach> coach;
  asio::io_context ioc{1};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  std::unique_ptr<llm::OpenAiClient> client;
  std::thread thread;
};

Result<std::unique_ptr<LlmRuntime>> LlmRuntime::Start(
    const llm::LlmConfig& config, const ServeConfig& serve, const Clock& clock,
    std::shared_ptr<const engine::Taxonomy> taxonomy, std::function<void(const std::string&)> log) {
  auto impl = std::make_unique<Impl>();
  RC_ASSIGN_OR_RETURN(impl->client, llm::OpenAiClient::Create(impl->ioc.get_executor(), config));
  llm::RateLimitConfig limits;
  limits.per_session = {static_cast<double>(serve.llm_session_per_minute),
                        static_cast<double>(serve.llm_session_per_minute)};
  limits.per_ip = {static_cast<double>(serve.llm_ip_per_minute),
                   static_cast<double>(serve.llm_ip_per_minute)};
  service::LlmCoachOptions options;
  options.max_daily_tokens = serve.llm_daily_tokens;
  options.log = std::move(log);
  if (taxonomy != nullptr) {
    options.aliases = [taxonomy](std::string_view id) -> std::vector<std::string> {
      const engine::Skill* skill = taxonomy->FindById(id);
      return skill != nullptr ? skill->aliases : std::vector<std::string>{};
    };
  }
  impl->coach =
      std::make_unique<service::LlmCoach>(*impl->client, clock, limits, std::move(options));
  impl->guard.emplace(impl->ioc.get_executor());
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->ioc.run(); });
  return std::unique_ptr<LlmRuntime>(new LlmRuntime(std::move(impl)));
}

LlmRuntime::LlmRuntime(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LlmRuntime::~LlmRuntime() {
  impl_->guard.reset();
  impl_->ioc.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

service::LlmCoach& LlmRuntime::coach() { return *impl_->coach; }

std::string_view LlmRuntime::model() const { return impl_->client->Model(); }

}  // namespace rc::app

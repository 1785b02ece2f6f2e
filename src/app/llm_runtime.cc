// LlmRuntime.
#include "app/llm_runtime.h"

#include <utility>

#include "llm/openai_client.h"

namespace rc::app {
namespace {

// Forwards to the real client once it is bound; before that, answers every call as unreachable.
class BoundClient final : public llm::LlmClient {
 public:
  explicit BoundClient(std::string model) : model_(std::move(model)) {}

  void Bind(std::unique_ptr<llm::OpenAiClient> client) { client_ = std::move(client); }

  void StreamChat(llm::ChatRequest request, llm::TokenSink on_token, llm::DoneSink on_done,
                  llm::CancelToken cancel) override {
    if (client_ != nullptr) {
      client_->StreamChat(std::move(request), std::move(on_token), std::move(on_done),
                          std::move(cancel));
      return;
    }
    llm::ChatOutcome outcome;
    outcome.status = UnavailableError("the AI service is not ready yet");
    outcome.error = llm::LlmErrorKind::kUnreachable;
    if (on_done) on_done(std::move(outcome));
  }

  std::string_view Model() const override { return model_; }

 private:
  std::string model_;
  std::unique_ptr<llm::OpenAiClient> client_;
};

}  // namespace

struct LlmRuntime::Impl {
  llm::LlmConfig config;
  std::unique_ptr<BoundClient> client;
  std::unique_ptr<service::LlmCoach> coach;
};

std::unique_ptr<LlmRuntime> LlmRuntime::Create(const llm::LlmConfig& config,
                                               const ServeConfig& serve, const Clock& clock,
                                               std::shared_ptr<const engine::Taxonomy> taxonomy,
                                               std::function<void(const std::string&)> log) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  impl->client = std::make_unique<BoundClient>(config.model);
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
  return std::unique_ptr<LlmRuntime>(new LlmRuntime(std::move(impl)));
}

LlmRuntime::LlmRuntime(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LlmRuntime::~LlmRuntime() = default;

Status LlmRuntime::Bind(std::function<boost::asio::any_io_executor()> executor_for_call) {
  RC_ASSIGN_OR_RETURN(
      std::unique_ptr<llm::OpenAiClient> client,
      llm::OpenAiClient::CreateOnEventLoops(std::move(executor_for_call), impl_->config));
  impl_->client->Bind(std::move(client));
  return Status::Ok();
}

service::LlmCoach& LlmRuntime::coach() { return *impl_->coach; }

std::string_view LlmRuntime::model() const { return impl_->client->Model(); }

}  // namespace rc::app

// Streaming an answer and grounding it against the engine's report.
#include "llm/grounded_answer.h"

#include <future>
#include <memory>

#include "llm/output_checks.h"

namespace rc::llm {

void StreamGroundedAnswer(LlmClient& client, ChatRequest request,
                          std::vector<UnsupportedSkill> skills, TokenSink on_token,
                          std::function<void(GroundedAnswer)> on_done, CancelToken cancel) {
  client.StreamChat(
      std::move(request), std::move(on_token),
      [skills = std::move(skills), on_done = std::move(on_done)](ChatOutcome outcome) {
        GroundedAnswer answer;
        if (outcome.complete) {
          const std::string clean = RemoveMarkdownImages(outcome.text);
          answer.claims = FindUnsupportedClaims(clean, skills);
          answer.markdown = AnnotateClaims(clean, answer.claims);
        }
        answer.outcome = std::move(outcome);
        if (on_done) on_done(std::move(answer));
      },
      std::move(cancel));
}

GroundedAnswer CompleteGroundedAnswer(LlmClient& client, ChatRequest request,
                                      std::vector<UnsupportedSkill> skills, CancelToken cancel) {
  auto promise = std::make_shared<std::promise<GroundedAnswer>>();
  std::future<GroundedAnswer> result = promise->get_future();
  StreamGroundedAnswer(
      client, std::move(request), std::move(skills), nullptr,
      [promise](GroundedAnswer answer) { promise->set_value(std::move(answer)); },
      std::move(cancel));
  return result.get();
}

}  // namespace rc::llm

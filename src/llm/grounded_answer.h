// Grounded answers: stream a prompt through an LlmClient and check the finished answer against
// the engine's report, in one call, for the service and the server.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "llm/grounding.h"
#include "llm/llm_client.h"

namespace rc::llm {

// The finished call: the client's outcome, and for a complete answer the Markdown to show and
// store (the answer without Markdown images, with unsupported claims annotated) and the claims
// found.
struct GroundedAnswer {
  ChatOutcome outcome;
  std::string markdown;  // "" unless outcome.complete
  std::vector<FlaggedClaim> claims;
};

// Streams `request` through `client`; tokens go to `on_token` as they arrive; when the stream
// ends, a complete answer loses its images (RemoveMarkdownImages), is checked with
// FindUnsupportedClaims(text, skills) and annotated, then `on_done` runs once (on the client's
// executor). The analysis caller should also check MissingAnalysisSections(markdown).
void StreamGroundedAnswer(LlmClient& client, ChatRequest request,
                          std::vector<UnsupportedSkill> skills, TokenSink on_token,
                          std::function<void(GroundedAnswer)> on_done, CancelToken cancel);

// The same, blocking until the answer is finished. For worker threads only: calling it on a
// thread that runs the client's executor would wait forever.
GroundedAnswer CompleteGroundedAnswer(LlmClient& client, ChatRequest request,
                                      std::vector<UnsupportedSkill> skills,
                                      CancelToken cancel = nullptr);

}  // namespace rc::llm

// Prompt building: the engine's facts and the user's documents, in delimited untrusted blocks,
// rendered through the versioned templates in data/prompts/. Pure and deterministic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "llm/llm_client.h"
#include "model/report.h"
#include "model/session.h"

namespace rc::llm {

// Token budgets (estimated at ~4 bytes per token, see EstimateTokens).
struct PromptBudget {
  std::int64_t max_prompt_tokens = 12'000;  // the whole prompt; more is PayloadTooLarge
  std::int64_t max_history_tokens = 3'000;  // the chat history window
  int analysis_max_tokens = 1'000;          // max_tokens of the analysis request
  int chat_max_tokens = 700;                // max_tokens of a chat request
};

// A ready request plus what went into it, for logs and tests.
struct BuiltPrompt {
  ChatRequest request;
  std::string prompt_version;  // the template's version line, e.g. "analysis-v1"
  std::int64_t estimated_tokens = 0;
  int history_messages_sent = 0;
  int history_messages_dropped = 0;
};

// Makes untrusted text safe to place inside a delimited block: every "<<<" and ">>>" is broken
// up (so no delimiter can be forged), control characters other than tab and newline are dropped,
// and invisible format characters used to hide text (zero-width spaces, bidi overrides, BOM)
// are removed. Invalid UTF-8 bytes become U+FFFD.
std::string NeutralizeUntrusted(std::string_view text);

// The engine's report as plain text for the prompt: score and factors, each requirement with
// its status, evidence excerpts and explanation, the matched/missing/extra skills, the checks.
// Text that came from the documents (excerpts, names) is neutralised.
std::string FormatFacts(const model::Report& report);

// The analysis request (prompt "analysis.txt"). PayloadTooLarge when the estimated prompt
// exceeds budget.max_prompt_tokens (the message says by how much, so the user can shorten the
// documents); FailedPrecondition when the embedded template is broken.
Result<BuiltPrompt> BuildAnalysisPrompt(const model::Report& report, std::string_view resume,
                                        std::string_view job_description,
                                        const PromptBudget& budget);

// The chat request (prompt "chat.txt"): a system message with the facts and documents, then
// the newest history messages that fit budget.max_history_tokens (older ones are dropped, and
// the system message lists the last few dropped questions), then the question. Interrupted
// assistant answers are sent marked as interrupted. PayloadTooLarge as above.
Result<BuiltPrompt> BuildChatPrompt(const model::Report& report, std::string_view resume,
                                    std::string_view job_description,
                                    const std::vector<model::ChatTurn>& history,
                                    std::string_view question, const PromptBudget& budget);

// The first `max_bytes` of `text`, cut back to a UTF-8 character boundary.
std::string_view TruncateUtf8(std::string_view text, std::size_t max_bytes);

}  // namespace rc::llm

// ChatService: the "ask a follow-up question about a session" use case.
#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "service/analyst.h"
#include "service/chat_responder.h"
#include "service/limits.h"
#include "storage/store.h"

namespace rc::service {

struct AskResult {
  std::string answer;  // Markdown
  std::string mode;    // "builtin" or "llm"
};

// Loads the session, recomputes its report with the (deterministic) analyst, asks the
// responder, and appends the question and the answer to the chat in one atomic write.
// Blocking: call it from a worker thread. Thread-safe; borrows its collaborators.
class ChatService {
 public:
  ChatService(storage::Store& store, const Analyst& analyst, const ChatResponder& responder,
              const Clock& clock, Limits limits)
      : store_(store), analyst_(analyst), responder_(responder), clock_(clock), limits_(limits) {}

  // NotFound ("session not found") for unknown or expired ids; InvalidArgument or
  // PayloadTooLarge naming "question" for a bad question. Nothing is stored on error.
  Result<AskResult> Ask(std::string_view session_id, std::string_view question);

 private:
  storage::Store& store_;
  const Analyst& analyst_;
  const ChatResponder& responder_;
  const Clock& clock_;
  Limits limits_;
};

}  // namespace rc::service

// ChatResponder: the seam that answers a follow-up question about a session.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/report.h"
#include "model/session.h"

namespace rc::service {

// Everything a responder may ground its answer in. Pointers are borrowed for the call.
struct ChatContext {
  std::string_view resume;
  std::string_view job_description;
  const model::Report* report = nullptr;
  const std::vector<model::ChatTurn>* history = nullptr;  // oldest first, before this question
  std::string_view question;
};

struct ChatReply {
  std::string markdown;
  std::string mode;  // "builtin" for the built-in coach, "llm" once an LLM responder exists
};

// Answers one question. The built-in coach (BuiltinResponder) is the one implementation now;
// an LLM-backed responder plugs in here later. Implementations are thread-safe.
class ChatResponder {
 public:
  virtual ~ChatResponder() = default;
  virtual Result<ChatReply> Answer(const ChatContext& context) const = 0;
  // "builtin" or "llm", for /health.
  virtual std::string_view Mode() const = 0;
};

}  // namespace rc::service

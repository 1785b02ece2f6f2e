// BuiltinResponder: the ChatResponder backed by the offline coach.
#pragma once

#include <memory>

#include "engine/coach/coach.h"
#include "service/chat_responder.h"

namespace rc::service {

// Answers with rc::engine::Coach; mode "builtin". Thread-safe.
class BuiltinResponder final : public ChatResponder {
 public:
  explicit BuiltinResponder(std::shared_ptr<const engine::Taxonomy> taxonomy)
      : coach_(std::move(taxonomy)) {}
  Result<ChatReply> Answer(const ChatContext& context) const override;
  std::string_view Mode() const override { return "builtin"; }

 private:
  engine::Coach coach_;
};

}  // namespace rc::service

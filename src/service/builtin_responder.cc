// BuiltinResponder.
#include "service/builtin_responder.h"

namespace rc::service {

Result<ChatReply> BuiltinResponder::Answer(const ChatContext& context) const {
  engine::CoachInput input;
  input.resume = context.resume;
  input.job_description = context.job_description;
  input.report = context.report;
  input.history = context.history;
  input.question = context.question;
  engine::CoachAnswer answer = coach_.Answer(input);
  return ChatReply{std::move(answer.markdown), "builtin"};
}

}  // namespace rc::service

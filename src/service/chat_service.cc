// ChatService.
#include "service/chat_service.h"

#include <utility>
#include <vector>

#include "service/session_id.h"
#include "service/validation.h"

namespace rc::service {

Result<AskResult> ChatService::Ask(std::string_view session_id, std::string_view question) {
  RC_RETURN_IF_ERROR(ValidateText("question", question, limits_.max_question_chars));
  if (!LooksLikeSessionId(session_id)) return NotFoundError("session not found");
  RC_ASSIGN_OR_RETURN(model::Session session, store_.GetSession(session_id));
  RC_ASSIGN_OR_RETURN(AnalysisOutput analysis,
                      analyst_.Analyze(session.resume, session.job_description));

  ChatContext context;
  context.resume = session.resume;
  context.job_description = session.job_description;
  context.report = &analysis.report;
  context.history = &session.chat;
  context.question = question;
  RC_ASSIGN_OR_RETURN(ChatReply reply, responder_.Answer(context));

  const std::int64_t now = clock_.NowMillis();
  std::vector<model::ChatTurn> turns(2);
  turns[0].role = "user";
  turns[0].content = std::string(question);
  turns[0].created_at_ms = now;
  turns[1].role = "assistant";
  turns[1].content = reply.markdown;
  turns[1].mode = reply.mode;
  turns[1].created_at_ms = now;
  RC_RETURN_IF_ERROR(store_.AppendChat(session_id, turns));
  return AskResult{std::move(reply.markdown), std::move(reply.mode)};
}

}  // namespace rc::service

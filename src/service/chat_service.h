// ChatService: the "ask a follow-up question about a session" use case, answered by the built-in
// coach or, in LLM mode, by the LLM with the built-in coach as the fallback.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "service/analyst.h"
#include "service/answer_stream.h"
#include "service/chat_responder.h"
#include "service/limits.h"
#include "service/llm_coach.h"
#include "service/report_cache.h"
#include "storage/store.h"

namespace rc::service {

struct AskResult {
  std::string answer;  // Markdown
  std::string mode;    // "builtin" or "llm"
  std::string notice;  // "" or why the built-in coach answered in LLM mode
};

// Loads the session, asks the LLM (when `llm` is given) or the built-in responder, and appends
// the question and the answer to the chat in one atomic write. The report an answer uses is the
// one the user saw, decoded from the session's report_json (codec::ReportFromJson); only when
// that is empty or does not decode (a session stored by an older version) is it recomputed with
// the (deterministic) analyst. With a `cache`, the decoded (or recomputed) report is kept there
// and reused by the session's next questions; the session is always loaded from the store first,
// so an unknown or expired session is NotFound whatever the cache holds. Thread-safe; borrows its
// collaborators, which must outlive it and every stream it returned.
//
// In LLM mode every request is admitted by LlmCoach::Admit first: a refused request gets
// ResourceExhausted (429) with a retry time. Any LLM failure before an answer reached the user
// makes the built-in coach answer, with a notice. A prompt over the budget is not truncated: the
// built-in coach answers, and the notice says so.
class ChatService {
 public:
  ChatService(storage::Store& store, const Analyst& analyst, const ChatResponder& builtin,
              const Clock& clock, Limits limits, LlmCoach* llm = nullptr,
              ReportCache* cache = nullptr)
      : store_(store),
        analyst_(analyst),
        builtin_(builtin),
        clock_(clock),
        limits_(limits),
        llm_(llm),
        cache_(cache) {}

  // Blocking: call it from a worker thread. NotFound ("session not found") for unknown or
  // expired ids; InvalidArgument or PayloadTooLarge naming "question" for a bad question;
  // ResourceExhausted over the LLM request limits. Nothing is stored on error.
  Result<AskResult> Ask(std::string_view session_id, std::string_view question,
                        std::string_view client_ip = "");

  // The same checks, blocking (worker thread); then the answer is produced by the returned
  // stream. In built-in mode the answer is computed and saved here and the stream just
  // finishes. In LLM mode the answer is saved when it is complete; an answer interrupted after
  // some text reached the user (upstream failure, cancellation) is saved with complete=false.
  Result<std::shared_ptr<AnswerStream>> AskStream(std::string_view session_id,
                                                  std::string_view question,
                                                  std::string_view client_ip);

  // "llm" or "builtin".
  std::string_view Mode() const { return llm_ != nullptr ? "llm" : "builtin"; }

 private:
  struct Prepared;
  class LlmStream;

  Result<Prepared> Prepare(std::string_view session_id, std::string_view question);
  // The report of the loaded session `session_id`: cached, decoded from its report_json, or
  // recomputed by the analyst (whose errors it returns).
  Result<std::shared_ptr<const model::Report>> SessionReport(std::string_view session_id,
                                                             const model::Session& session);
  // In LLM mode, admits the request and builds the prompt (the caller then ends the admission
  // with LlmCoach::End). ResourceExhausted over the request limits; nullopt, with `notice`
  // saying why in LLM mode, when the built-in coach must answer.
  Result<std::optional<llm::BuiltPrompt>> AdmitLlm(const Prepared& prepared,
                                                   std::string_view client_ip, std::string& notice);
  Result<AskResult> BuiltinAnswer(const Prepared& prepared, std::string notice) const;
  Status Save(std::string_view session_id, std::string_view question, const AskResult& answer,
              bool complete);

  storage::Store& store_;
  const Analyst& analyst_;
  const ChatResponder& builtin_;
  const Clock& clock_;
  Limits limits_;
  LlmCoach* llm_;
  ReportCache* cache_;
};

}  // namespace rc::service

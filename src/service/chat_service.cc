// ChatService.
#include "service/chat_service.h"

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "codec/report_json.h"
#include "llm/grounded_answer.h"
#include "service/session_id.h"
#include "service/validation.h"

namespace rc::service {

struct ChatService::Prepared {
  std::string session_id;
  std::string question;
  model::Session session;
  // Shared with the report cache, never modified.
  std::shared_ptr<const model::Report> report;
};

// An LLM answer streamed to the sink, then saved (or replaced by the built-in coach's).
class ChatService::LlmStream final : public AnswerStream,
                                     public std::enable_shared_from_this<LlmStream> {
 public:
  LlmStream(ChatService& service, Prepared prepared, llm::BuiltPrompt prompt)
      : service_(service), prepared_(std::move(prepared)), prompt_(std::move(prompt)) {}
  // A stream dropped before it ran still releases its admission.
  ~LlmStream() override {
    if (!concluded_) service_.llm_->End(prepared_.session_id);
  }

  const std::string& report_json() const override { return empty_; }

  void Start(std::shared_ptr<StreamSink> sink) override {
    std::shared_ptr<LlmStream> self = shared_from_this();
    shown_ = sink->ShowsTokens();
    llm::TokenSink on_token;
    if (shown_) on_token = [sink](std::string_view text) { sink->Token(text); };
    llm::StreamGroundedAnswer(
        service_.llm_->client(), prompt_.request,
        service_.llm_->UnsupportedSkills(*prepared_.report), std::move(on_token),
        [self, sink](llm::GroundedAnswer answer) {
          sink->RunBlocking([self, sink, answer = std::move(answer)]() mutable {
            sink->Finish(self->Conclude(std::move(answer)));
          });
        },
        cancel_);
  }

  void Cancel() override { cancel_->Cancel(); }

 private:
  // Blocking: saves what is worth saving and says how the stream ended.
  StreamEnd Conclude(llm::GroundedAnswer answer) {
    LlmCoach& llm = *service_.llm_;
    const llm::ChatOutcome& outcome = answer.outcome;
    // Text the user saw; a transport that shows no tokens has shown none.
    const bool seen = shown_ && outcome.tokens_delivered;
    concluded_ = true;
    llm.End(prepared_.session_id);
    llm.Record("chat", outcome, prompt_.prompt_version, answer.claims.size());

    StreamEnd end;
    if (outcome.complete) {
      AskResult result{std::move(answer.markdown), "llm", ""};
      end.status = service_.Save(prepared_.session_id, prepared_.question, result, true);
      end.markdown = std::move(result.answer);
      end.mode = "llm";
      return end;
    }
    if (!seen && outcome.error != llm::LlmErrorKind::kCancelled) {
      Result<AskResult> fallback =
          service_.BuiltinAnswer(prepared_, FallbackNotice(outcome.status.message(), "answer"));
      if (!fallback.ok()) {
        end.status = fallback.status();
        return end;
      }
      end.status = service_.Save(prepared_.session_id, prepared_.question, *fallback, true);
      end.markdown = std::move(fallback->answer);
      end.mode = std::move(fallback->mode);
      end.notice = std::move(fallback->notice);
      return end;
    }
    // Interrupted: keep what the user saw, marked incomplete; nothing is replayed.
    end.status = outcome.status;
    end.cancelled = outcome.error == llm::LlmErrorKind::kCancelled;
    if (seen) {
      const AskResult partial{outcome.text, "llm", ""};
      end.partial = service_.Save(prepared_.session_id, prepared_.question, partial, false).ok();
    }
    return end;
  }

  ChatService& service_;
  Prepared prepared_;
  llm::BuiltPrompt prompt_;
  llm::CancelToken cancel_ = std::make_shared<llm::CancelSignal>();
  bool concluded_ = false;
  bool shown_ = true;  // the sink shows tokens to the user
  const std::string empty_;
};

Result<ChatService::Prepared> ChatService::Prepare(std::string_view session_id,
                                                   std::string_view question) {
  RC_RETURN_IF_ERROR(ValidateText("question", question, limits_.max_question_chars));
  if (!LooksLikeSessionId(session_id)) return NotFoundError("session not found");
  Prepared prepared;
  prepared.session_id = std::string(session_id);
  prepared.question = std::string(question);
  RC_ASSIGN_OR_RETURN(prepared.session, store_.GetSession(session_id));
  RC_ASSIGN_OR_RETURN(prepared.report, SessionReport(prepared.session_id, prepared.session));
  return prepared;
}

Result<std::shared_ptr<const model::Report>> ChatService::SessionReport(
    std::string_view session_id, const model::Session& session) {
  const std::string& report_json = session.report_json;
  if (cache_ != nullptr) {
    if (std::shared_ptr<const model::Report> cached = cache_->Find(session_id, report_json)) {
      return cached;
    }
  }
  // The report the user saw, as stored with the session. A session without one that decodes
  // (stored by an older version) has it recomputed from its inputs; the analyst is
  // deterministic, so the recomputed report may be cached under the stored report_json too.
  std::shared_ptr<const model::Report> report;
  if (!report_json.empty()) {
    Result<model::Report> stored = codec::ReportFromJson(report_json);
    if (stored.ok()) report = std::make_shared<const model::Report>(std::move(*stored));
  }
  if (report == nullptr) {
    RC_ASSIGN_OR_RETURN(AnalysisOutput recomputed,
                        analyst_.Analyze(session.resume, session.job_description));
    report = std::make_shared<const model::Report>(std::move(recomputed.report));
  }
  if (cache_ != nullptr) cache_->Put(session_id, report_json, report);
  return report;
}

Result<AskResult> ChatService::BuiltinAnswer(const Prepared& prepared, std::string notice) const {
  ChatContext context;
  context.resume = prepared.session.resume;
  context.job_description = prepared.session.job_description;
  context.report = prepared.report.get();
  context.history = &prepared.session.chat;
  context.question = prepared.question;
  RC_ASSIGN_OR_RETURN(ChatReply reply, builtin_.Answer(context));
  return AskResult{std::move(reply.markdown), "builtin", std::move(notice)};
}

Status ChatService::Save(std::string_view session_id, std::string_view question,
                         const AskResult& answer, bool complete) {
  const std::int64_t now = clock_.NowMillis();
  std::vector<model::ChatTurn> turns(2);
  turns[0].role = "user";
  turns[0].content = std::string(question);
  turns[0].created_at_ms = now;
  turns[1].role = "assistant";
  turns[1].content = answer.answer;
  turns[1].mode = answer.mode;
  turns[1].complete = complete;
  turns[1].created_at_ms = now;
  return store_.AppendChat(session_id, turns);
}

Result<std::optional<llm::BuiltPrompt>> ChatService::AdmitLlm(const Prepared& prepared,
                                                              std::string_view client_ip,
                                                              std::string& notice) {
  if (llm_ == nullptr) return std::optional<llm::BuiltPrompt>();
  const LlmAdmission admission = llm_->Admit(prepared.session_id, client_ip);
  if (!admission.status.ok()) {
    if (admission.rate_limited) return admission.status;
    notice = FallbackNotice(admission.status.message(), "answer");
    return std::optional<llm::BuiltPrompt>();
  }
  Result<llm::BuiltPrompt> prompt = llm::BuildChatPrompt(
      *prepared.report, prepared.session.resume, prepared.session.job_description,
      prepared.session.chat, prepared.question, llm_->budget());
  if (!prompt.ok()) {
    llm_->End(prepared.session_id);
    notice = FallbackNotice(prompt.status().message(), "answer");
    return std::optional<llm::BuiltPrompt>();
  }
  return std::optional<llm::BuiltPrompt>(std::move(*prompt));
}

Result<AskResult> ChatService::Ask(std::string_view session_id, std::string_view question,
                                   std::string_view client_ip) {
  RC_ASSIGN_OR_RETURN(Prepared prepared, Prepare(session_id, question));
  std::string notice;
  RC_ASSIGN_OR_RETURN(std::optional<llm::BuiltPrompt> prompt,
                      AdmitLlm(prepared, client_ip, notice));
  Result<AskResult> answer = [&]() -> Result<AskResult> {
    if (!prompt) return BuiltinAnswer(prepared, std::move(notice));
    llm::GroundedAnswer grounded = llm::CompleteGroundedAnswer(
        llm_->client(), prompt->request, llm_->UnsupportedSkills(*prepared.report));
    llm_->End(session_id);
    llm_->Record("chat", grounded.outcome, prompt->prompt_version, grounded.claims.size());
    if (grounded.outcome.complete) return AskResult{std::move(grounded.markdown), "llm", ""};
    return BuiltinAnswer(prepared, FallbackNotice(grounded.outcome.status.message(), "answer"));
  }();
  if (!answer.ok()) return answer.status();
  RC_RETURN_IF_ERROR(Save(session_id, question, *answer, true));
  return answer;
}

Result<std::shared_ptr<AnswerStream>> ChatService::AskStream(std::string_view session_id,
                                                             std::string_view question,
                                                             std::string_view client_ip) {
  RC_ASSIGN_OR_RETURN(Prepared prepared, Prepare(session_id, question));
  std::string notice;
  RC_ASSIGN_OR_RETURN(std::optional<llm::BuiltPrompt> prompt,
                      AdmitLlm(prepared, client_ip, notice));
  if (prompt) {
    return std::shared_ptr<AnswerStream>(
        std::make_shared<LlmStream>(*this, std::move(prepared), std::move(*prompt)));
  }
  RC_ASSIGN_OR_RETURN(AskResult answer, BuiltinAnswer(prepared, std::move(notice)));
  RC_RETURN_IF_ERROR(Save(session_id, question, answer, true));
  StreamEnd end;
  end.markdown = std::move(answer.answer);
  end.mode = std::move(answer.mode);
  end.notice = std::move(answer.notice);
  return FinishedStream("", std::move(end));
}

}  // namespace rc::service

// AnalysisService.
#include "service/analysis_service.h"

#include <memory>
#include <optional>
#include <utility>

#include "llm/output_checks.h"
#include "service/session_id.h"
#include "service/validation.h"

namespace rc::service {

struct AnalysisService::Prepared {
  std::string resume;
  std::string job_description;
  AnalysisOutput output;
  std::string markdown;  // what the session will hold
  std::string mode = "builtin";
  std::string notice;
};

// The LLM narrative streamed to the sink; the session is created when it ends.
class AnalysisService::LlmStream final : public AnswerStream,
                                         public std::enable_shared_from_this<LlmStream> {
 public:
  LlmStream(AnalysisService& service, Prepared prepared, llm::BuiltPrompt prompt)
      : service_(service), prepared_(std::move(prepared)), prompt_(std::move(prompt)) {}

  const std::string& report_json() const override { return prepared_.output.report_json; }

  void Start(std::shared_ptr<StreamSink> sink) override {
    std::shared_ptr<LlmStream> self = shared_from_this();
    llm::StreamGroundedAnswer(
        service_.llm_->client(), prompt_.request,
        service_.llm_->UnsupportedSkills(prepared_.output.report),
        [sink](std::string_view text) { sink->Token(text); },
        [self, sink](llm::GroundedAnswer answer) {
          sink->RunBlocking(
              [self, sink, answer = std::move(answer)] { sink->Finish(self->Conclude(answer)); });
        },
        cancel_);
  }

  void Cancel() override { cancel_->Cancel(); }

 private:
  StreamEnd Conclude(const llm::GroundedAnswer& answer) {
    service_.llm_->Record("analysis", answer.outcome, prompt_.prompt_version, answer.claims.size());
    StreamEnd end;
    if (answer.outcome.error == llm::LlmErrorKind::kCancelled) {
      // Nobody is left to receive the session id; create nothing.
      end.status = answer.outcome.status;
      end.cancelled = true;
      return end;
    }
    Choose(prepared_, answer);
    Result<AnalyzeResult> created = service_.Create(std::move(prepared_));
    if (!created.ok()) {
      end.status = created.status();
      return end;
    }
    end.markdown = std::move(created->markdown);
    end.mode = std::move(created->mode);
    end.notice = std::move(created->notice);
    end.session_id = std::move(created->session_id);
    return end;
  }

  AnalysisService& service_;
  Prepared prepared_;
  llm::BuiltPrompt prompt_;
  llm::CancelToken cancel_ = std::make_shared<llm::CancelSignal>();
};

Result<AnalysisService::Prepared> AnalysisService::Prepare(std::string_view resume,
                                                           std::string_view job_description) {
  RC_RETURN_IF_ERROR(ValidateText("resume", resume, limits_.max_resume_chars));
  RC_RETURN_IF_ERROR(
      ValidateText("job_description", job_description, limits_.max_job_description_chars));
  Prepared prepared;
  RC_ASSIGN_OR_RETURN(prepared.output, analyst_.Analyze(resume, job_description));
  prepared.resume = std::string(resume);
  prepared.job_description = std::string(job_description);
  prepared.markdown = prepared.output.markdown;
  return prepared;
}

void AnalysisService::Choose(Prepared& prepared, const llm::GroundedAnswer& answer) {
  std::string reason;
  if (!answer.outcome.complete) {
    reason = answer.outcome.status.message();
  } else if (!llm::MissingAnalysisSections(answer.markdown).empty()) {
    reason = "the AI model's answer did not have the required sections";
  } else {
    prepared.markdown = answer.markdown;
    prepared.mode = "llm";
    prepared.notice.clear();
    return;
  }
  prepared.markdown = prepared.output.markdown;
  prepared.mode = "builtin";
  prepared.notice = FallbackNotice(reason, "analysis");
}

Result<AnalyzeResult> AnalysisService::Create(Prepared prepared) {
  model::Session session;
  session.resume = std::move(prepared.resume);
  session.job_description = std::move(prepared.job_description);
  session.report_json = prepared.output.report_json;
  session.analysis_markdown = prepared.markdown;
  session.analysis_mode = prepared.mode;
  session.analysis_notice = prepared.notice;
  // A collision of 256 random bits does not happen; retry once anyway rather than fail.
  Status created;
  for (int attempt = 0; attempt < 2; ++attempt) {
    RC_ASSIGN_OR_RETURN(session.id, NewSessionId());
    created = store_.CreateSession(session);
    if (created.code() != StatusCode::kAlreadyExists) break;
  }
  RC_RETURN_IF_ERROR(created);
  if (cache_ != nullptr) {
    // The report the stored report_json encodes (codec::ReportFromJson would give it back).
    cache_->Put(session.id, session.report_json,
                std::make_shared<const model::Report>(std::move(prepared.output.report)));
  }
  return AnalyzeResult{std::move(session.id), std::move(prepared.markdown),
                       std::move(prepared.output.report_json), std::move(prepared.mode),
                       std::move(prepared.notice)};
}

std::optional<llm::BuiltPrompt> AnalysisService::AdmitLlm(Prepared& prepared,
                                                          std::string_view client_ip) {
  if (llm_ == nullptr) return std::nullopt;
  const LlmAdmission admission = llm_->Admit("", client_ip);
  if (!admission.status.ok()) {
    prepared.notice = FallbackNotice(admission.status.message(), "analysis");
    return std::nullopt;
  }
  Result<llm::BuiltPrompt> prompt = llm::BuildAnalysisPrompt(
      prepared.output.report, prepared.resume, prepared.job_description, llm_->budget());
  if (!prompt.ok()) {
    prepared.notice = FallbackNotice(prompt.status().message(), "analysis");
    return std::nullopt;
  }
  return std::move(*prompt);
}

Result<AnalyzeResult> AnalysisService::Analyze(std::string_view resume,
                                               std::string_view job_description,
                                               std::string_view client_ip) {
  RC_ASSIGN_OR_RETURN(Prepared prepared, Prepare(resume, job_description));
  if (std::optional<llm::BuiltPrompt> prompt = AdmitLlm(prepared, client_ip)) {
    const llm::GroundedAnswer answer = llm::CompleteGroundedAnswer(
        llm_->client(), prompt->request, llm_->UnsupportedSkills(prepared.output.report));
    llm_->Record("analysis", answer.outcome, prompt->prompt_version, answer.claims.size());
    Choose(prepared, answer);
  }
  return Create(std::move(prepared));
}

Result<std::shared_ptr<AnswerStream>> AnalysisService::AnalyzeStream(
    std::string_view resume, std::string_view job_description, std::string_view client_ip) {
  RC_ASSIGN_OR_RETURN(Prepared prepared, Prepare(resume, job_description));
  if (std::optional<llm::BuiltPrompt> prompt = AdmitLlm(prepared, client_ip)) {
    return std::shared_ptr<AnswerStream>(
        std::make_shared<LlmStream>(*this, std::move(prepared), std::move(*prompt)));
  }
  std::string report_json = prepared.output.report_json;
  RC_ASSIGN_OR_RETURN(AnalyzeResult created, Create(std::move(prepared)));
  StreamEnd end;
  end.markdown = std::move(created.markdown);
  end.mode = std::move(created.mode);
  end.notice = std::move(created.notice);
  end.session_id = std::move(created.session_id);
  return FinishedStream(std::move(report_json), std::move(end));
}

}  // namespace rc::service

// AnalysisService.
#include "service/analysis_service.h"

#include <utility>

#include "service/session_id.h"
#include "service/validation.h"

namespace rc::service {

Result<AnalyzeResult> AnalysisService::Analyze(std::string_view resume,
                                               std::string_view job_description) {
  RC_RETURN_IF_ERROR(ValidateText("resume", resume, limits_.max_resume_chars));
  RC_RETURN_IF_ERROR(
      ValidateText("job_description", job_description, limits_.max_job_description_chars));
  RC_ASSIGN_OR_RETURN(AnalysisOutput output, analyst_.Analyze(resume, job_description));

  model::Session session;
  session.resume = std::string(resume);
  session.job_description = std::string(job_description);
  session.report_json = output.report_json;
  session.analysis_markdown = output.markdown;
  // A collision of 256 random bits does not happen; retry once anyway rather than fail.
  Status created;
  for (int attempt = 0; attempt < 2; ++attempt) {
    RC_ASSIGN_OR_RETURN(session.id, NewSessionId());
    created = store_.CreateSession(session);
    if (created.code() != StatusCode::kAlreadyExists) break;
  }
  RC_RETURN_IF_ERROR(created);
  return AnalyzeResult{std::move(session.id), std::move(output.markdown),
                       std::move(output.report_json)};
}

}  // namespace rc::service

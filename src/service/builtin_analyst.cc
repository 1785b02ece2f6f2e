// BuiltinAnalyst.
#include "service/builtin_analyst.h"

#include <utility>

#include "codec/report_json.h"

namespace rc::service {

BuiltinAnalyst::BuiltinAnalyst(std::shared_ptr<const engine::Taxonomy> taxonomy)
    : analyzer_(std::move(taxonomy)) {}

Result<AnalysisOutput> BuiltinAnalyst::Analyze(std::string_view resume,
                                               std::string_view job_description) const {
  engine::Analysis analysis = analyzer_.Analyze(resume, job_description);
  AnalysisOutput out;
  out.report_json = codec::ReportToJson(analysis.report);
  out.report = std::move(analysis.report);
  out.markdown = std::move(analysis.markdown);
  return out;
}

}  // namespace rc::service

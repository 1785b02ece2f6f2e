// BuiltinAnalyst.
#include "service/builtin_analyst.h"

#include <ctime>
#include <utility>

#include "codec/report_json.h"

namespace rc::service {

namespace {

model::YearMonth MonthOf(std::int64_t epoch_ms) {
  const std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return model::YearMonth{utc.tm_year + 1900, utc.tm_mon + 1};
}

}  // namespace

BuiltinAnalyst::BuiltinAnalyst(std::shared_ptr<const engine::Taxonomy> taxonomy, const Clock* clock)
    : analyzer_(std::move(taxonomy)), clock_(clock) {}

Result<AnalysisOutput> BuiltinAnalyst::Analyze(std::string_view resume,
                                               std::string_view job_description) const {
  engine::Analysis analysis =
      clock_ != nullptr ? analyzer_.Analyze(resume, job_description, MonthOf(clock_->NowMillis()))
                        : analyzer_.Analyze(resume, job_description);
  AnalysisOutput out;
  out.report_json = codec::ReportToJson(analysis.report);
  out.report = std::move(analysis.report);
  out.markdown = std::move(analysis.markdown);
  return out;
}

}  // namespace rc::service

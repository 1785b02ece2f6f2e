// Analyst: the seam between the use cases and the analysis engine.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "model/report.h"

namespace rc::service {

// One analysis of a resume against a job description.
struct AnalysisOutput {
  model::Report report;
  std::string markdown;     // the analysis shown to the user
  std::string report_json;  // `report` encoded for the wire and for storage
};

// Produces an analysis. The built-in implementation (BuiltinAnalyst) runs the deterministic
// engine. Implementations are thread-safe and deterministic: the same inputs give the same
// output, so a stored session's report can be recomputed from its resume and job description.
class Analyst {
 public:
  virtual ~Analyst() = default;
  // The analysis of validated inputs; Internal only when the engine itself fails.
  virtual Result<AnalysisOutput> Analyze(std::string_view resume,
                                         std::string_view job_description) const = 0;
};

}  // namespace rc::service

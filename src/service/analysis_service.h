// AnalysisService: the "analyze a resume against a job description" use case.
#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "service/analyst.h"
#include "service/limits.h"
#include "storage/store.h"

namespace rc::service {

// What a successful analysis returns to the caller.
struct AnalyzeResult {
  std::string session_id;
  std::string markdown;
  std::string report_json;
};

// Validates the inputs, runs the analyst, and stores a new session holding the inputs, the
// report and the Markdown. Blocking (engine + storage): call it from a worker thread.
// Thread-safe; borrows its collaborators, which must outlive it.
class AnalysisService {
 public:
  AnalysisService(storage::Store& store, const Analyst& analyst, Limits limits)
      : store_(store), analyst_(analyst), limits_(limits) {}

  // InvalidArgument naming the field when a field is empty or not UTF-8; PayloadTooLarge
  // naming the field and the limit when it is too long; otherwise the new session.
  Result<AnalyzeResult> Analyze(std::string_view resume, std::string_view job_description);

 private:
  storage::Store& store_;
  const Analyst& analyst_;
  Limits limits_;
};

}  // namespace rc::service

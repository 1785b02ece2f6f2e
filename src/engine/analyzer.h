// The engine's facade: analyse one resume against one job description.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/taxonomy/taxonomy.h"
#include "model/report.h"

namespace rc::engine {

// The structured report and its Markdown rendering.
struct Analysis {
  model::Report report;
  std::string markdown;
};

// Runs the pipeline: normalize, segment the resume, parse the JD, extract skills, match, score,
// check, report. Pure (no I/O, clock or randomness); thread-safe (const, shares only the
// immutable taxonomy).
class Analyzer {
 public:
  explicit Analyzer(std::shared_ptr<const Taxonomy> taxonomy);

  // Deterministic: the same inputs give a byte-identical report and Markdown. Never fails: empty
  // or odd inputs give a report with warnings. Inputs are expected to be valid UTF-8 (invalid
  // bytes are read as '?').
  Analysis Analyze(std::string_view resume, std::string_view job_description) const;

  // As above, with "Present" in a date range read as `today` (or as the latest month the resume
  // mentions, when later). The two-argument form uses kReferenceMonth (engine/version.h), so tests
  // and golden reports never depend on the date; callers that serve users pass the current month.
  Analysis Analyze(std::string_view resume, std::string_view job_description,
                   model::YearMonth today) const;

 private:
  std::shared_ptr<const Taxonomy> taxonomy_;
};

}  // namespace rc::engine

// BuiltinAnalyst: the Analyst backed by the deterministic offline engine.
#pragma once

#include <memory>

#include "base/clock.h"
#include "engine/analyzer.h"
#include "service/analyst.h"

namespace rc::service {

// Runs rc::engine::Analyzer and encodes the report with the codec. "Present" in the resume's
// date ranges is read as the clock's current month (UTC); without a clock, as the engine's
// reference month (reproducible output for tests). Thread-safe (the engine is immutable after
// construction; the clock is thread-safe and must outlive this object).
class BuiltinAnalyst final : public Analyst {
 public:
  explicit BuiltinAnalyst(std::shared_ptr<const engine::Taxonomy> taxonomy,
                          const Clock* clock = nullptr);
  Result<AnalysisOutput> Analyze(std::string_view resume,
                                 std::string_view job_description) const override;

 private:
  engine::Analyzer analyzer_;
  const Clock* clock_;
};

}  // namespace rc::service

// BuiltinAnalyst: the Analyst backed by the deterministic offline engine.
#pragma once

#include <memory>

#include "engine/analyzer.h"
#include "service/analyst.h"

namespace rc::service {

// Runs rc::engine::Analyzer and encodes the report with the codec. Thread-safe (the engine
// is immutable after construction).
class BuiltinAnalyst final : public Analyst {
 public:
  explicit BuiltinAnalyst(std::shared_ptr<const engine::Taxonomy> taxonomy);
  Result<AnalysisOutput> Analyze(std::string_view resume,
                                 std::string_view job_description) const override;

 private:
  engine::Analyzer analyzer_;
};

}  // namespace rc::service

// Engine version and the reference month used for "Present" in date ranges.
#pragma once

#include "model/resume.h"

namespace rc::engine {

// Bumped whenever the analysis output can change for the same inputs.
inline constexpr char kEngineVersion[] = "1.0.0";

// The engine never reads the clock (reports must be reproducible): callers pass today's month to
// Analyzer::Analyze; this month is the default for tests, golden reports and evaluation.
inline constexpr model::YearMonth kReferenceMonth{2026, 11};

}  // namespace rc::engine

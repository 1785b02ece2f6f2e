// Engine version and the reference month used for "Present" in date ranges.
#pragma once

#include "model/resume.h"

namespace rc::engine {

// Bumped whenever the analysis output can change for the same inputs.
inline constexpr char kEngineVersion[] = "1.0.0";

// The engine never reads the clock (reports must be reproducible): a role that runs to "Present"
// ends at this month, or at the latest month the resume mentions when that is later. Updated
// with each release.
inline constexpr model::YearMonth kReferenceMonth{2026, 11};

}  // namespace rc::engine

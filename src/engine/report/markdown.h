// The Markdown analysis rendered from a report.
#pragma once

#include <string>
#include <string_view>

#include "model/report.h"

namespace rc::engine {

// Escapes text from the resume or job description so that it renders literally inside a line:
// the characters that could form links or images ([ ]), HTML (< > &), emphasis or code (* _ ` ~),
// table cells (|) and escapes (\) are backslash-escaped, and line breaks become spaces. The
// renderer never places untrusted text at the start of a line.
std::string EscapeMarkdown(std::string_view text);

// Renders the analysis. The first three sections are exactly "## Qualification Assessment",
// "## Missing Skills / Experience" and "## Key Strengths"; then "## Score Breakdown",
// "## Resume Checks" and "## Next Steps". Every statement cites the report's own requirements,
// roles, employers and numbers. Deterministic.
std::string RenderMarkdown(const model::Report& report);

}  // namespace rc::engine

// ATS-style resume checks, each pass/warn/fail with where and why.
#pragma once

#include <vector>

#include "engine/parse/resume_segmenter.h"
#include "engine/text/document.h"
#include "model/report.h"

namespace rc::engine {

// Runs every check on the parsed resume, in a fixed order: contact_info, section_headings,
// measurable_results, length, weak_phrases, action_verbs, pronouns, dates, bullet_length.
// Spans point into the resume text. Deterministic.
std::vector<model::Check> RunResumeChecks(const Document& doc, const ParsedResume& resume);

}  // namespace rc::engine

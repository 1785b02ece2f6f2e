// Deterministic checks of an LLM answer's shape before it is shown or stored: the analysis
// sections, and Markdown images (which a browser would fetch, leaking data to their URL).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rc::llm {

// The three headings the analysis prompt asks for, in order.
const std::vector<std::string>& AnalysisSections();

// The AnalysisSections() headings that `markdown` lacks as a heading line ("## Title", any
// heading level, case-insensitive, trailing colon allowed). Empty when all are present.
std::vector<std::string> MissingAnalysisSections(std::string_view markdown);

// `markdown` with every image `![alt](target)` replaced by its alt text, and reference-style
// images `![alt][ref]` likewise. Text inside code spans and fenced code blocks is left alone.
std::string RemoveMarkdownImages(std::string_view markdown);

}  // namespace rc::llm

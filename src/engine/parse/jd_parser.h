// Job description parsing: title, seniority, sections, and requirements with importance.
#pragma once

#include <string>
#include <vector>

#include "engine/extract/skill_extractor.h"
#include "engine/taxonomy/taxonomy.h"
#include "engine/text/document.h"
#include "model/job.h"

namespace rc::engine {

// The job's facts plus what later stages need.
struct ParsedJob {
  model::JobFacts facts;
  // Section kind of each token line: title, requirements, preferred, responsibilities, about,
  // benefits, or other.
  std::vector<std::string> line_section;
  bool has_requirements_section = false;
};

// The years a sentence asks for: "5+ years" -> 5, "3-5 years" -> 3, "at least two years" -> 2,
// or nullopt. `words` are lower-case tokens of one sentence. When `max` is given it receives the
// upper end of a range ("3-5 years" -> 5), or nullopt when the sentence states none.
std::optional<double> YearsIn(const std::vector<const Token*>& words,
                              std::optional<double>* max = nullptr);

// The JD section kind of a heading line ("Nice to have:" -> "preferred"), or "" when the line is
// not a heading. "field" marks a label whose value is the next line ("Job type:", "Industry:").
std::string JobHeadingKind(std::string_view line);

// Parses a job description. Requirements come, in order of first mention, from taxonomy skills,
// stated years (per skill when the sentence names skills, else overall), degrees, and cue
// phrases for skills outside the taxonomy ("experience with X"). Skills and years named in the
// title count too ("Java Developer (1-4 years)"); a skill named in the title or in two or more
// separate sentences is marked core. Importance is "preferred" in a
// preferred section or with a cue ("nice to have", "a plus", "ideally"...), else "required".
// Sentences about the employer or benefits give no requirements. Deterministic.
ParsedJob ParseJob(const Taxonomy& taxonomy, const Document& doc);

}  // namespace rc::engine

// Resume segmentation: sections, experience entries, education, certifications and contact.
#pragma once

#include <string>
#include <vector>

#include "engine/text/document.h"
#include "engine/version.h"
#include "model/resume.h"

namespace rc::engine {

// The resume's facts plus per-line annotations that later stages use.
struct ParsedResume {
  model::ResumeFacts facts;
  std::vector<std::string> line_section;  // section kind of each token line (Tokenized::lines)
  std::vector<int> line_entry;            // experience entry index of each line, or -1
  std::vector<bool> line_is_bullet;
  std::vector<bool> line_is_heading;
  std::vector<bool> skills_lines;  // lines inside a Skills section
  std::vector<model::Span> contact_spans;
  model::YearMonth present;  // the month "Present" stands for (see version.h)
};

// The section kind for a heading line ("WORK HISTORY" -> "experience"), or "" when `line` does
// not read as a heading. Recognises common headings in any case, with or without a trailing
// colon or Markdown '#', and keyword variants ("Where I've Worked") in heading-like lines.
std::string HeadingKind(std::string_view line);

// The degree level named in `text` ("B.S. in Nursing" -> "bachelor"): doctorate, master,
// bachelor, associate, diploma, certificate, or "". Two- and three-letter abbreviations count only
// in capitals ("BS", "MSc"). When `field_start` is given it receives the byte offset after the
// "in"/"of" that follows the degree word, or npos.
std::string DegreeLevelIn(std::string_view text, std::size_t* field_start = nullptr);

// Rank of a degree level for comparisons: doctorate 5, master 4, bachelor 3, associate 2,
// diploma or certificate 1, unknown 0.
int DegreeRank(std::string_view level);

// Years of experience to compare with a job's: the dated roles (union of months), or the years
// the resume states near its top when they are more (roles without readable dates).
double ExperienceYears(const model::ResumeFacts& facts);

// True when ExperienceYears comes from the stated years rather than from the dated roles.
bool UsesStatedYears(const model::ResumeFacts& facts);

// Segments `doc` (a resume). Deterministic; never fails: text without headings is one "other"
// section (plus the top part), and roles without dates have months == 0. "Present" ends at
// `today`, or at the latest year the resume mentions when that is later.
ParsedResume ParseResume(const Document& doc, model::YearMonth today = kReferenceMonth);

}  // namespace rc::engine

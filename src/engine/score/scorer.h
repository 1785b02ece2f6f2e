// The 0-100 score: five weighted factors (see docs/scoring.md).
#pragma once

#include "engine/match/matcher.h"
#include "engine/parse/jd_parser.h"
#include "engine/parse/resume_segmenter.h"
#include "model/report.h"

namespace rc::engine {

inline constexpr double kHardSkillsWeight = 0.45;
inline constexpr double kSoftSkillsWeight = 0.10;
inline constexpr double kTitleWeight = 0.15;
inline constexpr double kExperienceWeight = 0.20;
inline constexpr double kEducationWeight = 0.10;
inline constexpr double kPreferredWeight = 0.5;  // a preferred requirement counts half
inline constexpr double kCoreWeight = 1.5;  // a core requirement (Requirement::core) weighs more
// Soft skills are seldom named in a resume: one that is not there scores as unknown, this share
// of full credit, and evidence raises it to 1.
inline constexpr double kUnstatedSoftCredit = 0.5;

// Title similarity in 0..1: the share of the JD title's role words (without stop, seniority and
// arrangement words or stated years; compounds joined, role nouns by family) found in the best
// resume title or headline (a short line among the first six), with at least 0.5 when the title
// nouns agree.
double TitleSimilarity(const model::JobFacts& job, const ParsedResume& resume,
                       const Document& resume_doc);

// Computes the score from the matches. Factors: hard_skills (skills, tools, languages,
// certifications, phrases), soft_skills, title, experience_years, education; each 0..1, weighted
// by the constants above; required requirements weigh 1, preferred kPreferredWeight, times
// kCoreWeight when core; an unnamed soft skill earns kUnstatedSoftCredit. Experience compares
// ExperienceYears (dated roles, or stated years when more) with the years asked. A factor
// the JD says nothing about (no soft skills, no title, no years, no degree...) gets weight 0 and
// its base weight is shared among the others in proportion, so weights always sum to 1 (or all
// factors score 0 when the JD gives nothing to compare). total = round(sum of points).
model::Score ComputeScore(const ParsedJob& job, const MatchResult& matches,
                          const ParsedResume& resume, const Document& resume_doc);

}  // namespace rc::engine

// Matching: each job requirement against the resume, with evidence, years and related skills.
#pragma once

#include <string>
#include <vector>

#include "engine/extract/skill_extractor.h"
#include "engine/parse/jd_parser.h"
#include "engine/parse/resume_segmenter.h"
#include "engine/taxonomy/taxonomy.h"
#include "engine/text/document.h"
#include "model/report.h"

namespace rc::engine {

// Credit rules (also documented in docs/scoring.md).
inline constexpr double kListOnlyCredit = 0.5;  // a skill only in the Skills list
inline constexpr double kMentionCredit = 0.8;   // in the summary or another non-role section
inline constexpr double kRelatedCredit = 0.5;   // a related skill instead of the one asked for
inline constexpr double kPhraseCredit = 0.9;    // a phrase requirement found verbatim

struct MatchResult {
  std::vector<model::RequirementMatch> matches;  // one per requirement, same order
  std::vector<model::SkillMention> matched_skills;
  std::vector<model::SkillMention> missing_skills;
  std::vector<model::SkillMention> extra_skills;
  int list_only_skills = 0;  // JD skills the resume shows only in its Skills list
  int evidenced_skills = 0;  // JD skills shown in roles, projects or the summary
};

// Matches `job` requirements against the resume. `resume_hits` are the taxonomy skills of the
// resume document (FindSkills with the Skills-section lines). Evidence in roles and projects
// meets a requirement; a Skills-list entry alone is partial (kListOnlyCredit); a related skill is
// partial (kRelatedCredit) and named; a skill with "N+ years" is partial when the dated roles that
// mention it add up to fewer years. A skill the JD title names is met by a resume role whose title
// names it up to word endings (TitleWordsAgree: "Accounting Manager" and a "Senior Accountant"
// role).
// Deterministic.
MatchResult MatchRequirements(const Taxonomy& taxonomy, const Document& resume_doc,
                              const ParsedResume& resume, const std::vector<SkillHit>& resume_hits,
                              const Document& job_doc, const ParsedJob& job);

// The stem used to compare job-title words and skill names (a lower-case matching key, plural
// already folded): the endings -ment, -ing, -er, -or, -ant, -ist and -ian are removed while four
// letters remain, then a final "e". "accountant" and "accounting" are "account", "developer" and
// "development" are "develop", "nurse" and "nursing" are "nurs".
std::string TitleStem(std::string word);

// True when two title words are equal, or both carry an ending and share their stem: "accountant"
// and "accounting" agree; "accountant" and "account" do not (a bare word is another thing).
bool TitleWordsAgree(const std::string& a, const std::string& b);

// "about 3 years" style rounding used in explanations: to the nearest half year.
double RoundYears(double years);

}  // namespace rc::engine

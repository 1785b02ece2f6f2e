// Report: the engine's structured analysis of one resume against one job description.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/job.h"
#include "model/resume.h"
#include "model/skill.h"
#include "model/span.h"

namespace rc::model {

enum class MatchStatus { kMet, kPartial, kMissing };
// Lower-case wire name: "met", "partial", "missing".
const char* MatchStatusName(MatchStatus status);

// A place in the resume that supports a requirement.
struct Evidence {
  Span span;            // in the resume text
  std::string section;  // section kind, e.g. "experience" or "skills"
  std::string excerpt;  // the line or bullet around the span, trimmed (for display)
};

// How one JD requirement is met by the resume.
struct RequirementMatch {
  std::string requirement_id;  // Requirement::id
  MatchStatus status = MatchStatus::kMissing;
  double credit = 0.0;  // 0..1 contribution before weighting
  std::vector<Evidence> evidence;
  std::optional<double> years_found;  // years of use from dated roles that mention it
  std::string related_skill;          // for partial credit via a related skill, e.g. "MySQL"
  std::string explanation;            // one sentence, specific
};

// One factor of the score: e.g. hard skills, weight 0.45, score 0.62 (points = 27.9).
struct ScoreFactor {
  std::string id;       // hard_skills, soft_skills, title, experience_years, education
  std::string label;    // "Hard skills"
  double weight = 0.0;  // share of 100, the weights sum to 1
  double score = 0.0;   // 0..1
  double points = 0.0;  // weight * score * 100
  std::string explanation;
};

struct Score {
  int total = 0;  // 0..100, rounded sum of the factors' points
  std::vector<ScoreFactor> factors;
};

enum class CheckStatus { kPass, kWarn, kFail };
// Lower-case wire name: "pass", "warn", "fail".
const char* CheckStatusName(CheckStatus status);

// An ATS-style resume check, e.g. "weak_phrases" warn with the spans that triggered it.
struct Check {
  std::string id;
  std::string label;
  CheckStatus status = CheckStatus::kPass;
  std::string message;      // says where and why
  std::vector<Span> spans;  // in the resume text
};

struct Report {
  std::string engine_version;
  std::string taxonomy_version;
  Score score;
  std::vector<RequirementMatch> matches;     // one per JobFacts::requirements, same order
  std::vector<SkillMention> matched_skills;  // JD skills the resume shows (resume spans)
  std::vector<SkillMention> missing_skills;  // JD skills the resume lacks (JD spans)
  std::vector<SkillMention> extra_skills;    // resume skills the JD does not ask for
  std::vector<Check> checks;
  ResumeFacts resume;
  JobFacts job;
  std::vector<std::string> warnings;  // e.g. "the job description has no requirement section"
};

}  // namespace rc::model

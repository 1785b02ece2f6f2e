// JobFacts: what the engine read from a job description.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/span.h"

namespace rc::model {

enum class Importance { kRequired, kPreferred };
// Lower-case wire name: "required", "preferred".
const char* ImportanceName(Importance importance);

enum class RequirementKind { kSkill, kExperience, kEducation, kCertification, kOther };
// Lower-case wire name: "skill", "experience", "education", "certification", "other".
const char* RequirementKindName(RequirementKind kind);

// One thing the job asks for: a skill, years of experience, a degree or a certification.
struct Requirement {
  std::string id;  // stable within a report: "r1", "r2", ... in JD order
  RequirementKind kind = RequirementKind::kSkill;
  Importance importance = Importance::kRequired;
  std::string name;        // canonical skill name, or a short label ("5+ years overall")
  std::string skill_id;    // taxonomy id when the requirement is a known skill, else ""
  std::string skill_kind;  // SkillKindName() of the skill, or "" for non-skill requirements
  std::optional<double> years_min;  // "5+ years of Python" -> 5
  std::string degree_level;         // for education requirements
  Span span;                        // the mention in the JD
  Span sentence_span;               // the JD sentence or bullet it came from
  // What the vacancy centres on: a skill named in the job title, or one the JD names in several
  // separate sentences. Core requirements weigh more in the score (docs/scoring.md).
  bool core = false;
};

struct JobFacts {
  std::string title;
  std::string seniority;  // intern, junior, mid, senior, lead, principal, manager, director, or ""
  std::optional<double> years_required;  // overall years, when stated
  std::string degree_level;              // minimum degree asked for, or ""
  std::vector<Requirement> requirements;
  Span title_span;
  std::optional<double> years_max;  // upper end of a stated range ("1-4 years" -> 4), when stated
};

}  // namespace rc::model

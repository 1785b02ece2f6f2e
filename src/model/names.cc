// Wire names of the model's enums.
#include "model/job.h"
#include "model/report.h"
#include "model/skill.h"

namespace rc::model {

const char* SkillKindName(SkillKind kind) {
  switch (kind) {
    case SkillKind::kHard:
      return "hard";
    case SkillKind::kSoft:
      return "soft";
    case SkillKind::kTool:
      return "tool";
    case SkillKind::kCertification:
      return "certification";
    case SkillKind::kLanguage:
      return "language";
    case SkillKind::kDomain:
      return "domain";
  }
  return "hard";
}

const char* ImportanceName(Importance importance) {
  return importance == Importance::kRequired ? "required" : "preferred";
}

const char* RequirementKindName(RequirementKind kind) {
  switch (kind) {
    case RequirementKind::kSkill:
      return "skill";
    case RequirementKind::kExperience:
      return "experience";
    case RequirementKind::kEducation:
      return "education";
    case RequirementKind::kCertification:
      return "certification";
    case RequirementKind::kOther:
      return "other";
  }
  return "other";
}

const char* MatchStatusName(MatchStatus status) {
  switch (status) {
    case MatchStatus::kMet:
      return "met";
    case MatchStatus::kPartial:
      return "partial";
    case MatchStatus::kMissing:
      return "missing";
  }
  return "missing";
}

const char* CheckStatusName(CheckStatus status) {
  switch (status) {
    case CheckStatus::kPass:
      return "pass";
    case CheckStatus::kWarn:
      return "warn";
    case CheckStatus::kFail:
      return "fail";
  }
  return "fail";
}

}  // namespace rc::model

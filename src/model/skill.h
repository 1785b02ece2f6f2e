// Skill kinds and the skill mentions the engine finds in a text.
#pragma once

#include <string>
#include <vector>

#include "model/span.h"

namespace rc::model {

enum class SkillKind { kHard, kSoft, kTool, kCertification, kLanguage, kDomain };

// Lower-case wire name: "hard", "soft", "tool", "certification", "language", "domain".
const char* SkillKindName(SkillKind kind);

// One occurrence of a skill in a text.
struct SkillMention {
  std::string skill_id;  // taxonomy id, or "" for a phrase found outside the taxonomy
  std::string name;      // canonical name (or the phrase itself)
  SkillKind kind = SkillKind::kHard;
  Span span;            // where it occurs in the original text
  std::string section;  // resume/JD section kind it occurs in, e.g. "experience", "skills"
};

}  // namespace rc::model

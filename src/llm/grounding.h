// Grounding checks: find sentences of an LLM answer that credit the candidate with a skill the
// engine found no evidence for, and flag or remove them. Pure and deterministic.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/report.h"

namespace rc::llm {

// A skill the engine found no evidence for, with the surface forms to look for.
struct UnsupportedSkill {
  std::string name;                  // canonical name, e.g. "Kubernetes"
  std::vector<std::string> aliases;  // other forms, e.g. "k8s"
};

// Returns the aliases of a taxonomy skill id (e.g. from the engine's taxonomy), or {}.
using AliasLookup = std::function<std::vector<std::string>(std::string_view skill_id)>;

// The skills an answer must not claim: the report's missing skills, and the requirements that
// are missing (or only partly met through a related skill) of kind skill or certification —
// minus any name the resume does show (matched or extra skills). Sorted by name, deduplicated.
std::vector<UnsupportedSkill> UnsupportedSkills(const model::Report& report,
                                                const AliasLookup& aliases = nullptr);

// One sentence that asserts the candidate has an unsupported skill.
struct FlaggedClaim {
  std::size_t begin = 0;  // byte range of the sentence in the answer
  std::size_t end = 0;
  std::string sentence;
  std::vector<std::string> skills;  // canonical names of the unsupported skills it claims
};

// Scans `answer` (Markdown) sentence by sentence. A sentence is flagged when it names an
// unsupported skill (whole word, case-insensitive; names of two characters or fewer must match
// case) and either asserts possession ("you have", "demonstrates", "experience with", ...) or
// sits under a "Key Strengths" heading — unless it is phrased as a gap or a suggestion ("no",
// "lack", "missing", "consider", "add", "if you", ...). Sentences under a "Missing" heading are
// never flagged. Claims are in answer order and do not overlap.
std::vector<FlaggedClaim> FindUnsupportedClaims(std::string_view answer,
                                                const std::vector<UnsupportedSkill>& skills);

// The answer with a visible note after each flagged sentence:
// "<sentence> _(Not supported by the resume: no evidence of Kubernetes was found.)_"
std::string AnnotateClaims(std::string_view answer, const std::vector<FlaggedClaim>& claims);

// The answer without the flagged sentences; a list item or line left empty is removed whole.
std::string RemoveClaims(std::string_view answer, const std::vector<FlaggedClaim>& claims);

}  // namespace rc::llm

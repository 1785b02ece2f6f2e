// Taxonomy skill mentions in a document: longest match on tokens, with context rules.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/taxonomy/taxonomy.h"
#include "engine/text/document.h"
#include "model/skill.h"

namespace rc::engine {

// A taxonomy skill found at tokens [first, last) of a document.
struct SkillHit {
  int skill = -1;  // index into Taxonomy::skills()
  std::uint32_t first = 0;
  std::uint32_t last = 0;
};

// Finds taxonomy skills in `doc`, left to right, longest match first, on whole tokens ("Java"
// never matches inside "JavaScript"). "-", "/" and "&" between words are ignored so "front-end"
// matches "front end"; matches never cross a sentence. A plural in the text matches a singular
// surface form ("REST APIs" -> "REST API"), never the other way round. Ambiguous skills obey their
// context rules; `skills_lines[line]` (may be empty) marks lines inside a Skills section, where
// requires_context rules are satisfied. Results are sorted by position.
std::vector<SkillHit> FindSkills(const Taxonomy& taxonomy, const Document& doc,
                                 const std::vector<bool>& skills_lines = {});

// Convenience for callers without a Document (e.g. the chat coach): the skill mentions in
// `text` with original-text spans, section left empty. Deterministic and thread-safe.
std::vector<model::SkillMention> FindSkillMentions(const Taxonomy& taxonomy, std::string_view text);

}  // namespace rc::engine

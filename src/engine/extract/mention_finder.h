// All skill and requirement mentions in a text: taxonomy skills plus requirement phrases.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/extract/phrase_patterns.h"
#include "engine/extract/skill_extractor.h"
#include "engine/taxonomy/taxonomy.h"
#include "engine/text/document.h"

namespace rc::engine {

// A mention at tokens [first, last): a taxonomy skill (skill >= 0) or a phrase (skill == -1).
struct Mention {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  int skill = -1;
  PhraseKind phrase_kind = PhraseKind::kCueObject;  // meaningful when skill == -1
};

struct MentionOptions {
  // Keep only mentions in sentences that address the candidate (IsCandidateSentence): the mode
  // for job ads, where the employer's self-description is not a requirement.
  bool candidate_sentences_only = true;
  // Include job titles (PhraseKind::kOccupation); they are kept in every sentence.
  bool occupations = false;
};

// Taxonomy hits and requirement phrases of `doc`, sorted by position, without duplicates: a
// mention that lies inside a longer one is dropped. Deterministic.
std::vector<Mention> FindMentions(const Taxonomy& taxonomy, const Document& doc,
                                  const MentionOptions& options = {});

}  // namespace rc::engine

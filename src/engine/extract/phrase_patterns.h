// Requirement phrases outside the taxonomy: cue phrases ("experience with X"), "X skills" noun
// phrases, trait descriptions ("you are X") and action verb phrases of job ads.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/text/document.h"

namespace rc::engine {

enum class PhraseKind {
  kCueObject,   // the object of a cue: "knowledge of [accounting principles]"
  kSkillNoun,   // a noun phrase headed by skills/knowledge/experience: "[communication skills]"
  kTrait,       // a trait asked of the candidate: "you are [structured]"
  kAction,      // an action verb phrase: "[collaborate with the product team]"
  kOccupation,  // a job title: "[Senior Test Analyst]", "[nurses]"
  kListItem,    // an item of a list of short noun phrases: "[budget control], [reporting], ..."
};

// A phrase at tokens [first, last) of a document.
struct PhraseHit {
  PhraseKind kind = PhraseKind::kCueObject;
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  std::uint32_t cue_first = 0;  // the cue's first token ("experience"), == first when none
};

// Finds requirement phrases in every sentence of `doc`, sorted by position. Lists after a cue
// are split on commas and "and"/"or" into one hit per item. Uses only closed word lists (cue
// phrases, determiners, a list of common action verbs); deterministic.
std::vector<PhraseHit> FindRequirementPhrases(const Document& doc);

// True when `lower_word` is (an inflection of) one of the action verbs of job ads and resumes
// ("led", "managing", "builds" ...). Used by resume checks too.
bool IsActionVerb(std::string_view lower_word);

// True for closed-class words that never start or end a skill phrase (articles, pronouns,
// prepositions, conjunctions, degree adjectives such as "strong" or "excellent").
bool IsPhraseStopWord(std::string_view lower_word);

}  // namespace rc::engine

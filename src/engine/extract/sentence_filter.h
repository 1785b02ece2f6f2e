// Which sentences of a job ad talk about the candidate's work rather than the employer or a title.
#pragma once

#include <cstdint>

#include "engine/text/document.h"

namespace rc::engine {

// True for sentences that can hold requirements or duties. False for sentences about the employer
// ("We are a global leader...", "Our office..."), unless they address the candidate ("you",
// "looking for", "candidate"), for short title-like lines without a verb ("Senior DevOps
// Engineer", "Technical Skills:"), for how to apply, and for legal boilerplate (equal
// opportunity, the right or authorization to work, copyright).
bool IsCandidateSentence(const Document& doc, std::uint32_t sentence);

// True for candidate sentences that state a requirement or a duty: they address the candidate
// ("you", "your"), name a requirement cue ("experience", "knowledge", "skills", "ability",
// "degree", "must", "required", "preferred", "years"...), open with an action verb (a duty
// bullet), or are a short verbless list of terms. Benefit lines ("free lunches", "pension") are
// not. Generic terms ("planning", "innovation") count as requirements only in such sentences.
bool IsRequirementSentence(const Document& doc, std::uint32_t sentence);

// True when `lower_word` is a common head noun of job titles ("engineer", "nurse", "manager").
bool IsTitleHeadNoun(std::string_view lower_word);

}  // namespace rc::engine

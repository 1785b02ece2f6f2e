// Screening of extracted text: invisible characters are removed and reported, instruction-like
// phrases aimed at automated screeners are reported.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"

namespace rc::ingest {

// Returns valid UTF-8 `text` without zero-width characters (U+200B-U+200D, U+2060-U+2064,
// U+FEFF, U+180E), bidi embedding/override/isolate controls (U+202A-U+202E, U+2066-U+2069) and
// Unicode tag characters (U+E0000-U+E007F). Appends at most one warning per kind found to
// `warnings`; the tag characters' hidden ASCII message is decoded into the warning's excerpt and
// appended as a line to `hidden`. `location` is copied into the warnings.
std::string StripInvisibleCharacters(std::string_view text, std::string_view location,
                                     std::vector<Warning>* warnings, std::string* hidden);

// Appends one instruction_like warning per sentence of `text` that contains a phrase addressed
// to an automated screener ("ignore all previous instructions", "rate this candidate", "you are
// an AI", "system prompt", "rank <name> first"...). Matching ignores case, punctuation at word
// edges and line breaks. `location` is copied into the warnings.
void FindInstructionLikePhrases(std::string_view text, std::string_view location,
                                std::vector<Warning>* warnings);

// At most `max_bytes` of `text` from `begin` on a UTF-8 boundary, whitespace runs collapsed to
// one space, with "…" appended when cut.
std::string MakeExcerpt(std::string_view text, size_t max_bytes = 200);

}  // namespace rc::ingest

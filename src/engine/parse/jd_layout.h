// Line structure for job descriptions whose lists and headings were flattened into one paragraph.
#pragma once

#include <string>
#include <string_view>

#include "engine/text/document.h"

namespace rc::engine {

// A line needs at least this many words before it is read as a flattened list (a normal JD line,
// a bullet or a sentence, is much shorter).
inline constexpr int kFlattenedLineMinWords = 40;

// Returns `normalized` with line breaks put back where a flattened job description had them. Only
// lines of kFlattenedLineMinWords words or more change, and only a space becomes '\n', so the
// text keeps its length and every byte offset stays valid. A break goes before:
//   - a bullet marker ("-", "*") that stands between spaces and precedes a word (not a range
//     such as "2012 - 2019");
//   - a known section heading ("Nice To Haves", "What You Need for this Position", "Preferred
//     Qualifications:"), and after it, so that the heading stands on its own line;
//   - a capitalised label of up to five words that ends in ':' ("Languages:", "Desired Skills:");
//     the text after a label that names a section kind (see JobHeadingKind) moves to the next line;
//   - a capitalised requirement cue or duty verb that follows a word with no punctuation between
//     and precedes a lower-case word ("... source control tool Must have ...", "... software
//     applications Maintain systems ...").
// Deterministic; never fails.
std::string RestoreJobLineBreaks(std::string_view normalized);

// MakeDocument for a job description: normalizes, restores the line breaks of flattened text
// (RestoreJobLineBreaks) and tokenizes. Spans still refer to `text`.
Document MakeJobDocument(std::string_view text);

}  // namespace rc::engine

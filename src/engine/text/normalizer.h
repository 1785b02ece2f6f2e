// Text normalization that keeps a byte-offset map back to the original text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/span.h"

namespace rc::engine {

// The normalized form of a text plus, for every normalized byte, the original byte it came from.
// Normalization folds typographic quotes, dashes and bullets to ASCII, expands ligatures, maps
// exotic spaces to ' ', removes soft hyphens and zero-width characters, turns "\r\n" and "\r"
// into "\n", folds full-width ASCII, and replaces invalid UTF-8 bytes with '?'.
struct NormalizedText {
  std::string text;
  // offsets[i] is the original byte offset of normalized byte i; offsets[text.size()] is the
  // original length, so a half-open normalized range maps to a half-open original range.
  std::vector<std::int32_t> offsets;

  // The original span covering normalized bytes [begin, end).
  model::Span ToOriginal(std::size_t begin, std::size_t end) const;
};

// Normalizes `original`. Pure and deterministic; never fails.
NormalizedText Normalize(std::string_view original);

}  // namespace rc::engine

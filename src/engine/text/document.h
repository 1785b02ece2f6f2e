// Document: a text with its normalized form and tokens, built once and shared by every stage.
#pragma once

#include <string>
#include <string_view>

#include "engine/text/normalizer.h"
#include "engine/text/tokenizer.h"
#include "model/span.h"

namespace rc::engine {

// An analysed text. `original` is copied so that the document owns everything it refers to.
struct Document {
  std::string original;
  NormalizedText norm;
  Tokenized tok;

  // Normalized text of tokens [first, last).
  std::string_view TokenText(std::uint32_t first, std::uint32_t last) const;
  // Original-text span of tokens [first, last).
  model::Span TokenSpan(std::uint32_t first, std::uint32_t last) const;
  // Original-text span of normalized bytes [begin, end).
  model::Span Span(std::uint32_t begin, std::uint32_t end) const {
    return norm.ToOriginal(begin, end);
  }
  // Normalized text of a line (by index into tok.lines).
  std::string_view LineText(std::uint32_t line) const;
};

// Normalizes and tokenizes `text`.
Document MakeDocument(std::string_view text);

}  // namespace rc::engine

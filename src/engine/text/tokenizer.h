// Word tokens, lines and sentences of a normalized text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rc::engine {

// One token of a normalized text. Words are runs of letters and digits with the joiners that
// skill names use ("C++", "C#", "Node.js", ".NET", "don't"); every other non-space byte is a
// one-character punctuation token.
struct Token {
  std::uint32_t begin = 0;  // byte offsets in the normalized text
  std::uint32_t end = 0;
  bool is_word = false;
  std::string lower;  // ASCII-lower-cased text of the token
  std::string key;    // `lower` with a regular plural folded (see FoldPlural); the matching key
  std::uint32_t line = 0;      // index into Lines
  std::uint32_t sentence = 0;  // index into Sentences
};

// A range of tokens [first, last) with its byte range in the normalized text.
struct TokenRange {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct Tokenized {
  std::vector<Token> tokens;
  std::vector<TokenRange> lines;      // non-empty lines
  std::vector<TokenRange> sentences;  // sentences inside lines (". ", "; ", "! ", "? " split)
};

// Tokenizes normalized text. Deterministic; never fails.
Tokenized Tokenize(std::string_view normalized);

// ASCII lower-casing (non-ASCII bytes are kept as is).
std::string AsciiLower(std::string_view text);

// Folds a regular English plural of a lower-case word of four or more letters: "databases" ->
// "database", "policies" -> "policy", "boxes" -> "box"; words ending in "ss", "us", "is" or
// digits are kept. Irregular forms are left to the taxonomy's aliases.
std::string FoldPlural(std::string_view lower_word);

// The matching key of a word written as `written` (lower-cased: `lower`): FoldPlural(lower),
// except that an upper-case acronym plural ("APIs", "KPIs") folds to the acronym.
std::string MatchKey(std::string_view written, std::string_view lower);

}  // namespace rc::engine

// Text helpers for the coach: lines with offsets, tokens, word search and Markdown escaping.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/span.h"

namespace rc::engine::coach {

// One non-blank line of a document, trimmed, with its byte range in the original text.
struct Line {
  std::string_view text;
  model::Span span;
};

// The non-blank lines of `text` in order, each trimmed of surrounding whitespace and of a
// leading bullet marker ("-", "*", "•", "·", "–").
std::vector<Line> SplitLines(std::string_view text);

// `text` without surrounding whitespace and one leading bullet marker ("- ", "* ", "•"...).
std::string_view TrimMarker(std::string_view text);

// The substring of `text` covered by `span`, clamped to the text (empty when out of range).
std::string_view SpanText(std::string_view text, model::Span span);

// The whole trimmed line of `text` that contains byte `offset` (empty when out of range).
Line LineAt(std::string_view text, int offset);

// ASCII lower-case copy.
std::string Lower(std::string_view text);

// Lower-case word tokens (ASCII letters, digits, '+', '#'; other bytes separate tokens), so
// "C++" -> "c++" and "Node.js" -> "node", "js".
std::vector<std::string> Tokenize(std::string_view text);

// True for common English function words and chat filler ("the", "my", "please", "resume").
bool IsStopword(std::string_view token);

// Tokens of `text` without stopwords, reduced by a light plural rule ("skills" -> "skill").
std::vector<std::string> ContentTokens(std::string_view text);

// Byte offset of the first case-insensitive occurrence of `needle` in `haystack` that starts and
// ends at word boundaries, or npos. "Java" is not found in "JavaScript".
std::size_t FindWord(std::string_view haystack, std::string_view needle);

// True when `text` contains `phrase` as whole words, case-insensitively.
bool ContainsWord(std::string_view text, std::string_view phrase);

// True when `text` contains an ASCII digit.
bool HasDigit(std::string_view text);

// Untrusted text made inert for inline Markdown: whitespace runs collapse to one space, Markdown
// and HTML punctuation is backslash-escaped, and tokens that would autolink (URLs, "www."
// addresses, e-mail addresses) are shown as code spans, so "![x](http://evil)", "<script>" and
// "www.evil.example" render as plain text. The result stays on one line.
std::string EscapeInline(std::string_view text);

// EscapeInline() of at most `max_bytes` of `text` (cut at a UTF-8 boundary, "…" appended).
std::string Quote(std::string_view text, std::size_t max_bytes = 220);

// "a", "a and b", "a, b and c".
std::string JoinAnd(const std::vector<std::string>& items);

}  // namespace rc::engine::coach

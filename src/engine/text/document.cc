// Document construction and token/offset helpers.
#include "engine/text/document.h"

namespace rc::engine {

std::string_view Document::TokenText(std::uint32_t first, std::uint32_t last) const {
  if (first >= last || last > tok.tokens.size()) return {};
  const std::uint32_t b = tok.tokens[first].begin;
  const std::uint32_t e = tok.tokens[last - 1].end;
  return std::string_view(norm.text).substr(b, e - b);
}

model::Span Document::TokenSpan(std::uint32_t first, std::uint32_t last) const {
  if (first >= last || last > tok.tokens.size()) return {};
  return norm.ToOriginal(tok.tokens[first].begin, tok.tokens[last - 1].end);
}

std::string_view Document::LineText(std::uint32_t line) const {
  if (line >= tok.lines.size()) return {};
  const TokenRange& r = tok.lines[line];
  return std::string_view(norm.text).substr(r.begin, r.end - r.begin);
}

Document MakeDocument(std::string_view text) {
  Document doc;
  doc.original = std::string(text);
  doc.norm = Normalize(doc.original);
  doc.tok = Tokenize(doc.norm.text);
  return doc;
}

}  // namespace rc::engine

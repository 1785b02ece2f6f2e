// Tokenizer: a single left-to-right scan; line and sentence ranges are built alongside.
#include "engine/text/tokenizer.h"

namespace rc::engine {
namespace {

bool IsAlnum(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80;
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t'; }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string MatchKey(std::string_view written, std::string_view lower) {
  // An upper-case acronym with a plural "s" ("APIs", "KPIs") folds to the acronym.
  if (written.size() >= 3 && written.back() == 's') {
    bool acronym = true;
    for (std::size_t k = 0; k + 1 < written.size() && acronym; ++k) {
      const char c = written[k];
      acronym = (c >= 'A' && c <= 'Z') || (k > 0 && c >= '0' && c <= '9');
    }
    if (acronym) return std::string(lower.substr(0, lower.size() - 1));
  }
  return FoldPlural(lower);
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string FoldPlural(std::string_view w) {
  if (w.size() < 4 || w.back() != 's') return std::string(w);
  for (char c : w) {
    if (!((c >= 'a' && c <= 'z') || c == '-')) return std::string(w);
  }
  if (EndsWith(w, "ss") || EndsWith(w, "us") || EndsWith(w, "is")) return std::string(w);
  if (EndsWith(w, "ies") && w.size() > 4) return std::string(w.substr(0, w.size() - 3)) + "y";
  if (EndsWith(w, "sses") || EndsWith(w, "xes") || EndsWith(w, "ches") || EndsWith(w, "shes")) {
    return std::string(w.substr(0, w.size() - 2));
  }
  return std::string(w.substr(0, w.size() - 1));
}

Tokenized Tokenize(std::string_view s) {
  Tokenized out;
  const std::size_t n = s.size();
  std::uint32_t line = 0;
  std::uint32_t sentence = 0;
  bool line_has_tokens = false;
  bool sentence_has_tokens = false;
  auto close_sentence = [&]() {
    if (sentence_has_tokens) {
      ++sentence;
      sentence_has_tokens = false;
    }
  };
  auto close_line = [&]() {
    close_sentence();
    if (line_has_tokens) {
      ++line;
      line_has_tokens = false;
    }
  };
  auto push = [&](std::size_t b, std::size_t e, bool word) {
    Token t;
    t.begin = static_cast<std::uint32_t>(b);
    t.end = static_cast<std::uint32_t>(e);
    t.is_word = word;
    t.lower = AsciiLower(s.substr(b, e - b));
    t.key = word ? MatchKey(s.substr(b, e - b), t.lower) : t.lower;
    t.line = line;
    t.sentence = sentence;
    out.tokens.push_back(std::move(t));
    line_has_tokens = true;
    sentence_has_tokens = true;
  };
  std::size_t i = 0;
  while (i < n) {
    const char c = s[i];
    if (c == '\n') {
      close_line();
      ++i;
      continue;
    }
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    // ".NET" style: a dot that starts a word after a space or line start.
    const bool dot_word = c == '.' && i + 1 < n && IsAlnum(s[i + 1]) &&
                          (i == 0 || IsSpace(s[i - 1]) || s[i - 1] == '(' || s[i - 1] == '/');
    if (IsAlnum(c) || dot_word) {
      std::size_t j = i + 1;
      while (j < n) {
        if (IsAlnum(s[j])) {
          ++j;
        } else if ((s[j] == '.' || s[j] == '\'') && j + 1 < n && IsAlnum(s[j + 1]) &&
                   IsAlnum(s[j - 1])) {
          ++j;  // "node.js", "asp.net", "don't"; a final period is punctuation
        } else {
          break;
        }
      }
      // Trailing '+' or '#' belongs to the word: "C++", "C#", "F#", "Security+", "Linux+";
      // not in "a+b", where a word follows.
      std::size_t k = j;
      while (k < n && (s[k] == '+' || s[k] == '#') && k - j < 2) ++k;
      if (k > j && (k >= n || !IsAlnum(s[k]))) j = k;
      push(i, j, true);
      i = j;
      continue;
    }
    push(i, i + 1, false);
    const bool boundary_after = i + 1 >= n || IsSpace(s[i + 1]);
    if ((c == '.' || c == ';' || c == '!' || c == '?') && boundary_after) close_sentence();
    ++i;
  }
  close_line();
  // Build ranges from the tokens' line and sentence indices.
  for (std::uint32_t k = 0; k < out.tokens.size(); ++k) {
    const Token& t = out.tokens[k];
    auto extend = [&](std::vector<TokenRange>& ranges, std::uint32_t index) {
      if (ranges.size() <= index) ranges.push_back({k, k + 1, t.begin, t.end});
      ranges[index].last = k + 1;
      ranges[index].end = t.end;
    };
    extend(out.lines, t.line);
    extend(out.sentences, t.sentence);
  }
  return out;
}

}  // namespace rc::engine

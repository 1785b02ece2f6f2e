// Flattened job descriptions: closed cue lists and a token scan that puts line breaks back.
#include "engine/parse/jd_layout.h"

#include <algorithm>
#include <iterator>
#include <set>

#include "engine/extract/phrase_patterns.h"
#include "engine/parse/jd_parser.h"

namespace rc::engine {
namespace {

// Words that open a requirement or a duty bullet: when one of them, capitalised, follows a word
// with no punctuation between, the text lost a line break there.
constexpr std::string_view kItemOpeners[] = {
    "ability",       "bachelor's",  "demonstrated", "effective",   "excellent", "experience",
    "experienced",   "expert",      "expertise",    "familiarity", "familiar",  "good",
    "hands",         "have",        "knowledge",    "minimum",     "must",      "passion",
    "proactive",     "proficiency", "proficient",   "proven",      "solid",     "strong",
    "understanding", "we",          "our",          "you",         "your"};

// Lower-case words that may sit inside a capitalised label ("Skills and Competencies:").
constexpr std::string_view kLabelJoiners[] = {"and", "of", "for", "to", "the", "in", "&", "/", "-"};

// Words that bind what follows to what precedes: no line break after them.
constexpr std::string_view kBinders[] = {
    "a",  "an",   "the", "and",  "or",   "of",        "with", "in", "on",  "for",  "to",   "at",
    "by", "from", "as",  "such", "like", "including", "via",  "&",  "nor", "than", "into", "using"};

template <std::size_t N>
bool In(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

bool IsBinder(std::string_view w) { return In(kBinders, w); }

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

bool IsSectionKind(const std::string& kind) {
  return kind == "requirements" || kind == "preferred" || kind == "responsibilities" ||
         kind == "about" || kind == "benefits";
}

class LineBreaker {
 public:
  LineBreaker(std::string_view text, const Tokenized& tok) : text_(text), tok_(tok) {}

  // Token indices before which a line break belongs, for the line [first, last).
  void Scan(std::uint32_t first, std::uint32_t last, std::set<std::uint32_t>* breaks) const {
    // A section label that opens the line ("Minimum Required Skills: Java, ...") stands alone.
    if (const std::uint32_t colon = LabelColon(first, last, /*line_start=*/true); colon > first) {
      if (IsSectionKind(JobHeadingKind(Text(first, colon + 1))) && colon + 1 < last) {
        breaks->insert(colon + 1);
      }
    }
    for (std::uint32_t k = first + 1; k < last; ++k) {
      if (!SpaceBefore(k)) continue;
      const Token& t = tok_.tokens[k];
      if (IsBullet(k, last)) {
        breaks->insert(k);
        continue;
      }
      if (!t.is_word || !IsUpper(text_[t.begin])) continue;
      if (const std::uint32_t end = HeadingEnd(k, last); end > k) {
        breaks->insert(k);
        if (end < last) breaks->insert(end);
        k = end - 1;
        continue;
      }
      if (const std::uint32_t colon = LabelColon(k, last); colon > k) {
        breaks->insert(k);
        if (IsSectionKind(JobHeadingKind(Text(k, colon + 1))) && colon + 1 < last) {
          breaks->insert(colon + 1);
        }
        k = colon;
        continue;
      }
      if (IsRunOnItem(k, last)) breaks->insert(k);
    }
  }

 private:
  std::string_view Text(std::uint32_t first, std::uint32_t last) const {
    return text_.substr(tok_.tokens[first].begin,
                        tok_.tokens[last - 1].end - tok_.tokens[first].begin);
  }

  bool SpaceBefore(std::uint32_t k) const {
    return k > 0 && tok_.tokens[k].begin > tok_.tokens[k - 1].end;
  }

  bool StartsLower(std::uint32_t k) const {
    return tok_.tokens[k].is_word && IsLower(text_[tok_.tokens[k].begin]);
  }

  // "- Developing new features": a marker between spaces before a word; "2012 - 2019" is a range.
  bool IsBullet(std::uint32_t k, std::uint32_t last) const {
    const Token& t = tok_.tokens[k];
    if (t.lower != "-" && t.lower != "*") return false;
    if (k + 1 >= last || !SpaceBefore(k + 1)) return false;
    const Token& next = tok_.tokens[k + 1];
    const Token& prev = tok_.tokens[k - 1];
    const auto digit = [&](const Token& x) {
      return x.is_word && x.lower[0] >= '0' && x.lower[0] <= '9';
    };
    if (digit(prev) && digit(next)) return false;
    return next.is_word || next.lower == "$";
  }

  // A known heading of two to seven words written without a colon ("Nice To Haves"), followed by
  // a capitalised word, a number, a bullet or a colon: returns the token after the heading (after
  // the colon when there is one), or k when there is none here.
  std::uint32_t HeadingEnd(std::uint32_t k, std::uint32_t last) const {
    const Token& prev = tok_.tokens[k - 1];
    if (prev.is_word && IsBinder(prev.lower)) return k;
    // After a capitalised word a heading with a colon may start earlier ("Minimum Required
    // Skills:"); the label rule reads those.
    const bool after_capital = prev.is_word && IsUpper(text_[prev.begin]);
    std::uint32_t best = k;
    std::uint32_t end = k;
    for (int words = 1; words <= 7 && end < last && tok_.tokens[end].is_word; ++words) {
      ++end;
      if (words < 2) continue;
      const std::string kind = JobHeadingKind(Text(k, end));
      if (!IsSectionKind(kind)) continue;
      if (end == last) continue;
      const Token& next = tok_.tokens[end];
      if (next.lower == ":") {
        if (!after_capital) best = end + 1;
      } else if (next.lower == "-" || next.lower == "*" ||
                 (next.is_word && !IsLower(text_[next.begin]))) {
        best = end;
      }
    }
    return best;
  }

  // "Desired Skills:" - up to five capitalised words (with joiners and a parenthesis) before a
  // colon, not after a function word ("experience with AWS: ..."). Returns the colon's index, or
  // k when there is no label here.
  std::uint32_t LabelColon(std::uint32_t k, std::uint32_t last, bool line_start = false) const {
    if (!line_start) {
      const Token& prev = tok_.tokens[k - 1];
      // After a capitalised word the label would start earlier ("Primary Purpose:").
      if (prev.lower == "," ||
          (prev.is_word && (IsBinder(prev.lower) || IsUpper(text_[prev.begin])))) {
        return k;
      }
    }
    if (!tok_.tokens[k].is_word || !IsUpper(text_[tok_.tokens[k].begin])) return k;
    int words = 0;
    int depth = 0;
    for (std::uint32_t j = k; j < last; ++j) {
      const Token& t = tok_.tokens[j];
      if (t.lower == ":") return words > 0 && depth == 0 ? j : k;
      if (t.lower == "(") {
        ++depth;
      } else if (t.lower == ")") {
        if (--depth < 0) return k;
      } else if (depth > 0) {
        if (!t.is_word) return k;
      } else if (t.is_word && (IsUpper(text_[t.begin]) || In(kLabelJoiners, t.lower))) {
        if (++words > 5) return k;
      } else if (!In(kLabelJoiners, t.lower)) {
        return k;
      }
    }
    return k;
  }

  // "... control tool Must have ...": a capitalised opener after a word, before a lower-case word.
  bool IsRunOnItem(std::uint32_t k, std::uint32_t last) const {
    const Token& t = tok_.tokens[k];
    const Token& prev = tok_.tokens[k - 1];
    if (!(prev.is_word || prev.lower == ")")) return false;
    if (prev.is_word && IsBinder(prev.lower)) return false;
    if (k + 1 >= last || !StartsLower(k + 1)) return false;
    if (t.lower.size() > 1 && IsUpper(text_[t.begin + 1])) return false;  // an acronym
    if (In(kItemOpeners, t.lower)) {
      // After a capitalised word the opener may be part of a name ("Customer Experience team");
      // an item goes on with a binding word or a verb ("WCF Experience in ...", "JQuery Hands
      // on ...", "Architectures Experience developing ...").
      const bool pronoun =
          t.lower == "we" || t.lower == "our" || t.lower == "you" || t.lower == "your";
      if (!pronoun && prev.is_word && IsUpper(text_[prev.begin])) {
        const std::string& next = tok_.tokens[k + 1].lower;
        return IsBinder(next) || next == "have" || next == "be" || IsActionVerb(next);
      }
      return true;
    }
    // A duty verb after a capitalised word may be part of a name ("Continuous Monitoring").
    return IsActionVerb(t.lower) && (prev.lower == ")" || !IsUpper(text_[prev.begin]));
  }

  std::string_view text_;
  const Tokenized& tok_;
};

}  // namespace

std::string RestoreJobLineBreaks(std::string_view normalized) {
  std::string out(normalized);
  const Tokenized tok = Tokenize(normalized);
  const LineBreaker breaker(normalized, tok);
  std::set<std::uint32_t> breaks;
  for (const TokenRange& line : tok.lines) {
    int words = 0;
    for (std::uint32_t k = line.first; k < line.last; ++k) words += tok.tokens[k].is_word ? 1 : 0;
    if (words < kFlattenedLineMinWords) continue;
    breaker.Scan(line.first, line.last, &breaks);
  }
  for (std::uint32_t k : breaks) {
    // The space right before the token becomes the line break.
    const std::uint32_t b = tok.tokens[k].begin;
    if (b > 0 && (out[b - 1] == ' ' || out[b - 1] == '\t')) out[b - 1] = '\n';
  }
  return out;
}

Document MakeJobDocument(std::string_view text) {
  Document doc;
  doc.original = std::string(text);
  doc.norm = Normalize(doc.original);
  doc.norm.text = RestoreJobLineBreaks(doc.norm.text);
  doc.tok = Tokenize(doc.norm.text);
  return doc;
}

}  // namespace rc::engine

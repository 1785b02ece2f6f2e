// Invisible-character stripping and instruction-like phrase detection.
#include "ingest/text_screen.h"

#include <cstdint>

namespace rc::ingest {
namespace {

// Decodes one code point from valid UTF-8 at `i`; sets `len` to its byte length.
char32_t DecodeAt(std::string_view s, size_t i, size_t* len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *len = 1;
    return b0;
  }
  int n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2;
  if (i + static_cast<size_t>(n) > s.size()) {
    *len = 1;
    return 0xFFFD;
  }
  char32_t cp = b0 & (0x7F >> n);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = static_cast<size_t>(n);
  return cp;
}

bool IsZeroWidth(char32_t c) {
  return (c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF || c == 0x180E;
}
bool IsBidiControl(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}
bool IsTag(char32_t c) { return c >= 0xE0000 && c <= 0xE007F; }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// A whitespace-separated word, lower-cased (ASCII), with punctuation trimmed from both ends.
struct Token {
  std::string word;
  size_t begin;
  size_t end;
};

bool IsEdgePunct(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' ||
         c == '\'' || c == '(' || c == ')' || c == '[' || c == ']' || c == '*' || c == '-' ||
         c == '<' || c == '>' || c == '{' || c == '}';
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    size_t begin = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    size_t end = i;
    while (begin < end && IsEdgePunct(text[begin])) ++begin;
    while (end > begin && IsEdgePunct(text[end - 1])) --end;
    if (end <= begin) continue;
    std::string word(text.substr(begin, end - begin));
    for (char& c : word) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    tokens.push_back({std::move(word), begin, end});
  }
  return tokens;
}

// Phrases addressed to a screening program rather than to a human reader. "*" stands for up to
// three arbitrary words.
constexpr std::string_view kPatterns[] = {
    "ignore * previous",
    "ignore * prior",
    "ignore * above",
    "ignore * instructions",
    "ignore all other",
    "disregard * previous",
    "disregard * prior",
    "disregard * above",
    "disregard * instructions",
    "forget * previous",
    "forget * instructions",
    "override * instructions",
    "new instructions",
    "rate this candidate",
    "rate this resume",
    "rate this applicant",
    "rank this candidate",
    "rank this resume",
    "rank this applicant",
    "score this candidate",
    "score this resume",
    "score this applicant",
    "recommend this candidate",
    "hire this candidate",
    "rank * first",
    "rate * 10/10",
    "score * 10/10",
    "rate * 10 out of 10",
    "you are an ai",
    "you are a language model",
    "you are an assistant",
    "you are chatgpt",
    "you are a large language model",
    "as an ai",
    "as a language model",
    "system prompt",
    "give a positive review",
    "do not highlight any negatives",
    "note to ai",
    "note to the ai",
    "ai reviewers",
    "ai screeners",
    "this candidate is the best",
    "mark this candidate",
};

std::vector<std::string_view> SplitPattern(std::string_view p) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < p.size()) {
    size_t j = p.find(' ', i);
    if (j == std::string_view::npos) j = p.size();
    parts.push_back(p.substr(i, j - i));
    i = j + 1;
  }
  return parts;
}

// Matches pattern parts from `pi` against tokens from `ti`; returns the index one past the last
// matched token, or 0 when there is no match.
size_t MatchFrom(const std::vector<std::string_view>& parts, size_t pi,
                 const std::vector<Token>& tokens, size_t ti) {
  if (pi == parts.size()) return ti;
  if (parts[pi] == "*") {
    for (size_t skip = 0; skip <= 3 && ti + skip <= tokens.size(); ++skip) {
      size_t end = MatchFrom(parts, pi + 1, tokens, ti + skip);
      if (end != 0) return end;
    }
    return 0;
  }
  if (ti >= tokens.size() || tokens[ti].word != parts[pi]) return 0;
  return MatchFrom(parts, pi + 1, tokens, ti + 1);
}

bool IsSentenceEnd(char c) { return c == '.' || c == '!' || c == '?' || c == '\n'; }

}  // namespace

std::string MakeExcerpt(std::string_view text, size_t max_bytes) {
  std::string out;
  bool pending_space = false;
  for (size_t i = 0; i < text.size();) {
    if (IsSpace(text[i])) {
      pending_space = !out.empty();
      ++i;
      continue;
    }
    size_t len = 1;
    DecodeAt(text, i, &len);
    if (out.size() + len + (pending_space ? 1 : 0) > max_bytes) {
      out += "…";
      return out;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

std::string StripInvisibleCharacters(std::string_view text, std::string_view location,
                                     std::vector<Warning>* warnings, std::string* hidden) {
  std::string out;
  out.reserve(text.size());
  int zero_width = 0;
  int bidi = 0;
  int tags = 0;
  size_t first_zero_width = std::string_view::npos;
  size_t first_bidi = std::string_view::npos;
  std::string tag_message;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    char32_t c = DecodeAt(text, i, &len);
    if (IsZeroWidth(c)) {
      if (zero_width++ == 0) first_zero_width = out.size();
    } else if (IsBidiControl(c)) {
      if (bidi++ == 0) first_bidi = out.size();
    } else if (IsTag(c)) {
      ++tags;
      if (c >= 0xE0020 && c <= 0xE007E) tag_message.push_back(static_cast<char>(c - 0xE0000));
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  auto context = [&out](size_t at) {
    size_t begin = at > 60 ? at - 60 : 0;
    while (begin > 0 && (static_cast<unsigned char>(out[begin]) & 0xC0) == 0x80) --begin;
    return MakeExcerpt(std::string_view(out).substr(begin), 120);
  };
  if (zero_width > 0) {
    warnings->push_back({"zero_width",
                         std::to_string(zero_width) +
                             " invisible zero-width character(s) were removed from the text.",
                         context(first_zero_width), std::string(location)});
  }
  if (bidi > 0) {
    warnings->push_back({"bidi_control",
                         std::to_string(bidi) +
                             " invisible text-direction control character(s) were removed; they "
                             "can make text read differently than it looks.",
                         context(first_bidi), std::string(location)});
  }
  if (tags > 0) {
    warnings->push_back({"tag_chars",
                         std::to_string(tags) +
                             " invisible Unicode tag character(s) were removed; they spell out a "
                             "hidden message that readers cannot see.",
                         MakeExcerpt(tag_message), std::string(location)});
    if (!tag_message.empty()) {
      if (!hidden->empty() && hidden->back() != '\n') hidden->push_back('\n');
      *hidden += tag_message;
      hidden->push_back('\n');
    }
  }
  return out;
}

void FindInstructionLikePhrases(std::string_view text, std::string_view location,
                                std::vector<Warning>* warnings) {
  static const std::vector<std::vector<std::string_view>> kSplitPatterns = [] {
    std::vector<std::vector<std::string_view>> split;
    for (std::string_view p : kPatterns) split.push_back(SplitPattern(p));
    return split;
  }();
  const std::vector<Token> tokens = Tokenize(text);
  size_t last_sentence_end = 0;  // avoid one warning per phrase in the same sentence
  for (size_t t = 0; t < tokens.size(); ++t) {
    for (const std::vector<std::string_view>& parts : kSplitPatterns) {
      size_t end = MatchFrom(parts, 0, tokens, t);
      if (end == 0) continue;
      size_t begin = tokens[t].begin;
      if (begin < last_sentence_end) break;
      size_t sb = begin;
      while (sb > 0 && !IsSentenceEnd(text[sb - 1])) --sb;
      size_t se = tokens[end - 1].end;
      while (se < text.size() && !IsSentenceEnd(text[se])) ++se;
      if (se < text.size() && text[se] != '\n') ++se;
      last_sentence_end = se;
      warnings->push_back({"instruction_like",
                           "This text reads like an instruction to an automated screening "
                           "program rather than information for a reader.",
                           MakeExcerpt(text.substr(sb, se - sb)), std::string(location)});
      break;
    }
  }
}

}  // namespace rc::ingest

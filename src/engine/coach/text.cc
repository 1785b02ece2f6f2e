// Text helpers for the coach: lines with offsets, tokens, word search and Markdown escaping.
#include "engine/coach/text.h"

#include <algorithm>
#include <array>

namespace rc::engine::coach {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Trims whitespace and one leading bullet marker; returns [begin, end) within `line`.
std::pair<std::size_t, std::size_t> TrimBullet(std::string_view line) {
  std::size_t b = 0;
  std::size_t e = line.size();
  while (b < e && IsSpace(line[b])) ++b;
  while (e > b && IsSpace(line[e - 1])) --e;
  static constexpr std::array<std::string_view, 7> kMarkers = {
      "- ", "* ", "+ ", "\u2022", "\u00b7", "\u2013 ", "\u25aa"};
  for (std::string_view marker : kMarkers) {
    if (line.substr(b, e - b).starts_with(marker)) {
      b += marker.size();
      while (b < e && IsSpace(line[b])) ++b;
      break;
    }
  }
  return {b, e};
}

}  // namespace

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    auto [b, e] = TrimBullet(raw);
    if (e > b) {
      lines.push_back({raw.substr(b, e - b),
                       {static_cast<std::int32_t>(pos + b), static_cast<std::int32_t>(pos + e)}});
    }
    pos = nl + 1;
  }
  return lines;
}

std::string_view TrimMarker(std::string_view text) {
  auto [b, e] = TrimBullet(text);
  return text.substr(b, e - b);
}

std::string_view SpanText(std::string_view text, model::Span span) {
  if (span.begin < 0 || span.end <= span.begin) return {};
  std::size_t b = static_cast<std::size_t>(span.begin);
  std::size_t e = std::min(static_cast<std::size_t>(span.end), text.size());
  if (b >= e) return {};
  return text.substr(b, e - b);
}

Line LineAt(std::string_view text, int offset) {
  if (offset < 0 || static_cast<std::size_t>(offset) >= text.size()) return {};
  std::size_t off = static_cast<std::size_t>(offset);
  std::size_t b = text.substr(0, off).rfind('\n');
  b = (b == std::string_view::npos) ? 0 : b + 1;
  std::size_t e = text.find('\n', off);
  if (e == std::string_view::npos) e = text.size();
  std::string_view raw = text.substr(b, e - b);
  auto [tb, te] = TrimBullet(raw);
  return {raw.substr(tb, te - tb),
          {static_cast<std::int32_t>(b + tb), static_cast<std::int32_t>(b + te)}};
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ToLower(c);
  return out;
}

std::vector<std::string> Tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (IsWordByte(u) || ((c == '+' || c == '#') && !current.empty())) {
      current.push_back(ToLower(c));
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

bool IsStopword(std::string_view token) {
  static constexpr std::array<std::string_view, 96> kStopwords = {
      "a",     "about",  "all",   "am",    "an",   "and",    "any",    "are",   "as",   "at",
      "be",    "been",   "but",   "by",    "can",  "could",  "cv",     "did",   "do",   "does",
      "doing", "for",    "from",  "get",   "give", "had",    "has",    "have",  "how",  "i",
      "if",    "in",     "into",  "is",    "it",   "its",    "job",    "jd",    "just", "know",
      "let",   "like",   "me",    "mine",  "more", "most",   "much",   "my",    "need", "no",
      "not",   "of",     "on",    "or",    "our",  "please", "resume", "role",  "say",  "says",
      "see",   "should", "show",  "so",    "some", "tell",   "than",   "that",  "the",  "their",
      "them",  "then",   "there", "these", "they", "this",   "those",  "to",    "up",   "us",
      "very",  "was",    "we",    "were",  "what", "when",   "where",  "which", "who",  "why",
      "will",  "with",   "would", "you",   "your", "yours"};
  return std::find(kStopwords.begin(), kStopwords.end(), token) != kStopwords.end();
}

std::vector<std::string> ContentTokens(std::string_view text) {
  std::vector<std::string> out;
  for (std::string& token : Tokenize(text)) {
    if (IsStopword(token)) continue;
    // Light plural folding; short words and "-ss" words ("process") stay as they are.
    if (token.size() > 4 && token.back() == 's' && token[token.size() - 2] != 's') token.pop_back();
    out.push_back(std::move(token));
  }
  return out;
}

std::size_t FindWord(std::string_view haystack, std::string_view needle) {
  if (needle.empty() || needle.size() > haystack.size()) return std::string_view::npos;
  std::string hay = Lower(haystack);
  std::string pin = Lower(needle);
  // A needle ending in punctuation ("C++", "C#") needs no boundary after it.
  bool check_end = IsWordByte(static_cast<unsigned char>(pin.back()));
  bool check_begin = IsWordByte(static_cast<unsigned char>(pin.front()));
  for (std::size_t pos = hay.find(pin); pos != std::string::npos; pos = hay.find(pin, pos + 1)) {
    bool begin_ok =
        !check_begin || pos == 0 || !IsWordByte(static_cast<unsigned char>(hay[pos - 1]));
    std::size_t end = pos + pin.size();
    bool end_ok =
        !check_end || end == hay.size() ||
        (!IsWordByte(static_cast<unsigned char>(hay[end])) && hay[end] != '+' && hay[end] != '#');
    if (begin_ok && end_ok) return pos;
  }
  return std::string_view::npos;
}

bool ContainsWord(std::string_view text, std::string_view phrase) {
  return FindWord(text, phrase) != std::string_view::npos;
}

bool HasDigit(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

namespace {

// True for a token that GitHub-flavoured Markdown would turn into a link on its own: a URL with a
// scheme, a "www." address or an e-mail address. Escaping does not stop that (the autolinking runs
// on the parsed text), so such tokens are quoted as code instead.
bool IsLinkLike(std::string_view token) {
  std::string lower = Lower(token);
  if (lower.find("://") != std::string::npos) return true;
  if (lower.find("www.") != std::string::npos) return true;
  std::size_t at = lower.find('@');
  return at != std::string::npos && lower.find('.', at) != std::string::npos;
}

void AppendEscaped(std::string_view token, std::string& out) {
  for (char c : token) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '(':
      case ')':
      case '<':
      case '>':
      case '#':
      case '|':
      case '~':
      case '&':
        out.push_back('\\');
        out.push_back(c);
        break;
      default:
        out.push_back(c);
    }
  }
}

}  // namespace

std::string EscapeInline(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t i = 0;
  bool first = true;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i == start) break;
    std::string_view token = text.substr(start, i - start);
    if (!first) out.push_back(' ');
    if (IsLinkLike(token)) {
      // A code span shows the text as written and is never linked or rendered as HTML.
      out.push_back('`');
      for (char c : token) {
        if (c != '`') out.push_back(c);
      }
      out.push_back('`');
    } else {
      std::size_t before = out.size();
      AppendEscaped(token, out);
      if (first) {
        // A leading "-", "+" or "1." would start a list if the quote opens a line.
        std::string_view t = std::string_view(out).substr(before);
        std::size_t digits = 0;
        while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
        if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
          out.insert(before, "\\");
        } else if (digits > 0 && digits < t.size() && (t[digits] == '.' || t[digits] == ')')) {
          out.insert(before + digits, "\\");
        }
      }
    }
    first = false;
  }
  return out;
}

std::string Quote(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return EscapeInline(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  // Prefer to cut at a word boundary.
  std::size_t space = text.rfind(' ', cut);
  if (space != std::string_view::npos && space > max_bytes / 2) cut = space;
  return EscapeInline(text.substr(0, cut)) + "\u2026";
}

std::string JoinAnd(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " and " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace rc::engine::coach

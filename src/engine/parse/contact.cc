// Contact finding: character scans for emails, phones and links; no regular expressions.
#include "engine/parse/contact.h"

#include <cctype>
#include <string>

#include "base/ascii.h"

namespace rc::engine {
namespace {

bool IsEmailLocal(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' ||
         c == '+' || c == '-';
}

bool IsDomain(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
}

std::string_view TrimPunct(std::string_view s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ')' || s.back() == ';' ||
                        s.back() == '|')) {
    s.remove_suffix(1);
  }
  while (!s.empty() && (s.front() == '(' || s.front() == '<')) s.remove_prefix(1);
  return s;
}

}  // namespace

ContactFinding FindContact(std::string_view text) {
  ContactFinding out;
  const std::size_t n = text.size();
  // Email.
  for (std::size_t at = text.find('@'); at != std::string_view::npos && out.contact.email.empty();
       at = text.find('@', at + 1)) {
    std::size_t b = at;
    while (b > 0 && IsEmailLocal(text[b - 1])) --b;
    std::size_t e = at + 1;
    while (e < n && IsDomain(text[e])) ++e;
    while (e > at + 1 && (text[e - 1] == '.' || text[e - 1] == '-')) --e;
    const std::string_view domain = text.substr(at + 1, e - at - 1);
    if (b < at && domain.find('.') != std::string_view::npos && domain.front() != '.') {
      out.contact.email = std::string(text.substr(b, e - b));
      out.spans.push_back({static_cast<std::int32_t>(b), static_cast<std::int32_t>(e)});
    }
  }
  // Links: whitespace-delimited chunks naming a profile or web address.
  std::size_t i = 0;
  while (i < n) {
    while (i < n && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t j = i;
    while (j < n && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    std::string_view chunk = TrimPunct(text.substr(i, j - i));
    if (chunk.find('.') == std::string_view::npos) {  // every link has a dot
      i = j;
      continue;
    }
    const std::string lower = AsciiLower(chunk);
    const bool link = lower.find("linkedin.com") != std::string::npos ||
                      lower.find("github.com") != std::string::npos ||
                      lower.find("gitlab.com") != std::string::npos ||
                      lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0 ||
                      lower.rfind("www.", 0) == 0;
    if (link && chunk.find('@') == std::string_view::npos && out.contact.links.size() < 8) {
      out.contact.links.emplace_back(chunk);
      const std::size_t b = static_cast<std::size_t>(chunk.data() - text.data());
      out.spans.push_back(
          {static_cast<std::int32_t>(b), static_cast<std::int32_t>(b + chunk.size())});
    }
    i = j;
  }
  // Phone: a run of digits and separators holding 10 to 15 digits.
  i = 0;
  while (i < n && out.contact.phone.empty()) {
    if (!(std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '+' || text[i] == '(')) {
      ++i;
      continue;
    }
    if (i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '/')) {
      ++i;
      continue;
    }
    std::size_t j = i;
    int digits = 0;
    while (j < n &&
           (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == ' ' || text[j] == '-' ||
            text[j] == '.' || text[j] == '(' || text[j] == ')' || text[j] == '+')) {
      digits += std::isdigit(static_cast<unsigned char>(text[j])) ? 1 : 0;
      ++j;
    }
    while (j > i && !std::isdigit(static_cast<unsigned char>(text[j - 1]))) --j;
    const bool word_end = j >= n || !std::isalpha(static_cast<unsigned char>(text[j]));
    if (digits >= 10 && digits <= 15 && word_end) {
      out.contact.phone = std::string(text.substr(i, j - i));
      out.spans.push_back({static_cast<std::int32_t>(i), static_cast<std::int32_t>(j)});
    }
    i = std::max(j, i + 1);
  }
  // Name: the first non-empty line when it looks like a name.
  std::size_t line_start = 0;
  int line_no = 0;
  while (line_start < n && line_no < 5) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = n;
    std::string_view line = text.substr(line_start, line_end - line_start);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    line_start = line_end + 1;
    if (line.empty()) continue;
    ++line_no;
    if (line_no == 1) {
      int words = 0;
      bool ok = true;
      bool in_word = false;
      for (char c : line) {
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '\'' ||
            static_cast<unsigned char>(c) >= 0x80) {
          if (!in_word) ++words;
          in_word = true;
        } else if (c == ' ') {
          in_word = false;
        } else {
          ok = false;
        }
      }
      if (ok && words >= 2 && words <= 4) out.contact.name = std::string(line);
    }
    // Location: "City, ST" or "City, Country" as a separate part of a line.
    if (out.contact.location.empty()) {
      std::size_t part_start = 0;
      while (part_start <= line.size()) {
        std::size_t part_end = line.find_first_of("|\xE2", part_start);
        if (part_end == std::string_view::npos) part_end = line.size();
        std::string_view part = line.substr(part_start, part_end - part_start);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
        const std::size_t comma = part.find(", ");
        if (comma != std::string_view::npos && comma > 1 && part.size() - comma >= 4 &&
            part.size() <= 40 && std::isupper(static_cast<unsigned char>(part[0])) &&
            std::isupper(static_cast<unsigned char>(part[comma + 2])) &&
            part.find('@') == std::string_view::npos &&
            part.find_first_of("0123456789") == std::string_view::npos) {
          out.contact.location = std::string(part);
          break;
        }
        part_start = part_end + 1;
      }
    }
  }
  return out;
}

}  // namespace rc::engine

// Section and image checks over LLM answers.
#include "llm/output_checks.h"

#include "base/ascii.h"

namespace rc::llm {
namespace {

// The heading text of a Markdown ATX heading line, lower-case and trimmed, or "".
std::string HeadingText(std::string_view line) {
  std::size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos || i > 3 || line[i] != '#') return "";
  while (i < line.size() && line[i] == '#') ++i;
  if (i < line.size() && line[i] != ' ') return "";
  std::string_view text = line.substr(i);
  while (!text.empty() && (text.front() == ' ' || text.front() == '*')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == ':' ||
                           text.back() == '*' || text.back() == '#')) {
    text.remove_suffix(1);
  }
  return AsciiLower(text);
}

}  // namespace

const std::vector<std::string>& AnalysisSections() {
  static const std::vector<std::string> kSections = {
      "Qualification Assessment", "Missing Skills / Experience", "Key Strengths"};
  return kSections;
}

std::vector<std::string> MissingAnalysisSections(std::string_view markdown) {
  std::vector<std::string> headings;
  std::size_t pos = 0;
  while (pos <= markdown.size()) {
    std::size_t end = markdown.find('\n', pos);
    if (end == std::string_view::npos) end = markdown.size();
    if (std::string h = HeadingText(markdown.substr(pos, end - pos)); !h.empty()) {
      headings.push_back(std::move(h));
    }
    pos = end + 1;
  }
  std::vector<std::string> missing;
  for (const std::string& section : AnalysisSections()) {
    const std::string want = AsciiLower(section);
    bool found = false;
    for (const std::string& h : headings) found = found || h == want;
    if (!found) missing.push_back(section);
  }
  return missing;
}

std::string RemoveMarkdownImages(std::string_view md) {
  std::string out;
  out.reserve(md.size());
  bool fenced = false;
  std::size_t pos = 0;
  while (pos < md.size()) {
    std::size_t end = md.find('\n', pos);
    end = end == std::string_view::npos ? md.size() : end + 1;
    const std::string_view line = md.substr(pos, end - pos);
    const std::size_t lead = line.find_first_not_of(' ');
    if (lead != std::string_view::npos &&
        (line.substr(lead).starts_with("```") || line.substr(lead).starts_with("~~~"))) {
      fenced = !fenced;
      out.append(line);
      pos = end;
      continue;
    }
    if (fenced) {
      out.append(line);
      pos = end;
      continue;
    }
    bool in_code = false;
    for (std::size_t i = 0; i < line.size();) {
      const char c = line[i];
      if (c == '`') in_code = !in_code;
      if (!in_code && c == '!' && i + 1 < line.size() && line[i + 1] == '[') {
        const std::size_t close = line.find(']', i + 2);
        if (close != std::string_view::npos && close + 1 < line.size() &&
            (line[close + 1] == '(' || line[close + 1] == '[')) {
          const char closer = line[close + 1] == '(' ? ')' : ']';
          const std::size_t target_end = line.find(closer, close + 2);
          if (target_end != std::string_view::npos) {
            out.append(line.substr(i + 2, close - i - 2));  // the alt text
            i = target_end + 1;
            continue;
          }
        }
      }
      out.push_back(c);
      ++i;
    }
    pos = end;
  }
  return out;
}

}  // namespace rc::llm

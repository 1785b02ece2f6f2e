// Detecting, annotating and removing unsupported skill claims in LLM answers.
#include "llm/grounding.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "base/ascii.h"

namespace rc::llm {
namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (static_cast<unsigned char>(c) >= 0x80);
}

// True when `needle` occurs in `hay` with no word character on either side.
bool ContainsWord(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return false;
  std::size_t pos = 0;
  while ((pos = hay.find(needle, pos)) != std::string_view::npos) {
    const bool left = pos == 0 || !IsWordChar(hay[pos - 1]) || !IsWordChar(needle.front());
    const std::size_t after = pos + needle.size();
    const bool right = after >= hay.size() || !IsWordChar(hay[after]) || !IsWordChar(needle.back());
    if (left && right) return true;
    ++pos;
  }
  return false;
}

bool NamesSkill(std::string_view sentence, std::string_view lower_sentence,
                const UnsupportedSkill& skill) {
  auto matches = [&](const std::string& form) {
    if (form.size() <= 2) return ContainsWord(sentence, form);  // "Go", "R", "C": exact case
    return ContainsWord(lower_sentence, AsciiLower(form));
  };
  if (matches(skill.name)) return true;
  return std::any_of(skill.aliases.begin(), skill.aliases.end(), matches);
}

// Phrases that assert the candidate has something.
constexpr std::array kPossession = {
    "you have",      "you've",       "you bring",    "you are",
    "you're",        "has ",         "have ",        "demonstrat",
    "shows",         "showcas",      "proven",       "experience with",
    "experience in", "experienced",  "expertise",    "proficien",
    "skilled",       "strong ",      "solid ",       "hands-on",
    "background in", "worked with",  "used ",        "using ",
    "familiar",      "knowledge of", "track record", "certified",
    "excellent",     "highlight",    "your ",        "led ",
    "built ",        "deep ",        "extensive",    "well-versed",
    "mastery",       "command of",   "adept",        "the candidate",
};

// Phrases that turn a mention into a gap or a suggestion.
constexpr std::array kNegation = {
    "no ",         "not ",     "n't",           "lack",        "missing",       "without", "absent",
    "gap",         "add ",     "adding",        "learn",       "consider",      "if you",  "could ",
    "should ",     "would ",   "might ",        "may want",    "unless",        "only if", "try ",
    "no evidence", "never",    "nor ",          "pursue",      "course",        "get ",    "gain",
    "acquire",     "build up", "highlight any", "mention any", "if applicable", "if true", "weak",
    "limited",     "requires", "required",      "asks for",    "looking for",   "wants",   "seeks",
};

// True when one of `phrases` starts at a word boundary in `lower` ("n't" may start anywhere).
bool HasAny(std::string_view lower, const auto& phrases) {
  for (const char* p : phrases) {
    const std::string_view phrase(p);
    std::size_t pos = 0;
    while ((pos = lower.find(phrase, pos)) != std::string_view::npos) {
      if (pos == 0 || !IsWordChar(lower[pos - 1]) || (phrase.front() == 'n' && phrase[1] == '\'')) {
        return true;
      }
      ++pos;
    }
  }
  return false;
}

enum class Section { kOther, kStrengths, kMissing };

Section SectionOf(std::string_view heading_line) {
  const std::string lower = AsciiLower(heading_line);
  if (lower.find("missing") != std::string::npos || lower.find("gap") != std::string::npos ||
      lower.find("improve") != std::string::npos) {
    return Section::kMissing;
  }
  if (lower.find("strength") != std::string::npos) return Section::kStrengths;
  return Section::kOther;
}

struct Sentence {
  std::size_t begin;
  std::size_t end;
  Section section;
};

// Splits into sentences: a line is a unit, and inside a line ". ", "! ", "? " end a sentence.
// Headings set the section of the sentences that follow and are not sentences themselves.
std::vector<Sentence> SplitSentences(std::string_view text) {
  std::vector<Sentence> out;
  Section section = Section::kOther;
  std::size_t line_begin = 0;
  while (line_begin < text.size()) {
    std::size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_begin, line_end - line_begin);
    std::size_t lead = line.find_first_not_of(" \t");
    if (lead != std::string_view::npos && line[lead] == '#') {
      section = SectionOf(line);
    } else if (lead != std::string_view::npos) {
      std::size_t start = line_begin + lead;
      for (std::size_t i = start; i < line_end; ++i) {
        const char c = text[i];
        const bool terminal = (c == '.' || c == '!' || c == '?') &&
                              (i + 1 == line_end || text[i + 1] == ' ' || text[i + 1] == '\t');
        if (terminal) {
          out.push_back({start, i + 1, section});
          start = i + 1;
          while (start < line_end && (text[start] == ' ' || text[start] == '\t')) ++start;
        }
      }
      std::size_t end = line_end;
      while (end > start &&
             (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r'))
        --end;
      if (end > start) out.push_back({start, end, section});
    }
    line_begin = line_end + 1;
  }
  return out;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

std::vector<UnsupportedSkill> UnsupportedSkills(const model::Report& report,
                                                const AliasLookup& aliases) {
  std::set<std::string> shown;
  for (const auto* list : {&report.matched_skills, &report.extra_skills}) {
    for (const model::SkillMention& m : *list) shown.insert(AsciiLower(m.name));
  }
  std::map<std::string, UnsupportedSkill> by_name;  // keyed by lower-case name
  auto add = [&](const std::string& name, const std::string& skill_id) {
    if (name.empty() || shown.count(AsciiLower(name)) > 0) return;
    UnsupportedSkill& s = by_name[AsciiLower(name)];
    if (s.name.empty()) s.name = name;
    if (aliases && !skill_id.empty()) {
      for (std::string& a : aliases(skill_id)) {
        if (std::find(s.aliases.begin(), s.aliases.end(), a) == s.aliases.end() &&
            shown.count(AsciiLower(a)) == 0) {
          s.aliases.push_back(std::move(a));
        }
      }
    }
  };
  for (const model::SkillMention& m : report.missing_skills) add(m.name, m.skill_id);
  for (const model::RequirementMatch& m : report.matches) {
    const bool unsupported = m.status == model::MatchStatus::kMissing ||
                             (m.status == model::MatchStatus::kPartial && !m.related_skill.empty());
    if (!unsupported) continue;
    for (const model::Requirement& r : report.job.requirements) {
      if (r.id != m.requirement_id) continue;
      if (r.kind == model::RequirementKind::kSkill ||
          r.kind == model::RequirementKind::kCertification) {
        add(r.name, r.skill_id);
      }
    }
  }
  std::vector<UnsupportedSkill> out;
  for (auto& [key, skill] : by_name) out.push_back(std::move(skill));
  return out;
}

std::vector<FlaggedClaim> FindUnsupportedClaims(std::string_view answer,
                                                const std::vector<UnsupportedSkill>& skills) {
  std::vector<FlaggedClaim> out;
  if (skills.empty()) return out;
  for (const Sentence& s : SplitSentences(answer)) {
    if (s.section == Section::kMissing) continue;
    const std::string_view text = answer.substr(s.begin, s.end - s.begin);
    const std::string lower = AsciiLower(text);
    std::vector<std::string> named;
    for (const UnsupportedSkill& skill : skills) {
      if (NamesSkill(text, lower, skill)) named.push_back(skill.name);
    }
    if (named.empty() || HasAny(lower, kNegation)) continue;
    if (s.section != Section::kStrengths && !HasAny(lower, kPossession)) continue;
    out.push_back(FlaggedClaim{s.begin, s.end, std::string(text), std::move(named)});
  }
  return out;
}

std::string AnnotateClaims(std::string_view answer, const std::vector<FlaggedClaim>& claims) {
  std::string out;
  std::size_t pos = 0;
  for (const FlaggedClaim& c : claims) {
    if (c.begin < pos || c.end > answer.size()) continue;
    out.append(answer.substr(pos, c.end - pos));
    out +=
        " _(Not supported by the resume: no evidence of " + JoinNames(c.skills) + " was found.)_";
    pos = c.end;
  }
  out.append(answer.substr(pos));
  return out;
}

std::string RemoveClaims(std::string_view answer, const std::vector<FlaggedClaim>& claims) {
  std::string out;
  std::size_t pos = 0;
  for (const FlaggedClaim& c : claims) {
    if (c.begin < pos || c.end > answer.size()) continue;
    std::size_t begin = c.begin;
    std::size_t end = c.end;
    // A claim that is a whole line goes with its line break.
    const std::size_t line_start = begin == 0 ? 0 : answer.rfind('\n', begin - 1) + 1;
    std::size_t line_end = answer.find('\n', end);
    if (line_end == std::string_view::npos) line_end = answer.size();
    auto blank = [&](std::size_t from, std::size_t to) {
      return answer.substr(from, to - from).find_first_not_of(" \t\r") == std::string_view::npos;
    };
    if (line_start >= pos && blank(line_start, begin) && blank(end, line_end)) {
      begin = line_start;
      end = line_end == answer.size() ? line_end : line_end + 1;
    } else {
      while (end < answer.size() && (answer[end] == ' ' || answer[end] == '\t')) ++end;
    }
    out.append(answer.substr(pos, begin - pos));
    pos = end;
  }
  out.append(answer.substr(pos));
  // Drop lines that are now empty list items or blank where text used to be.
  std::string cleaned;
  std::size_t line_begin = 0;
  while (line_begin <= out.size()) {
    std::size_t line_end = out.find('\n', line_begin);
    const bool last = line_end == std::string::npos;
    if (last) line_end = out.size();
    const std::string_view line(out.data() + line_begin, line_end - line_begin);
    const std::size_t lead = line.find_first_not_of(" \t");
    const std::string_view body = lead == std::string_view::npos ? "" : line.substr(lead);
    const bool empty_item =
        body == "-" || body == "*" || body == "+" ||
        (body.size() <= 4 && !body.empty() && body.back() == '.' &&
         std::all_of(body.begin(), body.end() - 1, [](char ch) { return ch >= '0' && ch <= '9'; }));
    if (!empty_item) {
      std::string_view kept = line;
      while (!kept.empty() && (kept.back() == ' ' || kept.back() == '\t')) kept.remove_suffix(1);
      cleaned.append(kept);
      if (!last) cleaned.push_back('\n');
    }
    if (last) break;
    line_begin = line_end + 1;
  }
  return cleaned;
}

}  // namespace rc::llm

// Resume segmentation: heading dictionary, line classification and entry grouping.
#include "engine/parse/resume_segmenter.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "engine/extract/sentence_filter.h"
#include "engine/parse/contact.h"
#include "engine/parse/dates.h"
#include "engine/parse/jd_parser.h"
#include "engine/version.h"

namespace rc::engine {
namespace {

struct HeadingName {
  std::string_view text;
  std::string_view kind;
};

constexpr HeadingName kHeadings[] = {
    {"summary", "summary"},
    {"professional summary", "summary"},
    {"career summary", "summary"},
    {"executive summary", "summary"},
    {"profile", "summary"},
    {"professional profile", "summary"},
    {"personal profile", "summary"},
    {"about me", "summary"},
    {"about", "summary"},
    {"objective", "summary"},
    {"career objective", "summary"},
    {"overview", "summary"},
    {"personal statement", "summary"},
    {"summary of qualifications", "summary"},
    {"qualifications summary", "summary"},
    {"experience", "experience"},
    {"work experience", "experience"},
    {"professional experience", "experience"},
    {"relevant experience", "experience"},
    {"work history", "experience"},
    {"employment", "experience"},
    {"employment history", "experience"},
    {"career history", "experience"},
    {"professional background", "experience"},
    {"positions held", "experience"},
    {"experience history", "experience"},
    {"clinical experience", "experience"},
    {"teaching experience", "experience"},
    {"education", "education"},
    {"education and training", "education"},
    {"education & training", "education"},
    {"academic background", "education"},
    {"academic qualifications", "education"},
    {"academics", "education"},
    {"training", "education"},
    {"skills", "skills"},
    {"technical skills", "skills"},
    {"core skills", "skills"},
    {"key skills", "skills"},
    {"core competencies", "skills"},
    {"competencies", "skills"},
    {"areas of expertise", "skills"},
    {"expertise", "skills"},
    {"skills and abilities", "skills"},
    {"skills & abilities", "skills"},
    {"technologies", "skills"},
    {"tools", "skills"},
    {"tech stack", "skills"},
    {"skill set", "skills"},
    {"skills summary", "skills"},
    {"technical proficiencies", "skills"},
    {"proficiencies", "skills"},
    {"strengths", "skills"},
    {"projects", "projects"},
    {"personal projects", "projects"},
    {"selected projects", "projects"},
    {"key projects", "projects"},
    {"portfolio", "projects"},
    {"certifications", "certifications"},
    {"certificates", "certifications"},
    {"licenses", "certifications"},
    {"licenses and certifications", "certifications"},
    {"licenses & certifications", "certifications"},
    {"certifications and licenses", "certifications"},
    {"certifications & licenses", "certifications"},
    {"credentials", "certifications"},
    {"licensure", "certifications"},
    {"awards", "awards"},
    {"honors", "awards"},
    {"honours", "awards"},
    {"awards and honors", "awards"},
    {"achievements", "awards"},
    {"accomplishments", "awards"},
    {"publications", "publications"},
    {"research", "publications"},
    {"presentations", "publications"},
    {"volunteer", "volunteer"},
    {"volunteering", "volunteer"},
    {"volunteer experience", "volunteer"},
    {"community involvement", "volunteer"},
    {"languages", "languages"},
    {"language skills", "languages"},
    {"interests", "interests"},
    {"hobbies", "interests"},
    {"hobbies and interests", "interests"},
    {"contact", "contact"},
    {"contact information", "contact"},
    {"contact details", "contact"},
    {"personal details", "contact"},
    {"references", "other"},
};

// Keywords for headings outside the list, tried in order.
constexpr HeadingName kHeadingKeywords[] = {
    {"volunteer", "volunteer"},   {"certif", "certifications"}, {"licen", "certifications"},
    {"experience", "experience"}, {"employ", "experience"},     {"work", "experience"},
    {"career", "experience"},     {"education", "education"},   {"academ", "education"},
    {"school", "education"},      {"degree", "education"},      {"skill", "skills"},
    {"competenc", "skills"},      {"expertise", "skills"},      {"technolog", "skills"},
    {"toolbox", "skills"},        {"toolkit", "skills"},        {"project", "projects"},
    {"summary", "summary"},       {"profile", "summary"},       {"about", "summary"},
    {"award", "awards"},          {"honor", "awards"},          {"publication", "publications"},
    {"language", "languages"},    {"interest", "interests"},    {"hobb", "interests"},
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsBulletLine(std::string_view line) {
  line = Trim(line);
  if (line.empty()) return false;
  const char c = line.front();
  if ((c == '*' || c == '-' || c == '+' || c == '>') && line.size() > 1 && line[1] == ' ') {
    return true;
  }
  if (c == '*' && line.size() > 1) return true;
  if (line.size() > 2 && (c == 'o') && line[1] == ' ' &&
      std::isupper(static_cast<unsigned char>(line[2]))) {
    return true;
  }
  return false;
}

// The bullet text without its marker.
std::string_view StripBullet(std::string_view line) {
  line = Trim(line);
  while (!line.empty() && (line.front() == '*' || line.front() == '-' || line.front() == '+' ||
                           line.front() == '>')) {
    line.remove_prefix(1);
  }
  if (line.size() > 2 && line[0] == 'o' && line[1] == ' ') line.remove_prefix(2);
  return Trim(line);
}

std::string CleanPart(std::string_view s) {
  s = Trim(s);
  while (!s.empty() && (s.back() == ',' || s.back() == '-' || s.back() == '|' || s.back() == '(' ||
                        s.back() == ' ' || s.back() == ':')) {
    s.remove_suffix(1);
  }
  while (!s.empty() &&
         (s.front() == ',' || s.front() == '-' || s.front() == '|' || s.front() == ')' ||
          s.front() == ' ' || s.front() == '@' || s.front() == ':')) {
    s.remove_prefix(1);
  }
  return std::string(Trim(s));
}

// Splits a role header ("Senior Nurse | St Mary's Hospital, Leeds") into parts.
std::vector<std::string> SplitHeader(std::string_view text, bool split_at = true) {
  std::vector<std::string> parts;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::string_view rest = text.substr(i);
    std::size_t skip = 0;
    if (rest.rfind(" | ", 0) == 0 || rest.rfind(" - ", 0) == 0 ||
        (split_at && rest.rfind(" at ", 0) == 0) || rest.rfind(" @ ", 0) == 0) {
      skip = 3;
      if (rest.rfind(" at ", 0) == 0) skip = 4;
    } else if (rest.front() == '|' || rest.front() == '\t') {
      skip = 1;
    } else if (rest.rfind(", ", 0) == 0 && parts.empty()) {
      skip = 2;
    }
    if (skip > 0) {
      const std::string part = CleanPart(current);
      if (!part.empty()) parts.push_back(part);
      current.clear();
      i += skip - 1;
      continue;
    }
    current += text[i];
  }
  const std::string part = CleanPart(current);
  if (!part.empty()) parts.push_back(part);
  return parts;
}

bool HasTitleNoun(std::string_view text) {
  const Tokenized t = Tokenize(text);
  return std::any_of(t.tokens.begin(), t.tokens.end(),
                     [](const Token& tok) { return tok.is_word && IsTitleHeadNoun(tok.lower); });
}

struct DegreeWord {
  std::string_view word;
  std::string_view level;
};

constexpr DegreeWord kDegreeWords[] = {
    {"phd", "doctorate"},
    {"ph.d", "doctorate"},
    {"doctorate", "doctorate"},
    {"doctor", "doctorate"},
    {"dphil", "doctorate"},
    {"edd", "doctorate"},
    {"master", "master"},
    {"master's", "master"},
    {"masters", "master"},
    {"msc", "master"},
    {"m.sc", "master"},
    {"ms", "master"},
    {"m.s", "master"},
    {"ma", "master"},
    {"m.a", "master"},
    {"mba", "master"},
    {"meng", "master"},
    {"msn", "master"},
    {"mph", "master"},
    {"med", "master"},
    {"bachelor", "bachelor"},
    {"bachelor's", "bachelor"},
    {"bachelors", "bachelor"},
    {"bsc", "bachelor"},
    {"b.sc", "bachelor"},
    {"bs", "bachelor"},
    {"b.s", "bachelor"},
    {"ba", "bachelor"},
    {"b.a", "bachelor"},
    {"beng", "bachelor"},
    {"bba", "bachelor"},
    {"bfa", "bachelor"},
    {"bsn", "bachelor"},
    {"b.tech", "bachelor"},
    {"btech", "bachelor"},
    {"associate", "associate"},
    {"associate's", "associate"},
    {"aas", "associate"},
    {"a.a.s", "associate"},
    {"adn", "associate"},
    {"hnd", "diploma"},
    {"diploma", "diploma"},
    {"ged", "diploma"},
    {"certificate", "certificate"},
};

}  // namespace

std::string DegreeLevelIn(std::string_view text, std::size_t* field_start) {
  const Tokenized t = Tokenize(text);
  if (field_start) *field_start = std::string_view::npos;
  for (std::size_t i = 0; i < t.tokens.size(); ++i) {
    const Token& tok = t.tokens[i];
    if (!tok.is_word) continue;
    std::string_view level;
    for (const auto& d : kDegreeWords) {
      if (d.word == tok.lower) level = d.level;
    }
    if (tok.lower == "high" && i + 1 < t.tokens.size() && t.tokens[i + 1].lower == "school") {
      level = "diploma";
    }
    if (level.empty()) continue;
    // Short abbreviations count only when written in capitals ("BS", "MA"), not "ma" or "ms".
    const std::string_view written = text.substr(tok.begin, tok.end - tok.begin);
    if (tok.lower.size() <= 3 && level != "diploma" &&
        !std::isupper(static_cast<unsigned char>(written[0]))) {
      continue;
    }
    if (tok.lower.size() == 2 && !std::isupper(static_cast<unsigned char>(written[1]))) continue;
    if (field_start) {
      // "Bachelor of Science in Nursing": the field follows "in" when there is one.
      for (const char* joiner : {"in", "of"}) {
        for (std::size_t j = i + 1; j < t.tokens.size() && j < i + 6; ++j) {
          if (t.tokens[j].lower == joiner) {
            *field_start = t.tokens[j].end;
            break;
          }
        }
        if (*field_start != std::string_view::npos) break;
      }
    }
    return std::string(level);
  }
  return "";
}

int DegreeRank(std::string_view level) {
  if (level == "doctorate") return 5;
  if (level == "master") return 4;
  if (level == "bachelor") return 3;
  if (level == "associate") return 2;
  if (level == "diploma" || level == "certificate") return 1;
  return 0;
}

std::string HeadingKind(std::string_view raw) {
  std::string_view line = Trim(raw);
  bool marked = false;  // Markdown '#', a trailing colon or an underline style
  while (!line.empty() && (line.front() == '#' || line.front() == '=' || line.front() == '_')) {
    line.remove_prefix(1);
    marked = true;
  }
  while (!line.empty() &&
         (line.back() == ':' || line.back() == '=' || line.back() == '_' || line.back() == '#')) {
    line.remove_suffix(1);
    marked = true;
  }
  line = Trim(line);
  if (line.empty() || line.size() > 48) return "";
  std::string lower;
  int words = 0;
  bool in_word = false;
  bool all_caps = true;
  bool title_case = true;
  for (char c : line) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u)) {
      if (!in_word) {
        ++words;
        if (!std::isupper(u)) title_case = false;
      }
      in_word = true;
      if (std::islower(u)) all_caps = false;
      lower += static_cast<char>(std::tolower(u));
    } else if (c == ' ' || c == '&' || c == '/' || c == '\'' || c == '-') {
      in_word = c == '\'' ? in_word : false;
      if (c == ' ' && !lower.empty() && lower.back() != ' ') lower += ' ';
      if (c == '&') lower += "&";
      if (c == '\'') lower += '\'';
    } else {
      return "";  // digits, commas, periods, '@': content, not a heading
    }
  }
  if (words == 0 || words > 5) return "";
  // Collapse "&" spacing: "education & training".
  std::string norm;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (lower[i] == '&') {
      if (!norm.empty() && norm.back() != ' ') norm += ' ';
      norm += "& ";
      while (i + 1 < lower.size() && lower[i + 1] == ' ') ++i;
      continue;
    }
    norm += lower[i];
  }
  while (!norm.empty() && norm.back() == ' ') norm.pop_back();
  for (const auto& h : kHeadings) {
    if (h.text == norm) return std::string(h.kind);
  }
  const bool heading_like = marked || all_caps || (title_case && !HasTitleNoun(line));
  if (!heading_like || HasTitleNoun(line)) return "";
  for (const auto& k : kHeadingKeywords) {
    if (norm.find(k.text) != std::string::npos) return std::string(k.kind);
  }
  // An unknown all-caps line is a heading only when it is not a bare acronym ("AWS").
  return all_caps && words <= 3 && norm.size() >= 6 ? "other" : "";
}

bool UsesStatedYears(const model::ResumeFacts& facts) {
  return facts.stated_years && *facts.stated_years * 12.0 > facts.total_experience_months;
}

double ExperienceYears(const model::ResumeFacts& facts) {
  return UsesStatedYears(facts) ? *facts.stated_years : facts.total_experience_months / 12.0;
}

ParsedResume ParseResume(const Document& doc, model::YearMonth today) {
  ParsedResume out;
  const std::size_t nlines = doc.tok.lines.size();
  out.line_section.assign(nlines, "contact");
  out.line_entry.assign(nlines, -1);
  out.line_is_bullet.assign(nlines, false);
  out.line_is_heading.assign(nlines, false);
  out.skills_lines.assign(nlines, false);
  model::ResumeFacts& facts = out.facts;

  // Words.
  for (const Token& t : doc.tok.tokens) facts.word_count += t.is_word ? 1 : 0;

  // Contact.
  ContactFinding contact = FindContact(doc.norm.text);
  facts.contact = std::move(contact.contact);
  for (const model::Span& s : contact.spans) {
    out.contact_spans.push_back(
        doc.Span(static_cast<std::uint32_t>(s.begin), static_cast<std::uint32_t>(s.end)));
  }

  // The month "Present" stands for: today or the latest month in the resume.
  out.present = today;
  for (int y : FindYears(doc.norm.text)) {
    if (y > out.present.year) out.present = {y, 12};
  }

  // Sections.
  std::string kind = "contact";
  for (std::uint32_t l = 0; l < nlines; ++l) {
    const std::string_view text = doc.LineText(l);
    out.line_is_bullet[l] = IsBulletLine(text);
    const std::string heading = out.line_is_bullet[l] ? "" : HeadingKind(text);
    if (!heading.empty()) {
      kind = heading;
      out.line_is_heading[l] = true;
      model::Section section;
      section.kind = heading;
      section.heading = std::string(Trim(text));
      section.heading_span = doc.Span(doc.tok.lines[l].begin, doc.tok.lines[l].end);
      section.body_span = {section.heading_span.end, section.heading_span.end};
      facts.sections.push_back(std::move(section));
    } else if (!facts.sections.empty()) {
      facts.sections.back().body_span.end =
          doc.Span(doc.tok.lines[l].begin, doc.tok.lines[l].end).end;
    }
    out.line_section[l] = kind;
    out.skills_lines[l] = kind == "skills";
  }
  if (facts.sections.empty() && nlines > 0) {
    // No headings at all: everything after the first line is one untitled section.
    model::Section section;
    section.kind = "other";
    section.body_span = doc.Span(doc.tok.lines[0].begin, doc.tok.lines[nlines - 1].end);
    facts.sections.push_back(section);
  }

  // Experience entries.
  model::ExperienceEntry* current = nullptr;
  int header_lines = 0;
  bool current_has_body = false;
  bool current_has_date = false;
  for (std::uint32_t l = 0; l < nlines; ++l) {
    if (out.line_section[l] != "experience" || out.line_is_heading[l]) {
      current = nullptr;
      continue;
    }
    const std::string_view text = doc.LineText(l);
    const std::optional<DateRange> range = FindDateRange(text);
    const int words = static_cast<int>(std::count(text.begin(), text.end(), ' ')) + 1;
    // "- 2021 - Present: Frontend developer" is a role header written as a bullet.
    const std::size_t marker = text.size() - StripBullet(text).size();
    const bool dated_header = range && range->begin <= marker + 1 && words <= 14;
    const bool bullet = (out.line_is_bullet[l] && !dated_header) || (!range && words > 14);
    const bool start_new = !bullet && (current == nullptr || current_has_body ||
                                       (range && current_has_date) || header_lines >= 3);
    if (start_new) {
      facts.experience.emplace_back();
      current = &facts.experience.back();
      current->span = doc.Span(doc.tok.lines[l].begin, doc.tok.lines[l].end);
      current->header_span = current->span;
      header_lines = 0;
      current_has_body = false;
      current_has_date = false;
    }
    if (current == nullptr) continue;  // bullets before any header
    const int index = static_cast<int>(facts.experience.size()) - 1;
    out.line_entry[l] = index;
    const model::Span line_span = doc.Span(doc.tok.lines[l].begin, doc.tok.lines[l].end);
    current->span.end = line_span.end;
    if (bullet) {
      current_has_body = true;
      const std::string_view stripped = StripBullet(text);
      const std::uint32_t offset =
          doc.tok.lines[l].begin + static_cast<std::uint32_t>(stripped.data() - text.data());
      current->bullets.push_back(
          doc.Span(offset, offset + static_cast<std::uint32_t>(stripped.size())));
      continue;
    }
    ++header_lines;
    current->header_span.end = line_span.end;
    std::string without_date(text);
    if (range) {
      current_has_date = true;
      current->start = range->start;
      current->is_current = range->is_current;
      current->end = range->is_current ? std::nullopt : range->end;
      without_date =
          std::string(text.substr(0, range->begin)) + std::string(text.substr(range->end_offset));
    }
    for (std::string& part : SplitHeader(without_date)) {
      if (part.size() < 2) continue;
      const bool titleish = HasTitleNoun(part);
      if (current->title.empty() && (titleish || !current->employer.empty())) {
        current->title = part;
      } else if (current->employer.empty() && !titleish) {
        current->employer = part;
      } else if (current->title.empty()) {
        current->title = part;
      }
    }
  }
  std::vector<std::pair<model::YearMonth, model::YearMonth>> ranges;
  for (model::ExperienceEntry& e : facts.experience) {
    if (!e.start) continue;
    const model::YearMonth end = e.is_current ? out.present : e.end.value_or(*e.start);
    e.months = MonthsInclusive(*e.start, end);
    if (e.months > 0) ranges.emplace_back(*e.start, end);
  }
  facts.total_experience_months = UnionMonths(ranges);

  // Years the resume states near its top: "4 years' experience", "10+ years of development";
  // read in the top part and the summary, before the first role.
  for (std::uint32_t s = 0; s < doc.tok.sentences.size(); ++s) {
    const TokenRange& r = doc.tok.sentences[s];
    const std::string& section = out.line_section[doc.tok.tokens[r.first].line];
    if (section == "experience") break;
    if (section != "contact" && section != "summary" && section != "other") continue;
    std::vector<const Token*> words;
    bool experience = false;
    for (std::uint32_t k = r.first; k < r.last; ++k) {
      if (!doc.tok.tokens[k].is_word) continue;
      words.push_back(&doc.tok.tokens[k]);
      const std::string& w = doc.tok.tokens[k].lower;
      experience = experience || w == "experience" || w == "experienced" || w == "develop" ||
                   w == "development" || w == "working" || w == "career" || w == "industry";
    }
    const std::optional<double> years = YearsIn(words);
    if (experience && years && (!facts.stated_years || *years > *facts.stated_years)) {
      facts.stated_years = years;
    }
  }

  // Education: one entry per line naming a degree; the institution from the same or a nearby
  // line; the graduation year is the last year in those lines.
  for (std::uint32_t l = 0; l < nlines; ++l) {
    if (out.line_section[l] != "education" || out.line_is_heading[l]) continue;
    const std::string_view text = doc.LineText(l);
    std::size_t field_start = std::string_view::npos;
    const std::string level = DegreeLevelIn(text, &field_start);
    auto is_institution = [](std::string_view s) {
      const Tokenized t = Tokenize(s);
      return std::any_of(t.tokens.begin(), t.tokens.end(), [](const Token& tok) {
        return tok.lower == "university" || tok.lower == "college" || tok.lower == "institute" ||
               tok.lower == "school" || tok.lower == "academy" || tok.lower == "polytechnic";
      });
    };
    if (level.empty()) {
      if (is_institution(text) && !facts.education.empty() &&
          facts.education.back().institution.empty() && out.line_section[l - 1] == "education") {
        facts.education.back().institution = CleanPart(SplitHeader(text, false).front());
        const std::vector<int> years = FindYears(text);
        if (!years.empty()) facts.education.back().graduation_year = years.back();
        facts.education.back().span.end =
            doc.Span(doc.tok.lines[l].begin, doc.tok.lines[l].end).end;
      }
      continue;
    }
    model::EducationEntry entry;
    entry.degree_level = level;
    entry.span = doc.Span(doc.tok.lines[l].begin, doc.tok.lines[l].end);
    if (field_start != std::string_view::npos) {
      std::string_view rest = text.substr(field_start);
      const std::size_t stop = rest.find_first_of(",|(-\t");
      std::string field = CleanPart(rest.substr(0, stop));
      // Drop a trailing year or institution words.
      const std::vector<int> years = FindYears(field);
      if (!years.empty()) field = CleanPart(field.substr(0, field.find(std::to_string(years[0]))));
      entry.field = AsciiLower(field);
    }
    for (const std::string& part : SplitHeader(text, false)) {
      if (is_institution(part)) entry.institution = part;
    }
    if (entry.institution.empty() && l > 0 && out.line_section[l - 1] == "education" &&
        !out.line_is_heading[l - 1] && is_institution(doc.LineText(l - 1))) {
      entry.institution = CleanPart(SplitHeader(doc.LineText(l - 1), false).front());
    }
    const std::vector<int> years = FindYears(text);
    if (!years.empty()) entry.graduation_year = years.back();
    facts.education.push_back(std::move(entry));
  }

  // Certifications: the lines of a Certifications section.
  for (std::uint32_t l = 0; l < nlines; ++l) {
    if (out.line_section[l] != "certifications" || out.line_is_heading[l]) continue;
    std::string cert = CleanPart(StripBullet(doc.LineText(l)));
    if (!cert.empty()) facts.certifications.push_back(std::move(cert));
  }
  return out;
}

}  // namespace rc::engine

// JD parsing: headings, sentence importance and the requirement list.
#include "engine/parse/jd_parser.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "engine/extract/phrase_patterns.h"
#include "engine/extract/sentence_filter.h"
#include "engine/parse/resume_segmenter.h"

namespace rc::engine {
namespace {

struct Heading {
  std::string_view text;
  std::string_view kind;
};

constexpr Heading kJobHeadings[] = {
    {"requirements", "requirements"},
    {"job requirements", "requirements"},
    {"key requirements", "requirements"},
    {"minimum requirements", "requirements"},
    {"qualifications", "requirements"},
    {"required qualifications", "requirements"},
    {"minimum qualifications", "requirements"},
    {"basic qualifications", "requirements"},
    {"what you'll need", "requirements"},
    {"what you need", "requirements"},
    {"what you need for this position", "requirements"},
    {"what you need for this role", "requirements"},
    {"what you will need", "requirements"},
    {"what we're looking for", "requirements"},
    {"what we are looking for", "requirements"},
    {"you have", "requirements"},
    {"you will have", "requirements"},
    {"must have", "requirements"},
    {"must haves", "requirements"},
    {"must-haves", "requirements"},
    {"required skills", "requirements"},
    {"skills", "requirements"},
    {"skills and experience", "requirements"},
    {"experience", "requirements"},
    {"about you", "requirements"},
    {"who you are", "requirements"},
    {"essential", "requirements"},
    {"essential criteria", "requirements"},
    {"essential skills", "requirements"},
    {"the ideal candidate", "requirements"},
    {"preferred qualifications", "preferred"},
    {"preferred", "preferred"},
    {"preferred skills", "preferred"},
    {"nice to have", "preferred"},
    {"nice-to-have", "preferred"},
    {"nice to haves", "preferred"},
    {"bonus", "preferred"},
    {"bonus points", "preferred"},
    {"desirable", "preferred"},
    {"desirable criteria", "preferred"},
    {"desired", "preferred"},
    {"desired skills", "preferred"},
    {"pluses", "preferred"},
    {"additional qualifications", "preferred"},
    {"responsibilities", "responsibilities"},
    {"key responsibilities", "responsibilities"},
    {"duties", "responsibilities"},
    {"main duties", "responsibilities"},
    {"what you'll do", "responsibilities"},
    {"what you will do", "responsibilities"},
    {"what you will be doing", "responsibilities"},
    {"what you'll be doing", "responsibilities"},
    {"the role", "responsibilities"},
    {"your role", "responsibilities"},
    {"about the role", "responsibilities"},
    {"role", "responsibilities"},
    {"job description", "responsibilities"},
    {"day to day", "responsibilities"},
    {"about us", "about"},
    {"about the company", "about"},
    {"who we are", "about"},
    {"company", "about"},
    {"our company", "about"},
    {"about the team", "about"},
    {"benefits", "benefits"},
    {"perks", "benefits"},
    {"perks and benefits", "benefits"},
    {"what we offer", "benefits"},
    {"compensation", "benefits"},
    {"why join us", "benefits"},
    {"what's in it for you", "benefits"},
    {"top reasons to work with us", "about"},
    {"salary", "benefits"},
    {"how to apply", "benefits"},
    {"equal opportunity", "benefits"},
    {"job benefits", "benefits"},
    {"we offer", "benefits"},
    {"our offer", "benefits"},
    {"company description", "about"},
    {"company size", "field"},
    {"company type", "field"},
    {"industry", "field"},
    {"job type", "field"},
    {"location options", "field"},
    {"location", "field"},
    {"additional information", "about"},
    {"contact", "benefits"},
    {"application", "benefits"},
    {"job description", "responsibilities"},
    {"experience level", "field"},
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '#' || s.front() == '*')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == ':' || s.back() == '*')) s.remove_suffix(1);
  return s;
}

// Number words used with "years".
int NumberWord(std::string_view w) {
  static const std::pair<std::string_view, int> kWords[] = {
      {"one", 1},     {"two", 2},     {"three", 3},    {"four", 4},   {"five", 5},
      {"six", 6},     {"seven", 7},   {"eight", 8},    {"nine", 9},   {"ten", 10},
      {"eleven", 11}, {"twelve", 12}, {"fifteen", 15}, {"twenty", 20}};
  for (const auto& [word, value] : kWords) {
    if (word == w) return value;
  }
  std::string digits;
  for (char c : w) {
    if (c == '+') break;
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    digits += c;
  }
  if (digits.empty() || digits.size() > 2) return -1;
  return std::stoi(digits);
}

bool IsPreferredCue(const std::vector<const Token*>& words, std::size_t i) {
  const std::string& w = words[i]->lower;
  auto next = [&](std::size_t k) -> std::string {
    return i + k < words.size() ? words[i + k]->lower : "";
  };
  if (w == "preferred" || w == "preferably" || w == "bonus" || w == "desirable" || w == "ideally" ||
      w == "advantage" || w == "advantageous" || w == "beneficial" || w == "optional" ||
      w == "desired" || w == "plus") {
    return true;
  }
  if (w == "nice" && next(1) == "to" && next(2) == "have") return true;
  return false;
}

bool IsRequiredCue(const std::string& w) {
  return w == "must" || w == "required" || w == "essential" || w == "mandatory";
}

std::string Seniority(std::string_view title) {
  const Tokenized t = Tokenize(title);
  std::string found;
  for (const Token& tok : t.tokens) {
    const std::string& w = tok.lower;
    if (w == "intern" || w == "internship") return "intern";
    if (w == "junior" || w == "jr" || w == "entry" || w == "graduate" || w == "trainee") {
      found = "junior";
    } else if (w == "senior" || w == "sr") {
      found = "senior";
    } else if ((w == "lead" || w == "staff") && found.empty()) {
      found = "lead";
    } else if (w == "principal") {
      found = "principal";
    } else if ((w == "director" || w == "vp" || w == "head") && found.empty()) {
      found = "director";
    } else if (w == "manager" && found.empty()) {
      found = "manager";
    } else if ((w == "mid" || w == "intermediate") && found.empty()) {
      found = "mid";
    }
  }
  return found;
}

std::string DegreeLabel(const std::string& level) {
  if (level == "doctorate") return "Doctorate";
  if (level == "master") return "Master's degree";
  if (level == "bachelor") return "Bachelor's degree";
  if (level == "associate") return "Associate degree";
  if (level == "diploma") return "High school diploma";
  return "Certificate";
}

std::string FormatYears(double years) {
  const int whole = static_cast<int>(years);
  return std::to_string(whole) + "+ years";
}

}  // namespace

std::optional<double> YearsIn(const std::vector<const Token*>& words, std::optional<double>* max) {
  if (max != nullptr) max->reset();
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i]->lower;
    if (w != "years" && w != "year" && w != "yrs" && w != "yr") continue;
    // Look back over "+", "-", "to", a second number and "of".
    int value = -1;
    int closest = -1;
    int numbers = 0;
    for (std::size_t back = 1; back <= 4 && back <= i; ++back) {
      const int n = NumberWord(words[i - back]->lower);
      const std::string& b = words[i - back]->lower;
      if (n >= 0) {
        value = n;  // keep going: in "3-5 years" the first number is the minimum
        if (numbers++ == 0) closest = n;
        continue;
      }
      if (b == "to" || b == "-" || b == "+" || b == "or" || b == "plus") continue;
      break;
    }
    if (value > 0 && value <= 40) {
      // "within 2 years" or "2 years old" are not experience.
      if (i + 1 < words.size() && words[i + 1]->lower == "old") continue;
      if (max != nullptr && numbers >= 2 && closest > value) *max = static_cast<double>(closest);
      return static_cast<double>(value);
    }
  }
  return std::nullopt;
}

std::string JobHeadingKind(std::string_view raw) {
  const std::string_view line = Trim(raw);
  if (!line.empty() && (line.front() == '-' || line.front() == '+')) return "";  // a bullet
  if (line.empty() || line.size() > 60) return "";
  const Tokenized t = Tokenize(line);
  std::string norm;
  int words = 0;
  for (const Token& tok : t.tokens) {
    if (!tok.is_word) {
      if (tok.lower == "-" || tok.lower == "&" || tok.lower == "/") continue;
      if (tok.lower == "(" || tok.lower == ")") continue;
      return "";
    }
    ++words;
    if (!norm.empty()) norm += ' ';
    norm += tok.lower;
  }
  if (words == 0 || words > 6) return "";
  for (const auto& h : kJobHeadings) {
    if (h.text == norm) return std::string(h.kind);
  }
  const bool colon = !raw.empty() && raw.find_last_not_of(' ') != std::string_view::npos &&
                     raw[raw.find_last_not_of(' ')] == ':';
  bool all_caps = true;
  for (char c : line) {
    if (std::islower(static_cast<unsigned char>(c))) all_caps = false;
  }
  if (!colon && !all_caps) return "";
  if (norm.find("prefer") != std::string::npos || norm.find("nice to have") != std::string::npos ||
      norm.find("not required") != std::string::npos || norm.rfind("optional", 0) == 0 ||
      norm.find("bonus") != std::string::npos || norm.find("desir") != std::string::npos) {
    return "preferred";
  }
  if (norm.find("require") != std::string::npos || norm.find("qualif") != std::string::npos ||
      norm.find("must") != std::string::npos || norm.find("skills") != std::string::npos) {
    return "requirements";
  }
  if (norm.find("responsib") != std::string::npos || norm.find("duties") != std::string::npos) {
    return "responsibilities";
  }
  if (norm.find("benefit") != std::string::npos || norm.find("perks") != std::string::npos ||
      norm.find("offer") != std::string::npos) {
    return "benefits";
  }
  if (norm.rfind("about", 0) == 0) return "about";
  // An unknown all-caps line of one short word ("SQL") is content, not a heading.
  return words >= 2 || norm.size() >= 6 ? "other" : "";
}

namespace {

// A title is a label, not a sentence: "Senior Backend Engineer" is one, "We need a backend
// engineer with Python." is not (it ends like a sentence or opens with a pronoun or verb).
bool LooksLikeTitleLine(const Document& doc, const TokenRange& r) {
  const auto& tokens = doc.tok.tokens;
  const std::string& last = tokens[r.last - 1].lower;
  if (last == "." || last == "!" || last == "?") return false;
  static constexpr std::string_view kSentenceStarts[] = {
      "we",   "you", "our",  "the",  "are",  "join",   "looking", "seeking",
      "this", "i",   "in",   "as",   "at",   "if",     "do",      "is",
      "a",    "an",  "help", "come", "want", "hiring", "apply",   "your"};
  const std::string& first = tokens[r.first].lower;
  for (std::string_view w : kSentenceStarts) {
    if (first == w) return false;
  }
  return true;
}

}  // namespace

ParsedJob ParseJob(const Taxonomy& taxonomy, const Document& doc) {
  ParsedJob out;
  model::JobFacts& facts = out.facts;
  const auto& tokens = doc.tok.tokens;
  const std::size_t nlines = doc.tok.lines.size();
  out.line_section.assign(nlines, "other");

  // Title: a "Job Title:" style line, else the first line of at most 12 words that is no heading.
  int title_line = -1;
  for (std::uint32_t l = 0; l < nlines && title_line < 0; ++l) {
    const TokenRange& r = doc.tok.lines[l];
    if (r.last - r.first >= 3 && tokens[r.first + 1].lower == "title" &&
        tokens[r.first + 2].lower == ":") {
      title_line = static_cast<int>(l);
      facts.title_span = doc.TokenSpan(r.first + 3, r.last);
    } else if (r.last - r.first >= 2 &&
               (tokens[r.first].lower == "position" || tokens[r.first].lower == "role") &&
               tokens[r.first + 1].lower == ":") {
      title_line = static_cast<int>(l);
      facts.title_span = doc.TokenSpan(r.first + 2, r.last);
    }
  }
  if (title_line < 0) {
    // The first line, when it is no heading and no bullet (a JD that opens with a heading
    // states no title).
    for (std::uint32_t l = 0; l < nlines && l < 1; ++l) {
      const TokenRange& r = doc.tok.lines[l];
      if (!tokens[r.first].is_word) continue;
      int words = 0;
      for (std::uint32_t k = r.first; k < r.last; ++k) words += tokens[k].is_word ? 1 : 0;
      if (words == 0 || words > 12 || !JobHeadingKind(doc.LineText(l)).empty()) continue;
      if (!LooksLikeTitleLine(doc, r) || nlines < 2) continue;
      title_line = static_cast<int>(l);
      facts.title_span = doc.TokenSpan(r.first, r.last);
      break;
    }
  }
  if (title_line >= 0) {
    facts.title =
        doc.original.substr(facts.title_span.begin, facts.title_span.end - facts.title_span.begin);
    facts.seniority = Seniority(facts.title);
    out.line_section[title_line] = "title";
  }

  // Sections.
  std::string kind = "other";
  std::vector<bool> heading(nlines, false);
  std::vector<bool> requirement_lines(nlines, false);
  for (std::uint32_t l = 0; l < nlines; ++l) {
    if (static_cast<int>(l) == title_line) continue;
    const std::string h = JobHeadingKind(doc.LineText(l));
    if (h == "field") {
      // "Job type:" labels the next line only ("Full-time"); the section goes on after it.
      out.line_section[l] = "about";
      heading[l] = true;
      if (l + 1 < nlines) {
        ++l;
        out.line_section[l] = "about";
        heading[l] = true;
      }
      continue;
    }
    if (!h.empty()) {
      kind = h;
      heading[l] = true;
      if (h == "requirements" || h == "preferred") out.has_requirements_section = true;
    }
    out.line_section[l] = kind;
    requirement_lines[l] = kind == "requirements" || kind == "preferred";
  }

  // Sentence importance and eligibility.
  const std::size_t nsent = doc.tok.sentences.size();
  std::vector<model::Importance> importance(nsent, model::Importance::kRequired);
  std::vector<bool> eligible(nsent, false);
  for (std::uint32_t s = 0; s < nsent; ++s) {
    const TokenRange& r = doc.tok.sentences[s];
    const std::uint32_t line = tokens[r.first].line;
    const std::string& section = out.line_section[line];
    if (heading[line] || section == "title" || section == "about" || section == "benefits") {
      continue;
    }
    eligible[s] = requirement_lines[line] || IsCandidateSentence(doc, s);
    std::vector<const Token*> words;
    for (std::uint32_t k = r.first; k < r.last; ++k) {
      if (tokens[k].is_word) words.push_back(&tokens[k]);
    }
    bool preferred = section == "preferred";
    bool required = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (IsPreferredCue(words, i)) preferred = true;
      if (IsRequiredCue(words[i]->lower)) required = true;
    }
    // "Required: X" beats a preferred section; a cue in the sentence beats the section.
    importance[s] = preferred && !(required && section != "preferred")
                        ? model::Importance::kPreferred
                        : model::Importance::kRequired;
  }

  // Requirements, keyed to merge repeated mentions of the same skill.
  std::vector<model::Requirement> reqs;
  std::map<std::string, std::size_t> by_key;
  auto add = [&](model::Requirement r, const std::string& key) -> model::Requirement* {
    auto it = by_key.find(key);
    if (it != by_key.end()) {
      model::Requirement& existing = reqs[it->second];
      if (r.importance == model::Importance::kRequired) existing.importance = r.importance;
      if (r.years_min && (!existing.years_min || *r.years_min > *existing.years_min)) {
        existing.years_min = r.years_min;
      }
      return &existing;
    }
    by_key[key] = reqs.size();
    reqs.push_back(std::move(r));
    return &reqs.back();
  };
  const std::vector<SkillHit> hits = FindSkills(taxonomy, doc, requirement_lines);
  const std::vector<PhraseHit> phrases = FindRequirementPhrases(doc);
  std::vector<std::vector<const SkillHit*>> hits_by_sentence(nsent);
  for (const SkillHit& h : hits) hits_by_sentence[tokens[h.first].sentence].push_back(&h);
  std::vector<std::vector<const PhraseHit*>> phrases_by_sentence(nsent);
  for (const PhraseHit& p : phrases) phrases_by_sentence[tokens[p.first].sentence].push_back(&p);
  int phrase_requirements = 0;
  std::map<std::string, int> skill_sentences;  // eligible sentences naming each skill
  // The title names what the vacancy centres on: its skills are core requirements, and years in
  // it ("Junior Developer (1-4 years experience)") are the overall years asked.
  if (title_line >= 0) {
    const TokenRange& r = doc.tok.lines[title_line];
    std::vector<const Token*> words;
    for (std::uint32_t k = r.first; k < r.last; ++k) {
      if (tokens[k].is_word) words.push_back(&tokens[k]);
    }
    std::optional<double> max;
    if (const std::optional<double> years = YearsIn(words, &max)) {
      facts.years_required = years;
      facts.years_max = max;
      model::Requirement req;
      req.kind = model::RequirementKind::kExperience;
      req.name = FormatYears(*years) + " of experience";
      req.years_min = years;
      req.span = facts.title_span;
      req.sentence_span = facts.title_span;
      add(std::move(req), "experience");
    }
    for (const SkillHit& h : hits) {
      if (tokens[h.first].line != static_cast<std::uint32_t>(title_line)) continue;
      const Skill& skill = taxonomy.skills()[h.skill];
      model::Requirement req;
      req.kind = skill.kind == model::SkillKind::kCertification
                     ? model::RequirementKind::kCertification
                     : model::RequirementKind::kSkill;
      req.name = skill.name;
      req.skill_id = skill.id;
      req.skill_kind = model::SkillKindName(skill.kind);
      req.span = doc.TokenSpan(h.first, h.last);
      req.sentence_span = facts.title_span;
      req.core = true;
      add(std::move(req), "skill:" + skill.id);
    }
  }
  for (std::uint32_t s = 0; s < nsent; ++s) {
    if (!eligible[s]) continue;
    const TokenRange& r = doc.tok.sentences[s];
    const model::Span sentence_span = doc.TokenSpan(r.first, r.last);
    std::vector<const Token*> words;
    for (std::uint32_t k = r.first; k < r.last; ++k) {
      if (tokens[k].is_word) words.push_back(&tokens[k]);
    }
    std::optional<double> years_max;
    const std::optional<double> years = YearsIn(words, &years_max);
    const bool asks = requirement_lines[tokens[r.first].line] || IsRequirementSentence(doc, s);
    // A field of study in a degree sentence ("degree in Computer Science") belongs to the
    // education requirement, not to the skills.
    const std::string_view sentence_text = doc.TokenText(r.first, r.last);
    bool degree_sentence = !DegreeLevelIn(sentence_text).empty();
    for (const Token* w : words) degree_sentence = degree_sentence || w->lower == "degree";
    // "Willingness to learn Go": the vacancy names Go, and will teach it. The skills after
    // "to learn" are preferred, and the phrase that ends in "learn" is no requirement of its own.
    std::uint32_t learn = r.last;
    for (std::uint32_t k = r.first + 1; k < r.last; ++k) {
      if ((tokens[k].lower == "learn" || tokens[k].lower == "learning") &&
          tokens[k - 1].lower == "to") {
        learn = k;
        break;
      }
    }
    const bool learn_objects =
        std::any_of(hits_by_sentence[s].begin(), hits_by_sentence[s].end(),
                    [&](const SkillHit* h) { return h->first > learn && learn < r.last; });
    for (const SkillHit* h : hits_by_sentence[s]) {
      const Skill& skill = taxonomy.skills()[h->skill];
      if (degree_sentence && skill.kind == model::SkillKind::kDomain) continue;
      if (learn_objects && h->last == learn + 1) continue;
      model::Requirement req;
      req.kind = skill.kind == model::SkillKind::kCertification
                     ? model::RequirementKind::kCertification
                     : model::RequirementKind::kSkill;
      req.importance =
          learn_objects && h->first > learn ? model::Importance::kPreferred : importance[s];
      req.name = skill.name;
      req.skill_id = skill.id;
      req.skill_kind = model::SkillKindName(skill.kind);
      req.years_min = years;
      req.span = doc.TokenSpan(h->first, h->last);
      req.sentence_span = sentence_span;
      const std::string key = "skill:" + skill.id;
      // Only sentences that ask for something count towards core: a company description that
      // names its industry twice does not make the industry the job.
      if (asks && std::none_of(hits_by_sentence[s].begin(), hits_by_sentence[s].end(),
                               [&](const SkillHit* other) {
                                 return other < h && other->skill == h->skill;
                               })) {
        ++skill_sentences[key];
      }
      add(std::move(req), key);
    }
    // Overall years, when the sentence names no skill.
    if (years && hits_by_sentence[s].empty()) {
      if (!facts.years_required || *years > *facts.years_required) {
        facts.years_required = years;
        facts.years_max = years_max;
      }
      model::Requirement req;
      req.kind = model::RequirementKind::kExperience;
      req.importance = importance[s];
      req.name = FormatYears(*years) + " of experience";
      req.years_min = years;
      req.span = sentence_span;
      req.sentence_span = sentence_span;
      model::Requirement* added = add(std::move(req), "experience");
      added->name = FormatYears(*added->years_min) + " of experience";
    }
    // Degrees.
    const std::string_view text = doc.TokenText(r.first, r.last);
    std::string level = DegreeLevelIn(text);
    bool degree_word = false;
    for (const Token* w : words) degree_word = degree_word || w->lower == "degree";
    if (level.empty() && degree_word) level = "bachelor";
    if (!level.empty() && level != "certificate") {
      model::Requirement req;
      req.kind = model::RequirementKind::kEducation;
      req.importance = importance[s];
      req.name = DegreeLabel(level);
      req.degree_level = level;
      req.span = sentence_span;
      req.sentence_span = sentence_span;
      // The field: the object of "degree in X", or the "in X" part of a degree phrase.
      for (const PhraseHit* p : phrases_by_sentence[s]) {
        if (p->kind == PhraseKind::kCueObject && tokens[p->cue_first].lower == "degree") {
          req.name += " in " + std::string(doc.TokenText(p->first, p->last));
          break;
        }
        if (p->kind != PhraseKind::kSkillNoun) continue;
        std::uint32_t in = p->first;
        while (in < p->last && tokens[in].lower != "in" && tokens[in].lower != "of") ++in;
        if (in + 1 < p->last) {
          req.name += " in " + std::string(doc.TokenText(in + 1, p->last));
          break;
        }
      }
      if (facts.degree_level.empty() || DegreeRank(level) < DegreeRank(facts.degree_level)) {
        facts.degree_level = level;
      }
      add(std::move(req), "education");
    }
    // Skills outside the taxonomy, from cue phrases ("experience with X").
    for (const PhraseHit* p : phrases_by_sentence[s]) {
      if (p->kind != PhraseKind::kCueObject || phrase_requirements >= 10) continue;
      if (tokens[p->cue_first].lower == "degree") continue;
      const bool overlaps_skill =
          std::any_of(hits_by_sentence[s].begin(), hits_by_sentence[s].end(),
                      [&](const SkillHit* h) { return h->first < p->last && p->first < h->last; });
      int nwords = 0;
      for (std::uint32_t k = p->first; k < p->last; ++k) nwords += tokens[k].is_word ? 1 : 0;
      if (overlaps_skill || nwords > 4) continue;
      model::Requirement req;
      req.kind = model::RequirementKind::kSkill;
      req.importance = importance[s];
      req.name = std::string(doc.TokenText(p->first, p->last));
      req.years_min = years;
      req.span = doc.TokenSpan(p->first, p->last);
      req.sentence_span = sentence_span;
      std::string key = "phrase:";
      for (std::uint32_t k = p->first; k < p->last; ++k) key += tokens[k].key + " ";
      if (by_key.count(key) == 0) ++phrase_requirements;
      add(std::move(req), key);
    }
  }
  for (const auto& [key, count] : skill_sentences) {
    if (count >= 2) reqs[by_key.at(key)].core = true;
  }
  std::stable_sort(reqs.begin(), reqs.end(),
                   [](const model::Requirement& a, const model::Requirement& b) {
                     return a.span.begin < b.span.begin;
                   });
  for (std::size_t i = 0; i < reqs.size(); ++i) reqs[i].id = "r" + std::to_string(i + 1);
  facts.requirements = std::move(reqs);
  return out;
}

}  // namespace rc::engine

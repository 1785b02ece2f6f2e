// Read-only views over a session's report and documents that the coach's answers share.
#include "engine/coach/facts.h"

#include <algorithm>
#include <tuple>

#include "engine/extract/skill_extractor.h"
#include "engine/parse/resume_segmenter.h"
#include "engine/taxonomy/taxonomy.h"

namespace rc::engine::coach {
namespace {

// Lower ranks are learned or shown first.
int KindRank(const model::Requirement& req) {
  if (req.kind == model::RequirementKind::kSkill) {
    if (req.skill_kind == "soft") return 2;
    if (req.skill_kind == "domain") return 1;
    return 0;
  }
  if (req.kind == model::RequirementKind::kCertification) return 0;
  if (req.kind == model::RequirementKind::kOther) return 3;
  return 1;
}

int Mentions(const Grounding& g, const model::Requirement& req) {
  int count = 0;
  for (const model::SkillMention& m : g.report.missing_skills) {
    if (!req.skill_id.empty() ? m.skill_id == req.skill_id : Lower(m.name) == Lower(req.name)) {
      ++count;
    }
  }
  for (const model::Requirement& other : g.report.job.requirements) {
    if (&other != &req && !req.skill_id.empty() && other.skill_id == req.skill_id) ++count;
  }
  return count;
}

bool Learnable(const model::Requirement& req) {
  return req.kind == model::RequirementKind::kSkill ||
         req.kind == model::RequirementKind::kCertification;
}

}  // namespace

std::vector<ReqItem> Requirements(const model::Report& report) {
  std::vector<ReqItem> items;
  for (std::size_t i = 0; i < report.job.requirements.size(); ++i) {
    const model::Requirement& req = report.job.requirements[i];
    ReqItem item{&req, nullptr};
    if (i < report.matches.size() && report.matches[i].requirement_id == req.id) {
      item.match = &report.matches[i];
    } else {
      for (const model::RequirementMatch& m : report.matches) {
        if (m.requirement_id == req.id) {
          item.match = &m;
          break;
        }
      }
    }
    items.push_back(item);
  }
  return items;
}

std::vector<ReqItem> Gaps(const Grounding& g) {
  std::vector<ReqItem> gaps;
  std::vector<std::string> seen;  // one entry per skill or name
  for (const ReqItem& item : Requirements(g.report)) {
    if (item.status() == model::MatchStatus::kMet) continue;
    std::string key = item.req->skill_id.empty() ? Lower(item.req->name) : item.req->skill_id;
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    gaps.push_back(item);
  }
  std::vector<std::tuple<int, int, int, int, std::size_t>> keys;
  std::vector<std::size_t> order(gaps.size());
  for (std::size_t i = 0; i < gaps.size(); ++i) {
    const ReqItem& it = gaps[i];
    keys.emplace_back(it.req->importance == model::Importance::kRequired ? 0 : 1,
                      it.status() == model::MatchStatus::kMissing ? 0 : 1, KindRank(*it.req),
                      -Mentions(g, *it.req), i);
    order[i] = i;
  }
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  std::vector<ReqItem> sorted;
  for (std::size_t i : order) sorted.push_back(gaps[i]);
  return sorted;
}

std::vector<ReqItem> LearnableGaps(const Grounding& g) {
  std::vector<ReqItem> out;
  for (const ReqItem& item : Gaps(g)) {
    if (Learnable(*item.req)) out.push_back(item);
  }
  return out;
}

std::string_view JobSentence(const Grounding& g, const model::Requirement& req) {
  std::string_view sentence = TrimMarker(SpanText(g.job, req.sentence_span));
  if (!sentence.empty()) return sentence;
  return LineAt(g.job, req.span.begin).text;
}

std::string_view EvidenceLine(const Grounding& g, const model::Evidence& evidence) {
  if (!evidence.excerpt.empty()) {
    // The excerpt may carry the bullet marker or several lines; show its first trimmed line.
    std::vector<Line> lines = SplitLines(evidence.excerpt);
    if (!lines.empty()) return lines.front().text;
  }
  return LineAt(g.resume, evidence.span.begin).text;
}

const char* ImportanceWord(const model::Requirement& req) {
  return model::ImportanceName(req.importance);
}

std::string DurationPhrase(int months) {
  if (months <= 0) return "";
  if (months < 12) return "about " + std::to_string(months) + (months == 1 ? " month" : " months");
  int halves = (months + 3) / 6;  // nearest half year
  std::string number = std::to_string(halves / 2) + (halves % 2 == 1 ? ".5" : "");
  return "about " + number + (halves == 2 ? " year" : " years");
}

std::string RoleLabel(const model::ExperienceEntry& entry) {
  if (!entry.title.empty() && !entry.employer.empty()) return entry.title + " at " + entry.employer;
  if (!entry.title.empty()) return entry.title;
  if (!entry.employer.empty()) return "your role at " + entry.employer;
  return "an untitled role";
}

const model::ExperienceEntry* MostRecentRole(const model::Report& report) {
  const model::ExperienceEntry* best = nullptr;
  for (const model::ExperienceEntry& e : report.resume.experience) {
    if (best == nullptr) {
      best = &e;
      continue;
    }
    auto rank = [](const model::ExperienceEntry& x) {
      if (x.is_current) return std::make_tuple(1, 9999, 99);
      if (x.end) return std::make_tuple(0, x.end->year, x.end->month);
      if (x.start) return std::make_tuple(0, x.start->year, x.start->month);
      return std::make_tuple(0, 0, 0);
    };
    if (rank(e) > rank(*best)) best = &e;  // strict: the first listed wins ties
  }
  return best;
}

std::vector<Line> ExperienceLines(const Grounding& g) {
  std::vector<Line> lines;
  for (const model::ExperienceEntry& e : g.report.resume.experience) {
    for (const model::Span& b : e.bullets) {
      std::string_view text = SpanText(g.resume, b);
      if (text.empty()) continue;
      // One-line bullets are shown as their trimmed line; a wrapped bullet as its whole text.
      Line line =
          text.find('\n') == std::string_view::npos ? LineAt(g.resume, b.begin) : Line{text, b};
      lines.push_back(line);
    }
  }
  if (lines.empty()) {
    for (const Line& l : SectionLines(g, "experience")) {
      bool header = false;
      for (const model::ExperienceEntry& e : g.report.resume.experience) {
        if (l.span.begin >= e.header_span.begin && l.span.begin < e.header_span.end) header = true;
      }
      if (!header) lines.push_back(l);
    }
  }
  return lines;
}

std::vector<Line> MeasurableLines(const Grounding& g) {
  std::vector<Line> out;
  std::vector<Line> lines = ExperienceLines(g);
  for (const Line& l : SectionLines(g, "projects")) lines.push_back(l);
  for (const Line& l : lines) {
    // Lines that are only dates ("2019 - 2022") are not results.
    int letters = 0;
    for (char c : l.text) letters += ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ? 1 : 0;
    if (HasDigit(l.text) && letters > 20) out.push_back(l);
  }
  return out;
}

std::vector<Line> ResultLines(const Grounding& g) {
  std::vector<Line> lines = MeasurableLines(g);
  std::vector<std::pair<int, std::size_t>> keys;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = lines[i].text;
    int strength = 0;
    if (t.find('%') != std::string_view::npos || t.find('$') != std::string_view::npos ||
        t.find("\u20ac") != std::string_view::npos || t.find("\u00a3") != std::string_view::npos) {
      strength += 2;
    }
    std::vector<std::string> words = Tokenize(t);
    static constexpr std::string_view kResultVerbs[] = {
        "reduced", "increased", "saved",   "cut",     "grew",      "improved",  "raised",
        "boosted", "lowered",   "doubled", "tripled", "shortened", "decreased", "generated"};
    for (std::string_view v : kResultVerbs) {
      if (!words.empty() && words.front() == v) strength += 1;
    }
    keys.emplace_back(-strength, i);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<Line> out;
  for (const auto& [strength, i] : keys) out.push_back(lines[i]);
  return out;
}

std::string YearsNumber(double years) {
  int tenths = static_cast<int>(years * 10 + 0.5);
  std::string out = std::to_string(tenths / 10);
  if (tenths % 10 != 0) out += "." + std::to_string(tenths % 10);
  return out;
}

std::string WithArticle(std::string_view noun) {
  char c = noun.empty() ? 'x' : noun.front();
  bool vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'A' || c == 'E' ||
               c == 'I' || c == 'O' || c == 'U';
  return std::string(vowel ? "an " : "a ") + std::string(noun);
}

std::string SectionKindAt(const model::Report& report, int offset) {
  for (const model::Section& s : report.resume.sections) {
    if (offset >= s.body_span.begin && offset < s.body_span.end) return s.kind;
    if (offset >= s.heading_span.begin && offset < s.heading_span.end) return s.kind;
  }
  return "";
}

std::vector<Line> SectionLines(const Grounding& g, std::string_view kind) {
  std::vector<Line> out;
  for (const model::Section& s : g.report.resume.sections) {
    if (s.kind != kind) continue;
    std::string_view body = SpanText(g.resume, s.body_span);
    for (Line l : SplitLines(body)) {
      l.span.begin += s.body_span.begin;
      l.span.end += s.body_span.begin;
      out.push_back(l);
    }
  }
  return out;
}

bool HasSection(const model::Report& report, std::string_view kind) {
  return std::any_of(report.resume.sections.begin(), report.resume.sections.end(),
                     [&](const model::Section& s) { return s.kind == kind; });
}

const Skill* ResolveSkill(const Grounding& g, std::string_view term) {
  if (g.taxonomy == nullptr || term.empty()) return nullptr;
  if (const Skill* skill = g.taxonomy->FindBySurfaceForm(term)) return skill;
  // "Kubernetes experience" or "skills like SQL": the first taxonomy skill in the phrase.
  std::vector<model::SkillMention> mentions = FindSkillMentions(*g.taxonomy, term);
  if (mentions.empty()) return nullptr;
  return g.taxonomy->FindById(mentions.front().skill_id);
}

std::vector<std::string> SearchForms(const Grounding& g, std::string_view term) {
  std::vector<std::string> forms;
  auto add = [&](std::string_view f) {
    if (f.empty()) return;
    std::string lower = Lower(f);
    for (const std::string& have : forms) {
      if (Lower(have) == lower) return;
    }
    forms.emplace_back(f);
  };
  add(term);
  if (const Skill* skill = ResolveSkill(g, term)) {
    add(skill->name);
    for (const std::string& alias : skill->aliases) add(alias);
  }
  std::stable_sort(forms.begin(), forms.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return forms;
}

ReqItem FindRequirement(const Grounding& g, std::string_view term) {
  const Skill* skill = ResolveSkill(g, term);
  std::string lower = Lower(term);
  for (const ReqItem& item : Requirements(g.report)) {
    if (skill != nullptr && item.req->skill_id == skill->id) return item;
    if (Lower(item.req->name) == lower) return item;
  }
  // A requirement whose name contains the term as a word ("PostgreSQL" in "PostgreSQL tuning").
  for (const ReqItem& item : Requirements(g.report)) {
    if (ContainsWord(item.req->name, term)) return item;
  }
  return {};
}

std::vector<std::string> RelatedSkillsShown(const Grounding& g, const ReqItem& item) {
  std::vector<std::string> names;
  auto add = [&](const std::string& n) {
    if (!n.empty() && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  };
  if (item.match != nullptr) add(item.match->related_skill);
  if (g.taxonomy != nullptr && !item.req->skill_id.empty()) {
    if (const Skill* skill = g.taxonomy->FindById(item.req->skill_id)) {
      for (const std::string& id : skill->related) {
        const Skill* rel = g.taxonomy->FindById(id);
        if (rel == nullptr) continue;
        bool shown = false;
        for (const auto* list : {&g.report.matched_skills, &g.report.extra_skills}) {
          for (const model::SkillMention& m : *list) shown = shown || m.skill_id == rel->id;
        }
        if (!shown) shown = ContainsWord(g.resume, rel->name);
        if (shown) add(rel->name);
      }
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> TopMatchedSkills(const Grounding& g, std::size_t limit) {
  std::vector<std::string> names;
  for (int pass = 0; pass < 2; ++pass) {
    for (const ReqItem& item : Requirements(g.report)) {
      bool required = item.req->importance == model::Importance::kRequired;
      if (item.status() != model::MatchStatus::kMet || required != (pass == 0)) continue;
      if (item.req->kind != model::RequirementKind::kSkill) continue;
      if (std::find(names.begin(), names.end(), item.req->name) != names.end()) continue;
      if (names.size() < limit) names.push_back(item.req->name);
    }
  }
  return names;
}

std::string StatusWord(model::MatchStatus s) {
  switch (s) {
    case model::MatchStatus::kMet:
      return "met";
    case model::MatchStatus::kPartial:
      return "partly met";
    case model::MatchStatus::kMissing:
      return "missing";
  }
  return "missing";
}

bool IsExperienceOnlyInSkills(const ReqItem& item) {
  if (item.match == nullptr || item.match->evidence.empty()) return false;
  return std::all_of(item.match->evidence.begin(), item.match->evidence.end(),
                     [](const model::Evidence& e) { return e.section == "skills"; });
}

std::string DegreeWords(std::string_view level) {
  if (level == "bachelor") return "a bachelor's degree";
  if (level == "master") return "a master's degree";
  if (level == "doctorate") return "a doctorate";
  if (level == "associate") return "an associate degree";
  if (level == "diploma") return "a diploma";
  if (level == "certificate") return "a certificate";
  return std::string(level);
}

int TotalYears(const model::Report& report) {
  return static_cast<int>(ExperienceYears(report.resume));
}

}  // namespace rc::engine::coach

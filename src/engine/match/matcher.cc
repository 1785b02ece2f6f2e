// Matcher: evidence lookup per requirement kind.
#include "engine/match/matcher.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "engine/extract/phrase_patterns.h"
#include "engine/parse/dates.h"

namespace rc::engine {
namespace {

enum class Strength { kNone = 0, kList = 1, kMention = 2, kRole = 3 };

Strength SectionStrength(const std::string& section, const model::Requirement& req) {
  if (section == "experience" || section == "projects" || section == "volunteer") {
    return Strength::kRole;
  }
  if (section == "certifications" && req.kind == model::RequirementKind::kCertification) {
    return Strength::kRole;
  }
  if (section == "languages" && req.skill_kind == "language") return Strength::kRole;
  if (section == "skills" || section == "certifications" || section == "languages") {
    return Strength::kList;
  }
  return Strength::kMention;
}

double CreditOf(Strength s) {
  switch (s) {
    case Strength::kRole:
      return 1.0;
    case Strength::kMention:
      return kMentionCredit;
    case Strength::kList:
      return kListOnlyCredit;
    case Strength::kNone:
      return 0.0;
  }
  return 0.0;
}

std::string FormatNumber(double v) {
  std::ostringstream out;
  if (std::fabs(v - std::round(v)) < 1e-9) {
    out << static_cast<int>(std::round(v));
  } else {
    out.setf(std::ios::fixed);
    out.precision(1);
    out << v;
  }
  return out.str();
}

// The original text of the line holding `span`, trimmed and cut to 160 bytes.
std::string Excerpt(const Document& doc, model::Span span) {
  const std::string& text = doc.original;
  std::size_t b = static_cast<std::size_t>(span.begin);
  std::size_t e = static_cast<std::size_t>(span.end);
  while (b > 0 && text[b - 1] != '\n') --b;
  while (e < text.size() && text[e] != '\n' && text[e] != '\r') ++e;
  while (b < e && (text[b] == ' ' || text[b] == '\t' || text[b] == '*' || text[b] == '-')) ++b;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
  // Bullets written with a non-ASCII marker ("• ") keep it; drop it here.
  if (e - b >= 4 && text.compare(b, 3, "\xE2\x80\xA2") == 0) b += 3;
  while (b < e && text[b] == ' ') ++b;
  if (e - b > 160) {
    e = b + 160;
    while (e > b && (static_cast<unsigned char>(text[e]) & 0xC0) == 0x80) --e;
    return text.substr(b, e - b) + "...";
  }
  return text.substr(b, e - b);
}

struct Occurrence {
  model::Span span;
  std::uint32_t line = 0;
  Strength strength = Strength::kNone;
};

// Names of the roles (title at employer) whose entries hold the lines, in resume order.
std::vector<std::string> RoleNames(const ParsedResume& resume, const std::set<int>& entries) {
  std::vector<std::string> out;
  for (int e : entries) {
    const model::ExperienceEntry& entry = resume.facts.experience[e];
    if (!entry.employer.empty()) {
      out.push_back(entry.employer);
    } else if (!entry.title.empty()) {
      out.push_back(entry.title);
    }
  }
  return out;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

std::string TitleStem(std::string word) {
  static constexpr std::string_view kSuffixes[] = {"ment", "ing", "er", "or", "ant", "ist", "ian"};
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view suffix : kSuffixes) {
      if (word.size() >= suffix.size() + 4 && word.ends_with(suffix)) {
        word.resize(word.size() - suffix.size());
        changed = true;
        break;
      }
    }
  }
  if (word.size() > 4 && word.back() == 'e') word.pop_back();
  return word;
}

bool TitleWordsAgree(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const std::string stem = TitleStem(a);
  return stem != a && TitleStem(b) == stem && b != stem;
}

namespace {

// The matching keys of the content words of `text`.
std::vector<std::string> TitleKeys(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text).tokens) {
    if (t.is_word && !IsPhraseStopWord(t.lower)) out.push_back(t.key);
  }
  return out;
}

// The first role whose header part (title or employer: the header parser cannot always tell them
// apart) names every word of `skill_name` up to word endings, as {entry, part}; {-1, ""} when none.
std::pair<int, std::string> RoleTitleNaming(const ParsedResume& resume,
                                            std::string_view skill_name) {
  const std::vector<std::string> want = TitleKeys(skill_name);
  if (want.empty()) return {-1, ""};
  const auto& roles = resume.facts.experience;
  for (std::size_t e = 0; e < roles.size(); ++e) {
    for (const std::string* part : {&roles[e].title, &roles[e].employer}) {
      const std::vector<std::string> have = TitleKeys(*part);
      const bool all = std::all_of(want.begin(), want.end(), [&](const std::string& w) {
        return std::any_of(have.begin(), have.end(),
                           [&](const std::string& h) { return TitleWordsAgree(w, h); });
      });
      if (all) return {static_cast<int>(e), *part};
    }
  }
  return {-1, ""};
}

}  // namespace

double RoundYears(double years) { return std::round(years * 2.0) / 2.0; }

MatchResult MatchRequirements(const Taxonomy& taxonomy, const Document& resume_doc,
                              const ParsedResume& resume, const std::vector<SkillHit>& resume_hits,
                              const Document& job_doc, const ParsedJob& job) {
  MatchResult out;
  const auto& rtokens = resume_doc.tok.tokens;
  // Occurrences of each taxonomy skill in the resume.
  std::map<int, std::vector<Occurrence>> by_skill;
  for (const SkillHit& h : resume_hits) {
    Occurrence o;
    o.span = resume_doc.TokenSpan(h.first, h.last);
    o.line = rtokens[h.first].line;
    by_skill[h.skill].push_back(o);
  }
  auto section_of = [&](std::uint32_t line) -> const std::string& {
    return resume.line_section[line];
  };
  auto best_evidence = [&](int skill, const model::Requirement& req,
                           std::vector<model::Evidence>* evidence, Strength* strength,
                           std::set<int>* entries) {
    *strength = Strength::kNone;
    auto it = by_skill.find(skill);
    if (it == by_skill.end()) return;
    std::vector<std::pair<Strength, const Occurrence*>> ranked;
    for (const Occurrence& o : it->second) {
      const Strength s = SectionStrength(section_of(o.line), req);
      ranked.emplace_back(s, &o);
      if (resume.line_entry[o.line] >= 0) entries->insert(resume.line_entry[o.line]);
      if (s > *strength) *strength = s;
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < ranked.size() && evidence->size() < 3; ++i) {
      const Occurrence& o = *ranked[i].second;
      evidence->push_back({o.span, section_of(o.line), Excerpt(resume_doc, o.span)});
    }
  };
  auto years_in_entries = [&](const std::set<int>& entries) {
    std::vector<std::pair<model::YearMonth, model::YearMonth>> ranges;
    for (int e : entries) {
      const model::ExperienceEntry& entry = resume.facts.experience[e];
      if (!entry.start || entry.months <= 0) continue;
      ranges.emplace_back(*entry.start,
                          entry.is_current ? resume.present : entry.end.value_or(*entry.start));
    }
    return UnionMonths(ranges) / 12.0;
  };
  const double total_years = ExperienceYears(resume.facts);
  int best_degree = 0;
  const model::EducationEntry* best_degree_entry = nullptr;
  for (const model::EducationEntry& e : resume.facts.education) {
    if (DegreeRank(e.degree_level) > best_degree) {
      best_degree = DegreeRank(e.degree_level);
      best_degree_entry = &e;
    }
  }
  std::set<int> required_ids;
  for (const model::Requirement& req : job.facts.requirements) {
    const int idx = req.skill_id.empty() ? -1 : taxonomy.IndexOf(req.skill_id);
    if (idx >= 0) required_ids.insert(idx);
  }

  for (const model::Requirement& req : job.facts.requirements) {
    model::RequirementMatch m;
    m.requirement_id = req.id;
    const int idx = req.skill_id.empty() ? -1 : taxonomy.IndexOf(req.skill_id);
    if (idx >= 0) {
      Strength strength = Strength::kNone;
      std::set<int> entries;
      best_evidence(idx, req, &m.evidence, &strength, &entries);
      if (strength != Strength::kNone) {
        m.credit = CreditOf(strength);
        m.status =
            strength == Strength::kList ? model::MatchStatus::kPartial : model::MatchStatus::kMet;
        const double years = years_in_entries(entries);
        if (!entries.empty() && years > 0) m.years_found = RoundYears(years);
        const std::vector<std::string> roles = RoleNames(resume, entries);
        if (strength == Strength::kList) {
          ++out.list_only_skills;
          m.explanation =
              req.name + " appears only in your Skills list; no role or project shows it.";
        } else {
          ++out.evidenced_skills;
          m.explanation = roles.empty()
                              ? "Your resume mentions " + req.name + "."
                              : "Your work at " + JoinNames(roles) + " shows " + req.name + ".";
        }
        if (req.years_min && strength != Strength::kList) {
          const double found = m.years_found.value_or(0.0);
          if (found + 1e-9 < *req.years_min) {
            m.status = model::MatchStatus::kPartial;
            m.credit = std::min(m.credit, std::max(0.5, found / *req.years_min));
            m.explanation = "The JD asks for " + FormatNumber(*req.years_min) + "+ years of " +
                            req.name + "; " +
                            (roles.empty() ? std::string("your resume shows no dated role with it")
                                           : "your roles at " + JoinNames(roles) + " show about " +
                                                 FormatNumber(found)) +
                            ".";
          } else {
            m.explanation = "The JD asks for " + FormatNumber(*req.years_min) + "+ years of " +
                            req.name + "; your roles at " + JoinNames(roles) + " show about " +
                            FormatNumber(found) + ".";
          }
        }
      } else if (const auto [entry, role] = RoleTitleNaming(resume, taxonomy.skills()[idx].name);
                 entry >= 0 && req.span.begin >= job.facts.title_span.begin &&
                 req.span.end <= job.facts.title_span.end && !job.facts.title.empty()) {
        // The skill the JD title names, shown by the resume's own role title ("Accounting
        // Manager" and a "Senior Accountant" role).
        const model::ExperienceEntry& e = resume.facts.experience[entry];
        m.status = model::MatchStatus::kMet;
        m.credit = 1.0;
        m.evidence.push_back({e.header_span, "experience", Excerpt(resume_doc, e.header_span)});
        if (e.months > 0) m.years_found = RoundYears(e.months / 12.0);
        ++out.evidenced_skills;
        m.explanation = "Your role as " + role + " shows " + req.name + ".";
      } else {
        // Related skills: listed by either side.
        const Skill& skill = taxonomy.skills()[idx];
        std::set<int> related;
        for (const std::string& r : skill.related) related.insert(taxonomy.IndexOf(r));
        for (const auto& [other, occurrences] : by_skill) {
          const auto& rel = taxonomy.skills()[other].related;
          if (std::find(rel.begin(), rel.end(), skill.id) != rel.end()) related.insert(other);
        }
        int best = -1;
        Strength best_strength = Strength::kNone;
        for (int r : related) {
          if (r < 0 || by_skill.count(r) == 0 || required_ids.count(r) > 0) continue;
          std::vector<model::Evidence> ev;
          Strength s = Strength::kNone;
          std::set<int> ent;
          best_evidence(r, req, &ev, &s, &ent);
          if (s > best_strength) {
            best_strength = s;
            best = r;
          }
        }
        if (best >= 0) {
          std::set<int> ent;
          Strength s = Strength::kNone;
          best_evidence(best, req, &m.evidence, &s, &ent);
          m.status = model::MatchStatus::kPartial;
          m.credit = kRelatedCredit * CreditOf(s);
          m.related_skill = taxonomy.skills()[best].name;
          m.explanation = req.name + " is not in your resume, but " + m.related_skill +
                          ", which is related, is.";
        } else {
          m.explanation = req.name + " is not in your resume.";
        }
      }
    } else if (req.kind == model::RequirementKind::kExperience) {
      const double need = req.years_min.value_or(0.0);
      std::set<int> all;
      for (std::size_t e = 0; e < resume.facts.experience.size(); ++e) {
        if (resume.facts.experience[e].months > 0) all.insert(static_cast<int>(e));
      }
      const std::vector<std::string> roles = RoleNames(resume, all);
      m.years_found = RoundYears(total_years);
      m.credit = need <= 0 ? 1.0 : std::min(1.0, total_years / need);
      m.status = m.credit >= 1.0   ? model::MatchStatus::kMet
                 : m.credit >= 0.5 ? model::MatchStatus::kPartial
                                   : model::MatchStatus::kMissing;
      for (int e : all) {
        const auto& entry = resume.facts.experience[e];
        if (m.evidence.size() < 3) {
          m.evidence.push_back(
              {entry.header_span, "experience", Excerpt(resume_doc, entry.header_span)});
        }
      }
      std::string found;
      if (UsesStatedYears(resume.facts)) {
        found = "your resume states " + FormatNumber(RoundYears(total_years)) + " years";
      } else if (roles.empty()) {
        found = "your resume shows no dated roles";
      } else {
        found = "your roles at " + JoinNames(roles) + " add up to about " +
                FormatNumber(RoundYears(total_years)) + " years";
      }
      m.explanation =
          "The JD asks for " + FormatNumber(need) + "+ years of experience; " + found + ".";
    } else if (req.kind == model::RequirementKind::kEducation) {
      const int need = DegreeRank(req.degree_level);
      if (best_degree_entry != nullptr) {
        m.evidence.push_back(
            {best_degree_entry->span, "education", Excerpt(resume_doc, best_degree_entry->span)});
      }
      if (best_degree >= need && need > 0) {
        m.status = model::MatchStatus::kMet;
        m.credit = 1.0;
        m.explanation = "Your education (" + best_degree_entry->degree_level +
                        " level) meets the " + req.name + " requirement.";
      } else if (best_degree == need - 1 && best_degree > 0) {
        m.status = model::MatchStatus::kPartial;
        m.credit = 0.5;
        m.explanation =
            "The JD asks for a " + req.name + "; your highest listed degree is one level below.";
      } else {
        m.explanation =
            best_degree_entry == nullptr
                ? "The JD asks for a " + req.name + "; your resume lists no degree."
                : "The JD asks for a " + req.name + "; your highest listed degree is lower.";
      }
    } else {
      // A phrase outside the taxonomy: look for its content words in one resume line.
      std::vector<std::string> keys;
      const Document phrase = MakeDocument(req.name);
      for (const Token& t : phrase.tok.tokens) {
        if (t.is_word && !IsPhraseStopWord(t.lower)) keys.push_back(t.key);
      }
      int best_line = -1;
      std::size_t best_found = 0;
      for (std::uint32_t l = 0; l < resume_doc.tok.lines.size() && !keys.empty(); ++l) {
        const TokenRange& r = resume_doc.tok.lines[l];
        std::size_t found = 0;
        for (const std::string& k : keys) {
          for (std::uint32_t t = r.first; t < r.last; ++t) {
            if (rtokens[t].key == k) {
              ++found;
              break;
            }
          }
        }
        // Prefer lines in roles for equal coverage.
        const bool better =
            found > best_found ||
            (found == best_found && found > 0 && best_line >= 0 && section_of(l) == "experience" &&
             section_of(best_line) != "experience");
        if (better) {
          best_found = found;
          best_line = static_cast<int>(l);
        }
      }
      if (best_line >= 0 && best_found * 2 >= keys.size()) {
        const TokenRange& r = resume_doc.tok.lines[best_line];
        const model::Span span = resume_doc.TokenSpan(r.first, r.last);
        m.evidence.push_back({span, section_of(best_line), Excerpt(resume_doc, span)});
        if (best_found == keys.size()) {
          m.status = model::MatchStatus::kMet;
          m.credit = kPhraseCredit;
          m.explanation = "Your resume mentions " + req.name + ".";
        } else {
          m.status = model::MatchStatus::kPartial;
          m.credit = 0.5;
          m.explanation = "Your resume touches on " + req.name + " but not in those words.";
        }
      } else {
        m.explanation = req.name + " is not in your resume.";
      }
    }
    // Skill lists for the report.
    if (req.kind == model::RequirementKind::kSkill ||
        req.kind == model::RequirementKind::kCertification) {
      const Skill* skill = idx >= 0 ? &taxonomy.skills()[idx] : nullptr;
      model::SkillMention mention;
      mention.skill_id = req.skill_id;
      mention.name = req.name;
      mention.kind = skill ? skill->kind : model::SkillKind::kHard;
      if (m.status == model::MatchStatus::kMissing ||
          (m.status == model::MatchStatus::kPartial && !m.related_skill.empty())) {
        mention.span = req.span;
        const std::uint32_t line = static_cast<std::uint32_t>(std::distance(
            job_doc.tok.lines.begin(),
            std::lower_bound(job_doc.tok.lines.begin(), job_doc.tok.lines.end(), req.span.begin,
                             [&](const TokenRange& r, std::int32_t b) {
                               return job_doc.Span(r.begin, r.end).end < b;
                             })));
        mention.section = line < job.line_section.size() ? job.line_section[line] : "other";
        out.missing_skills.push_back(mention);
      } else if (!m.evidence.empty()) {
        mention.span = m.evidence.front().span;
        mention.section = m.evidence.front().section;
        out.matched_skills.push_back(mention);
      }
    }
    out.matches.push_back(std::move(m));
  }
  // Extra skills: resume skills the JD does not ask for, first occurrence each.
  std::set<int> seen;
  for (const SkillHit& h : resume_hits) {
    if (required_ids.count(h.skill) > 0 || !seen.insert(h.skill).second) continue;
    if (out.extra_skills.size() >= 25) break;
    const Skill& skill = taxonomy.skills()[h.skill];
    out.extra_skills.push_back({skill.id, skill.name, skill.kind,
                                resume_doc.TokenSpan(h.first, h.last),
                                section_of(rtokens[h.first].line)});
  }
  return out;
}

}  // namespace rc::engine

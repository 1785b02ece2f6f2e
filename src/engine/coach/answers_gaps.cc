// Answers about the fit: missing skills, qualification, strengths, what to learn, the job.
#include <algorithm>
#include <cstdio>

#include "engine/coach/answers.h"
#include "engine/parse/resume_segmenter.h"

namespace rc::engine::coach {
namespace {

std::string E(std::string_view s) { return EscapeInline(s); }

std::string Fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f", v);
  return buf;
}

std::string GapLine(const Grounding& g, const ReqItem& item, std::size_t n) {
  std::string line = std::to_string(n) + ". **" + E(item.req->name) + "**";
  if (item.req->years_min) line += " (" + YearsNumber(*item.req->years_min) + "+ years)";
  std::string_view jd = JobSentence(g, *item.req);
  if (!jd.empty()) line += " \u2014 the job says: \u201c" + Quote(jd, 160) + "\u201d.";
  if (item.status() == model::MatchStatus::kPartial && item.match != nullptr) {
    if (!item.match->related_skill.empty()) {
      line += " You show the related **" + E(item.match->related_skill) + "**.";
    } else if (!item.match->explanation.empty()) {
      line += " " + E(item.match->explanation);
    }
  }
  return line + "\n";
}

}  // namespace

std::string AnswerMissing(const Grounding& g) {
  std::string out = "## Missing skills and experience\n\n";
  std::vector<ReqItem> all = Requirements(g.report);
  if (all.empty()) {
    return out +
           "The analysis found no explicit requirements in the job description, so there "
           "is nothing to compare against. Ask *what does the job say about X* for a "
           "specific skill.\n";
  }
  int met = 0;
  int partial = 0;
  int missing = 0;
  for (const ReqItem& item : all) {
    met += item.status() == model::MatchStatus::kMet;
    partial += item.status() == model::MatchStatus::kPartial;
    missing += item.status() == model::MatchStatus::kMissing;
  }
  out += "The job lists " + std::to_string(all.size()) + " requirements: your resume meets " +
         std::to_string(met) + ", partly meets " + std::to_string(partial) + " and misses " +
         std::to_string(missing) + ".\n";
  std::vector<ReqItem> gaps = Gaps(g);
  if (gaps.empty()) {
    return out +
           "\nNothing the job asks for is missing. Make sure the strongest evidence sits in "
           "your experience bullets, not only in the skills list.\n";
  }
  struct Group {
    model::Importance importance;
    model::MatchStatus status;
    const char* title;
  };
  const Group groups[] = {
      {model::Importance::kRequired, model::MatchStatus::kMissing, "Required, missing"},
      {model::Importance::kRequired, model::MatchStatus::kPartial, "Required, partly met"},
      {model::Importance::kPreferred, model::MatchStatus::kMissing, "Preferred, missing"},
      {model::Importance::kPreferred, model::MatchStatus::kPartial, "Preferred, partly met"},
  };
  // Each group's numbered list follows a blank line: a list that does not start at 1 cannot
  // interrupt a paragraph in CommonMark.
  constexpr std::size_t kLimit = 10;
  std::size_t n = 0;
  for (const Group& group : groups) {
    std::string block;
    for (const ReqItem& item : gaps) {
      if (item.req->importance != group.importance || item.status() != group.status) continue;
      ++n;
      if (n <= kLimit) block += GapLine(g, item, n);
    }
    if (!block.empty()) out += "\n**" + std::string(group.title) + "**\n\n" + block;
  }
  if (n > kLimit) out += "\n\u2026and " + std::to_string(n - kLimit) + " more.\n";
  out += "\nAsk *tell me more about the first one* for details, or *what should I learn first?*\n";
  return out;
}

std::string AnswerQualification(const Grounding& g, bool detailed) {
  const model::Report& r = g.report;
  std::string out = "## Qualification assessment\n\n";
  int total = r.score.total;
  const char* verdict = total >= 75   ? "a strong match"
                        : total >= 55 ? "a reasonable match with some gaps"
                        : total >= 35 ? "a partial match"
                                      : "a weak match";
  out += "**Match score: " + std::to_string(total) + "/100** \u2014 " + verdict + ".";
  int req_total = 0;
  int req_met = 0;
  int pref_total = 0;
  int pref_met = 0;
  for (const ReqItem& item : Requirements(r)) {
    bool met = item.status() == model::MatchStatus::kMet;
    if (item.req->importance == model::Importance::kRequired) {
      ++req_total;
      req_met += met;
    } else {
      ++pref_total;
      pref_met += met;
    }
  }
  if (req_total > 0) {
    out +=
        " You meet " + std::to_string(req_met) + " of " + std::to_string(req_total) + " required";
    if (pref_total > 0) {
      out +=
          " and " + std::to_string(pref_met) + " of " + std::to_string(pref_total) + " preferred";
    }
    out += " requirements.";
  }
  out += "\n\n";
  if (r.job.years_required) {
    out += "- **Experience:** the job asks for " + YearsNumber(*r.job.years_required) +
           "+ years; " +
           (UsesStatedYears(r.resume)
                ? "your resume states " + YearsNumber(*r.resume.stated_years) + " years"
            : r.resume.total_experience_months > 0
                ? "your dated roles add up to " + DurationPhrase(r.resume.total_experience_months)
                : std::string("your dated roles add up to an unknown total (no dates found)")) +
           ".\n";
  }
  if (!r.job.degree_level.empty()) {
    std::vector<std::string> levels;
    for (const model::EducationEntry& e : r.resume.education) {
      if (!e.degree_level.empty()) levels.push_back(E(DegreeWords(e.degree_level)));
    }
    out += "- **Education:** the job asks for " + E(DegreeWords(r.job.degree_level)) +
           "; your resume shows " + (levels.empty() ? std::string("no degree") : JoinAnd(levels)) +
           ".\n";
  }
  if (!r.score.factors.empty()) {
    out += "\n| Factor | Weight | Score | Points |\n|---|---|---|---|\n";
    for (const model::ScoreFactor& f : r.score.factors) {
      out += "| " + E(f.label.empty() ? f.id : f.label) + " | " +
             std::to_string(static_cast<int>(f.weight * 100 + 0.5)) + "% | " +
             std::to_string(static_cast<int>(f.score * 100 + 0.5)) + "% | " + Fixed1(f.points) +
             " |\n";
    }
    if (detailed) {
      out += "\n";
      for (const model::ScoreFactor& f : r.score.factors) {
        if (!f.explanation.empty()) {
          out += "- **" + E(f.label.empty() ? f.id : f.label) + ":** " + E(f.explanation) + "\n";
        }
      }
    }
  }
  std::vector<std::string> strengths;
  for (const ReqItem& item : Requirements(r)) {
    if (strengths.size() >= 2 || item.status() != model::MatchStatus::kMet ||
        item.match == nullptr || item.match->evidence.empty()) {
      continue;
    }
    strengths.push_back("**" + E(item.req->name) + "**: \u201c" +
                        Quote(EvidenceLine(g, item.match->evidence.front()), 140) + "\u201d");
  }
  if (!strengths.empty()) {
    out += "\n**Strongest evidence:**\n";
    for (const std::string& s : strengths) out += "- " + s + "\n";
  }
  std::vector<std::string> gaps;
  for (const ReqItem& item : Gaps(g)) {
    if (gaps.size() < 4 && item.req->importance == model::Importance::kRequired) {
      gaps.push_back("**" + E(item.req->name) + "** (" + StatusWord(item.status()) + ")");
    }
  }
  if (!gaps.empty()) out += "\n**What holds the score back:** " + JoinAnd(gaps) + ".\n";
  out += detailed ? "" : "\nAsk *tell me more* for what each factor measured.\n";
  return out;
}

std::string AnswerLearnFirst(const Grounding& g) {
  std::string out = "## What to learn first\n\n";
  std::vector<ReqItem> items = LearnableGaps(g);
  if (items.empty()) {
    out +=
        "The job asks for no skill your resume lacks entirely. Focus on showing the "
        "partly met ones with concrete bullets instead.\n";
  } else {
    out +=
        "Ordered by what the job needs most: required before preferred, missing before "
        "partly met, then how often the job mentions it.\n\n";
    for (std::size_t i = 0; i < items.size() && i < 6; ++i) {
      const ReqItem& item = items[i];
      out += std::to_string(i + 1) + ". **" + E(item.req->name) + "** (" +
             ImportanceWord(*item.req) + ", " + StatusWord(item.status()) + ")";
      std::vector<std::string> related = RelatedSkillsShown(g, item);
      if (item.req->skill_kind == "soft") {
        out += " \u2014 not a course topic: show it with a bullet about a real situation.";
      } else if (!related.empty()) {
        std::vector<std::string> names;
        for (const std::string& n : related) names.push_back("**" + E(n) + "**");
        out += " \u2014 you already show " + JoinAnd(names) + ", a good base for it.";
      }
      out += "\n";
    }
  }
  std::vector<std::string> other;
  for (const ReqItem& item : Gaps(g)) {
    if (item.req->kind == model::RequirementKind::kExperience ||
        item.req->kind == model::RequirementKind::kEducation) {
      other.push_back("**" + E(item.req->name) + "**");
    }
  }
  if (!other.empty()) {
    out += "\nNot learnable quickly but also asked for: " + JoinAnd(other) + ".\n";
  }
  return out;
}

std::string AnswerRequirementDetail(const Grounding& g, const ReqItem& item) {
  const model::Requirement& req = *item.req;
  std::string out = "## " + E(req.name) + " (" + ImportanceWord(req) + ")\n\n";
  std::string_view jd = JobSentence(g, req);
  if (!jd.empty()) out += "**What the job says:** \u201c" + Quote(jd, 300) + "\u201d\n\n";
  out += "**Status:** " + StatusWord(item.status());
  if (item.match != nullptr && !item.match->explanation.empty()) {
    out += " \u2014 " + E(item.match->explanation);
  }
  out += "\n\n";
  if (item.match != nullptr && !item.match->evidence.empty()) {
    out += "**Where your resume shows it:**\n";
    for (std::size_t i = 0; i < item.match->evidence.size() && i < 4; ++i) {
      const model::Evidence& ev = item.match->evidence[i];
      out += "- \u201c" + Quote(EvidenceLine(g, ev), 200) + "\u201d" +
             (ev.section.empty() ? "" : " (" + E(ev.section) + ")") + "\n";
    }
    out += "\n";
  }
  if (req.years_min) {
    out += "**Years:** the job asks for " + YearsNumber(*req.years_min) + "+";
    if (item.match != nullptr && item.match->years_found) {
      out += "; your dated roles that mention it add up to about " +
             YearsNumber(*item.match->years_found);
    }
    out += ".\n\n";
  }
  std::vector<std::string> related = RelatedSkillsShown(g, item);
  if (!related.empty()) {
    std::vector<std::string> names;
    for (const std::string& n : related) names.push_back("**" + E(n) + "**");
    out += "**Related skills you show:** " + JoinAnd(names) + "\n\n";
  }
  out += "**Next step:** ";
  const model::ExperienceEntry* recent = MostRecentRole(g.report);
  if (item.status() == model::MatchStatus::kMissing) {
    out += "if you have used " + E(req.name) + ", add a bullet";
    if (recent != nullptr) out += " under " + E(RoleLabel(*recent));
    out +=
        " that says what you did with it and what changed. If you have not, be ready to say "
        "how you would learn it";
    if (!related.empty()) out += ", starting from " + E(related.front());
    out += ".\n";
  } else if (item.status() == model::MatchStatus::kPartial) {
    out += "make the evidence explicit: name " + E(req.name) +
           " in the bullet where you used it, with the scale or result.\n";
  } else if (IsExperienceOnlyInSkills(item)) {
    out += "it appears only in your skills list; add a bullet that shows where you used it.\n";
  } else {
    out += "this is covered; keep the strongest bullet near the top of its role.\n";
  }
  out += "\n**Likely interview question:** " + InterviewQuestion(item) + "\n";
  return out;
}

std::vector<ReqItem> StrengthItems(const Grounding& g) {
  std::vector<ReqItem> items;
  std::vector<std::string> seen;
  // Required before preferred; evidence from experience before a bare skills list.
  for (int pass = 0; pass < 4; ++pass) {
    bool want_required = pass < 2;
    bool want_experience = pass % 2 == 0;
    for (const ReqItem& item : Requirements(g.report)) {
      if (item.status() != model::MatchStatus::kMet || item.match == nullptr) continue;
      if ((item.req->importance == model::Importance::kRequired) != want_required) continue;
      if (IsExperienceOnlyInSkills(item) == want_experience) continue;
      std::string key = Lower(item.req->name);
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
      seen.push_back(key);
      items.push_back(item);
    }
  }
  return items;
}

std::string AnswerStrengths(const Grounding& g) {
  std::string out = "## Your strengths for this job\n\n";
  std::vector<ReqItem> items = StrengthItems(g);
  if (items.empty()) {
    out +=
        "The analysis found no requirement of this job that your resume clearly meets yet. "
        "Ask *what am I missing?* to see what to show.\n";
  } else {
    out += "What the job asks for and your resume shows, strongest evidence first:\n\n";
    for (std::size_t i = 0; i < items.size() && i < 8; ++i) {
      const ReqItem& item = items[i];
      out += std::to_string(i + 1) + ". **" + E(item.req->name) + "** (" +
             ImportanceWord(*item.req) + ")";
      if (!item.match->evidence.empty()) {
        out += ": \u201c" + Quote(EvidenceLine(g, item.match->evidence.front()), 160) + "\u201d";
      }
      if (IsExperienceOnlyInSkills(item)) out += " \u2014 only in your skills list";
      out += "\n";
    }
  }
  std::vector<std::string> extra;
  for (const model::SkillMention& m : g.report.extra_skills) {
    std::string n = "**" + E(m.name) + "**";
    if (extra.size() < 6 && std::find(extra.begin(), extra.end(), n) == extra.end()) {
      extra.push_back(n);
    }
  }
  if (!extra.empty()) {
    out += "\nYou also show " + JoinAnd(extra) +
           ", which the job does not ask for; keep them if they support the story for this role.\n";
  }
  return out;
}

std::string AnswerJobSummary(const Grounding& g) {
  const model::JobFacts& job = g.report.job;
  std::string out = "## What the job asks for\n\n";
  if (!job.title.empty()) {
    out += "**Role:** " + E(job.title);
    if (!job.seniority.empty()) out += " (" + E(job.seniority) + " level)";
    out += "\n\n";
  }
  if (job.years_required) {
    out += "**Experience:** " + YearsNumber(*job.years_required) + "+ years\n\n";
  }
  if (!job.degree_level.empty()) {
    out += "**Education:** " + E(DegreeWords(job.degree_level)) + "\n\n";
  }
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<std::string> names;
    for (const ReqItem& item : Requirements(g.report)) {
      bool required = item.req->importance == model::Importance::kRequired;
      if (required != (pass == 0)) continue;
      std::string n = E(item.req->name) + " (" +
                      (item.status() == model::MatchStatus::kMet       ? "you show it"
                       : item.status() == model::MatchStatus::kPartial ? "partly shown"
                                                                       : "not shown") +
                      ")";
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
    if (names.empty()) continue;
    out += pass == 0 ? "**Required:**\n" : "**Preferred:**\n";
    for (const std::string& n : names) out += "- " + n + "\n";
    out += "\n";
  }
  if (job.requirements.empty()) {
    out += "The analysis found no explicit requirements. The job description's first lines:\n";
    std::vector<Line> lines = SplitLines(g.job);
    for (std::size_t i = 0; i < lines.size() && i < 5; ++i) {
      out += "- \u201c" + Quote(lines[i].text, 200) + "\u201d\n";
    }
  }
  return out;
}

}  // namespace rc::engine::coach

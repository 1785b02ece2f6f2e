// Answers that look things up: where a term appears, interview questions, relevant lines.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "engine/coach/answers.h"
#include "engine/extract/skill_extractor.h"
#include "engine/parse/resume_segmenter.h"
#include "engine/taxonomy/taxonomy.h"

namespace rc::engine::coach {
namespace {

std::string E(std::string_view s) { return EscapeInline(s); }

// Lines of `text` that mention `term`: taxonomy mentions of the same skill (aliases, context
// rules) and literal whole-word matches of its surface forms, in text order, one per line.
std::vector<Line> LinesMentioning(const Grounding& g, std::string_view text,
                                  std::string_view term) {
  std::vector<Line> lines = SplitLines(text);
  std::vector<bool> hit(lines.size(), false);
  auto mark = [&](int offset) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (offset >= lines[i].span.begin && offset < lines[i].span.end) hit[i] = true;
    }
  };
  const Skill* skill = ResolveSkill(g, term);
  if (skill != nullptr) {
    for (const model::SkillMention& m : FindSkillMentions(*g.taxonomy, text)) {
      if (m.skill_id == skill->id) mark(m.span.begin);
    }
  }
  std::vector<std::string> forms = SearchForms(g, term);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (hit[i]) continue;
    // Literal matches for unknown terms, and for known skills whose names are unambiguous
    // (ambiguous ones such as "Go" rely on the extractor's context rules above).
    for (const std::string& f : forms) {
      bool literal_ok = skill == nullptr ? f.size() >= 2 : f.size() >= 4 && skill->rules.empty();
      if (literal_ok && ContainsWord(lines[i].text, f)) hit[i] = true;
    }
  }
  // Nothing found for an ambiguous skill: the user named it, so show the lines that contain the
  // word as written and let them judge ("Charted in Epic").
  if (skill != nullptr && !skill->rules.empty() &&
      std::find(hit.begin(), hit.end(), true) == hit.end()) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      for (const std::string& f : forms) {
        if (f.size() >= 2 && ContainsWord(lines[i].text, f)) hit[i] = true;
      }
    }
  }
  std::vector<Line> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (hit[i]) out.push_back(lines[i]);
  }
  return out;
}

// The role whose entry span contains `offset`, or null.
const model::ExperienceEntry* RoleAt(const model::Report& r, int offset) {
  for (const model::ExperienceEntry& e : r.resume.experience) {
    if (offset >= e.span.begin && offset < e.span.end) return &e;
  }
  return nullptr;
}

std::string DisplayTerm(const Grounding& g, std::string_view term) {
  const Skill* skill = ResolveSkill(g, term);
  return skill != nullptr ? skill->name : std::string(term);
}

std::string QuestionFor(const ReqItem& item) {
  const model::Requirement& req = *item.req;
  std::string name = EscapeInline(req.name);
  switch (req.kind) {
    case model::RequirementKind::kExperience:
      return "Walk me through your experience: how does it add up to what this role asks (" + name +
             ")?";
    case model::RequirementKind::kEducation:
      return "How has your education prepared you for this role (the job asks for " + name + ")?";
    case model::RequirementKind::kCertification:
      if (item.status() == model::MatchStatus::kMet) {
        return "Your resume lists " + name + ". When did you earn it, and where have you used it?";
      }
      return "Do you hold " + name + ", or when do you plan to get it?";
    case model::RequirementKind::kOther:
      return "The job mentions \u201c" + name + "\u201d. Can you give an example from your work?";
    case model::RequirementKind::kSkill:
      break;
  }
  if (req.skill_kind == "soft") {
    return "Describe a situation that shows your " + EscapeInline(Lower(req.name)) +
           ". What did you do, and what was the outcome?";
  }
  if (item.status() == model::MatchStatus::kMissing) {
    return "This role uses " + name +
           ". What experience do you have with it, and how would you get up to speed?";
  }
  if (item.status() == model::MatchStatus::kPartial) {
    if (item.match != nullptr && !item.match->related_skill.empty()) {
      return "You have worked with " + EscapeInline(item.match->related_skill) +
             ". How would that carry over to " + name + "?";
    }
    return "Tell us more about your experience with " + name +
           ": where did you use it, and how deeply?";
  }
  return "Tell me about a project where you used " + name +
         ". What was your part, and what was the result?";
}

}  // namespace

std::string InterviewQuestion(const ReqItem& item) { return QuestionFor(item); }

std::vector<ReqItem> InterviewItems(const Grounding& g) {
  std::vector<ReqItem> items;
  for (const ReqItem& item : Gaps(g)) {
    if (items.size() < 3) items.push_back(item);
  }
  std::size_t met = 0;
  std::set<std::string> seen;
  for (const ReqItem& item : Requirements(g.report)) {
    if (met >= 3 || item.status() != model::MatchStatus::kMet ||
        item.req->importance != model::Importance::kRequired) {
      continue;
    }
    if (!seen.insert(Lower(item.req->name)).second) continue;
    items.push_back(item);
    ++met;
  }
  return items;
}

std::string AnswerInterview(const Grounding& g) {
  std::string out = "## Likely interview questions\n\n";
  std::vector<ReqItem> items = InterviewItems(g);
  if (items.empty()) {
    out += "The analysis found no explicit requirements to build questions from.\n";
  } else {
    out += "Built from the job's requirements, gaps first (interviewers probe those):\n\n";
  }
  std::size_t n = 0;
  std::vector<std::string_view> prepared;  // evidence lines already used
  for (const ReqItem& item : items) {
    out += std::to_string(++n) + ". " + QuestionFor(item) + "\n";
    std::string_view jd = JobSentence(g, *item.req);
    out += "   *Why:* **" + E(item.req->name) + "** is " + ImportanceWord(*item.req) + " (" +
           (item.status() == model::MatchStatus::kMet       ? "your resume shows it"
            : item.status() == model::MatchStatus::kPartial ? "your resume partly shows it"
                                                            : "your resume does not show it") +
           ")";
    if (!jd.empty()) out += "; the job says \u201c" + Quote(jd, 140) + "\u201d";
    out += ".\n";
    if (item.status() == model::MatchStatus::kMet && item.match != nullptr &&
        !item.match->evidence.empty() && item.req->kind == model::RequirementKind::kSkill) {
      std::string_view line = EvidenceLine(g, item.match->evidence.front());
      prepared.push_back(line);
      out += "   *Prepare:* tell the story behind \u201c" + Quote(line, 140) + "\u201d.\n";
    }
  }
  for (const Line& result : ResultLines(g)) {
    if (std::find(prepared.begin(), prepared.end(), result.text) != prepared.end()) continue;
    out += std::to_string(++n) + ". Walk me through this result on your resume: \u201c" +
           Quote(result.text, 160) + "\u201d. How did you measure it?\n";
    break;
  }
  if (!g.report.job.title.empty()) {
    out += std::to_string(++n) + ". Why are you interested in this " + E(g.report.job.title) +
           " role?\n";
  }
  out += "\nAnswer with situation, action and result, using examples from your resume.\n";
  return out;
}

std::string AnswerYears(const Grounding& g) {
  const model::Report& r = g.report;
  std::string out = "## Years of experience\n\n";
  std::vector<std::string> asks;
  if (r.job.years_required) {
    asks.push_back(YearsNumber(*r.job.years_required) + "+ years overall");
  }
  for (const ReqItem& item : Requirements(r)) {
    if (!item.req->years_min || item.req->kind == model::RequirementKind::kExperience) continue;
    std::string a = YearsNumber(*item.req->years_min) + "+ years of **" + E(item.req->name) + "**";
    if (item.match != nullptr && item.match->years_found) {
      a += " (your dated roles that mention it: about " + YearsNumber(*item.match->years_found) +
           ")";
    }
    asks.push_back(a);
  }
  if (asks.empty()) {
    out += "The job description states no number of years.";
  } else {
    out += "The job asks for " + JoinAnd(asks) + ".";
  }
  int months = r.resume.total_experience_months;
  if (UsesStatedYears(r.resume)) {
    out += " Your resume states " + YearsNumber(*r.resume.stated_years) + " years" +
           (months > 0 ? "; your dated roles add up to " + DurationPhrase(months) : "") + ".\n";
  } else if (months > 0) {
    out += " Your dated roles add up to " + DurationPhrase(months) + ".\n";
  } else if (!r.resume.experience.empty()) {
    out +=
        " Your roles have no dates the analysis could read, so your years cannot be counted: "
        "add a start and end month and year to each role.\n";
  } else {
    out += "\n";
  }
  std::vector<Line> lines;
  for (const Line& l : SplitLines(g.job)) {
    if (ContainsWord(l.text, "years") || ContainsWord(l.text, "year")) lines.push_back(l);
  }
  if (!lines.empty()) {
    out += "\nThe job says:\n";
    for (std::size_t i = 0; i < lines.size() && i < 4; ++i) {
      out += "- \u201c" + Quote(lines[i].text, 200) + "\u201d\n";
    }
  }
  return out;
}

std::string AnswerFindInResume(const Grounding& g, std::string_view term) {
  std::string name = DisplayTerm(g, term);
  std::string out = "## " + E(name) + " in your resume\n\n";
  std::vector<Line> lines = LinesMentioning(g, g.resume, term);
  ReqItem req = FindRequirement(g, term);
  if (lines.empty()) {
    out += "Your resume does not mention **" + E(name) + "**.";
    if (req.req != nullptr) {
      out += " The job lists it as " + std::string(ImportanceWord(*req.req)) + ".";
      std::vector<std::string> related = RelatedSkillsShown(g, req);
      if (!related.empty()) {
        std::vector<std::string> names;
        for (const std::string& n : related) names.push_back("**" + E(n) + "**");
        out += " You do show the related " + JoinAnd(names) + ".";
      }
      out += " If you have used it, add a bullet that says where and with what result.";
    }
    return out + "\n";
  }
  out += "Your resume mentions **" + E(name) + "** in " + std::to_string(lines.size()) +
         (lines.size() == 1 ? " place" : " places") + ":\n";
  bool only_skills = true;
  for (std::size_t i = 0; i < lines.size() && i < 6; ++i) {
    std::string section = SectionKindAt(g.report, lines[i].span.begin);
    if (section != "skills") only_skills = false;
    const model::ExperienceEntry* role = RoleAt(g.report, lines[i].span.begin);
    out += "- \u201c" + Quote(lines[i].text, 200) + "\u201d";
    if (role != nullptr) {
      out += " (" + E(RoleLabel(*role)) + ")";
    } else if (!section.empty()) {
      out += " (" + E(section) + ")";
    }
    out += "\n";
  }
  if (req.req != nullptr) {
    out += "\nThe job lists it as " + std::string(ImportanceWord(*req.req)) +
           "; the analysis rates it **" +
           (req.status() == model::MatchStatus::kMet       ? "met"
            : req.status() == model::MatchStatus::kPartial ? "partly met"
                                                           : "missing") +
           "**";
    if (req.match != nullptr && !req.match->explanation.empty()) {
      out += ": " + E(req.match->explanation);
    } else {
      out += ".";
    }
    out += "\n";
  }
  if (req.req != nullptr && req.status() == model::MatchStatus::kMissing) {
    out += "\nThe analysis did not count these lines as **" + E(req.req->name) +
           "**. If they are about it, name it the way the job does in a bullet that shows what "
           "you did with it.\n";
  }
  if (only_skills) {
    out +=
        "\nIt appears only in your skills list. A bullet showing where you used it counts "
        "for more.\n";
  }
  return out;
}

std::string AnswerFindInJob(const Grounding& g, std::string_view term) {
  std::string name = DisplayTerm(g, term);
  std::string out = "## " + E(name) + " in the job description\n\n";
  std::vector<Line> lines = LinesMentioning(g, g.job, term);
  ReqItem req = FindRequirement(g, term);
  if (lines.empty() && req.req == nullptr) {
    out += "The job description does not mention **" + E(name) + "**.";
    std::vector<Line> in_resume = LinesMentioning(g, g.resume, term);
    if (!in_resume.empty()) {
      out += " Your resume does, so it is a bonus here rather than a requirement.";
    }
    return out + "\n";
  }
  if (req.req != nullptr) {
    out += "It is a **" + std::string(ImportanceWord(*req.req)) + "** requirement";
    if (req.req->years_min) {
      out += " (" + std::to_string(static_cast<int>(*req.req->years_min)) + "+ years)";
    }
    out += "; your resume: **" +
           std::string(req.status() == model::MatchStatus::kMet       ? "met"
                       : req.status() == model::MatchStatus::kPartial ? "partly met"
                                                                      : "missing") +
           "**.\n\n";
  }
  if (!lines.empty()) {
    out += "The job says:\n";
    for (std::size_t i = 0; i < lines.size() && i < 6; ++i) {
      out += "- \u201c" + Quote(lines[i].text, 240) + "\u201d\n";
    }
  } else {
    out += "The job says: \u201c" + Quote(JobSentence(g, *req.req), 240) + "\u201d\n";
  }
  if (req.req != nullptr && req.match != nullptr && !req.match->evidence.empty()) {
    out += "\nYour resume shows it in \u201c" +
           Quote(EvidenceLine(g, req.match->evidence.front()), 200) + "\u201d.\n";
  }
  return out;
}

std::string AnswerRelevantLines(const Grounding& g, std::string_view question, std::size_t limit) {
  std::vector<std::string> query = ContentTokens(question);
  std::sort(query.begin(), query.end());
  query.erase(std::unique(query.begin(), query.end()), query.end());

  struct Doc {
    std::vector<Line> lines;
    std::vector<std::set<std::string>> tokens;
  };
  Doc docs[2];
  std::map<std::string, int> df;
  std::size_t total = 0;
  for (int d = 0; d < 2; ++d) {
    docs[d].lines = SplitLines(d == 0 ? g.resume : g.job);
    for (const Line& l : docs[d].lines) {
      std::vector<std::string> t = ContentTokens(l.text);
      std::set<std::string> set(t.begin(), t.end());
      for (const std::string& tok : set) ++df[tok];
      docs[d].tokens.push_back(std::move(set));
      ++total;
    }
  }
  // Rarer shared words weigh more (inverse document frequency over both documents' lines).
  std::vector<std::tuple<double, std::size_t>> ranked[2];
  for (int d = 0; d < 2; ++d) {
    for (std::size_t i = 0; i < docs[d].lines.size(); ++i) {
      double score = 0.0;
      for (const std::string& q : query) {
        if (docs[d].tokens[i].count(q) == 0) continue;
        score += std::log((static_cast<double>(total) + 1.0) / (df[q] + 1.0)) + 1.0;
      }
      if (score > 0.0) ranked[d].emplace_back(-score, i);  // ties: earlier line first
    }
    std::sort(ranked[d].begin(), ranked[d].end());
  }
  std::string out;
  if (ranked[0].empty() && ranked[1].empty()) {
    out =
        "I could not find anything in your resume or the job description that matches your "
        "question. The built-in coach answers from those two documents and the analysis.\n\n";
    return out + Capabilities();
  }
  out = "## Lines related to your question\n\n";
  const char* titles[2] = {"**From your resume**", "**From the job description**"};
  for (int d = 0; d < 2; ++d) {
    if (ranked[d].empty()) continue;
    out += std::string(titles[d]) + "\n";
    for (std::size_t k = 0; k < ranked[d].size() && k < limit; ++k) {
      const Line& l = docs[d].lines[std::get<1>(ranked[d][k])];
      out += "- \u201c" + Quote(l.text, 220) + "\u201d";
      if (d == 0) {
        std::string section = SectionKindAt(g.report, l.span.begin);
        if (!section.empty()) out += " (" + E(section) + ")";
      }
      out += "\n";
    }
    out += "\n";
  }
  out +=
      "These are the closest lines by shared words; the built-in coach does not interpret "
      "beyond them. For more specific help, try one of these:\n\n" +
      Capabilities();
  return out;
}

}  // namespace rc::engine::coach

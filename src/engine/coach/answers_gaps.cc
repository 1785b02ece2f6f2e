// Answers about gaps: missing skills, qualification, what to learn, improving a section.
#include <algorithm>
#include <cstdio>

#include "engine/coach/answers.h"
#include "engine/coach/bullet.h"

namespace rc::engine::coach {
namespace {

std::string E(std::string_view s) { return EscapeInline(s); }

std::string Fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f", v);
  return buf;
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

// One numbered line for a gap: name, what the JD says, and partial-credit details.
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

// Checks whose id suggests they concern `section`.
bool CheckConcerns(const model::Check& c, std::string_view section) {
  auto has = [&](std::string_view w) { return c.id.find(w) != std::string::npos; };
  if (section == "experience") {
    return has("weak") || has("verb") || has("measur") || has("bullet") || has("pronoun") ||
           has("date") || has("gap");
  }
  if (section == "contact") return has("contact");
  if (section == "format") return has("heading") || has("length") || has("section");
  return true;
}

std::string ChecksList(const Grounding& g, std::string_view section, std::size_t limit) {
  std::string out;
  std::size_t n = 0;
  for (int pass = 0; pass < 2; ++pass) {
    auto want = pass == 0 ? model::CheckStatus::kFail : model::CheckStatus::kWarn;
    for (const model::Check& c : g.report.checks) {
      if (c.status != want || !CheckConcerns(c, section) || n >= limit) continue;
      out += "- **" + E(c.label.empty() ? c.id : c.label) + "** (" +
             model::CheckStatusName(c.status) + "): " + E(c.message) + "\n";
      ++n;
    }
  }
  return out;
}

std::string ImproveSummary(const Grounding& g) {
  std::string out = "## Improving your summary\n\n";
  std::vector<Line> lines = SectionLines(g, "summary");
  if (lines.empty()) {
    out +=
        "Your resume has no summary section. A two- or three-line summary at the top that "
        "names your title, your years of experience and the job's key skills helps both "
        "recruiters and applicant tracking systems.";
    out += " Ask *draft a summary* and I will build one from your resume's own facts.\n";
    return out;
  }
  std::string text;
  for (const Line& l : lines) text += std::string(l.text) + " ";
  out += "Your summary now: \u201c" + Quote(text, 400) + "\u201d\n\n";
  std::vector<std::string> tips;
  const std::string& title = g.report.job.title;
  if (!title.empty() && !ContainsWord(text, title)) {
    tips.push_back("It does not name the target role (**" + E(title) +
                   "**). Say it if it matches what you do.");
  }
  std::vector<std::string> absent;
  for (const std::string& skill : TopMatchedSkills(g, 6)) {
    if (!ContainsWord(text, skill)) absent.push_back("**" + E(skill) + "**");
  }
  if (!absent.empty()) {
    tips.push_back("The job asks for " + JoinAnd(absent) +
                   ", which your resume shows elsewhere; name the most important of them here.");
  }
  if (!HasDigit(text)) {
    std::vector<Line> results = ResultLines(g);
    if (!results.empty()) {
      tips.push_back("It has no number. Your strongest result could go here, e.g. \u201c" +
                     Quote(results.front().text, 160) + "\u201d.");
    } else {
      tips.push_back(
          "It has no number; if you can back one up (team size, volume, result), "
          "add it.");
    }
  }
  std::size_t words = Tokenize(text).size();
  if (words > 80) {
    tips.push_back("At about " + std::to_string(words) +
                   " words it is long; aim for 40\u201370 words.");
  }
  for (std::string_view pronoun : {"I", "my", "me"}) {
    if (ContainsWord(text, pronoun) &&
        (pronoun != "I" || text.find(" I ") != std::string::npos || text.starts_with("I "))) {
      tips.push_back("Drop first-person pronouns (\u201c" + std::string(pronoun) +
                     "\u201d); summaries are written without them.");
      break;
    }
  }
  if (tips.empty()) tips.push_back("It already names the role and key skills; keep it short.");
  for (const std::string& t : tips) out += "- " + t + "\n";
  out += "\nAsk *draft a summary* for a version built from your resume's facts.\n";
  return out;
}

std::string ImproveExperience(const Grounding& g) {
  std::string out = "## Improving your experience section\n\n";
  std::vector<Line> bullets = ExperienceLines(g);
  if (bullets.empty()) {
    return out +
           "I could not find experience bullets in your resume. List each role with its "
           "title, employer and dates, then 3\u20136 bullets that start with an action verb "
           "and say what changed because of your work.\n";
  }
  std::size_t with_numbers = MeasurableLines(g).size();
  out += "Your experience section has " + std::to_string(bullets.size()) + " bullet" +
         (bullets.size() == 1 ? "" : "s") + "; " + std::to_string(with_numbers) +
         " contain a number.\n\n";
  std::vector<Line> weak = WeakBullets(g);
  if (!weak.empty()) {
    out += "**Rewrite these first:**\n";
    for (std::size_t i = 0; i < weak.size() && i < 3; ++i) {
      BulletRewrite r = RewriteBullet(weak[i].text);
      out += std::to_string(i + 1) + ". \u201c" + Quote(weak[i].text, 160) +
             "\u201d \u2192 \u201c" + Quote(r.rewritten, 160) + "\u201d" +
             (r.has_metric ? "" : " (add a number if you have one)") + "\n";
    }
    out += "\n";
  }
  std::vector<std::string> skills_only;
  for (const ReqItem& item : Requirements(g.report)) {
    if (item.status() != model::MatchStatus::kMissing && IsExperienceOnlyInSkills(item)) {
      skills_only.push_back("**" + E(item.req->name) + "**");
    }
  }
  if (!skills_only.empty()) {
    out += "**Show these in a bullet:** " + JoinAnd(skills_only) +
           " appear only in your skills list. The job asks for them, and a bullet that says "
           "where and how you used them counts for more.\n\n";
  }
  std::string checks = ChecksList(g, "experience", 4);
  if (!checks.empty()) out += "**From the resume checks:**\n" + checks;
  return out;
}

std::string ImproveSkills(const Grounding& g) {
  std::string out = "## Improving your skills section\n\n";
  if (!HasSection(g.report, "skills")) {
    out +=
        "Your resume has no skills section. A short list of the tools and skills you "
        "really use helps applicant tracking systems find you.\n\n";
  }
  std::vector<std::string> missing;
  for (const ReqItem& item : Gaps(g)) {
    if (item.req->kind == model::RequirementKind::kSkill &&
        item.status() == model::MatchStatus::kMissing && item.req->skill_kind != "soft") {
      missing.push_back("**" + E(item.req->name) + "** (" + ImportanceWord(*item.req) + ")");
    }
  }
  if (!missing.empty()) {
    out += "The job asks for " + JoinAnd(missing) +
           ", which your resume does not mention. Add them only if you have really used them, "
           "and then also in a bullet that shows where.\n\n";
  }
  std::vector<Line> skills_lines = SectionLines(g, "skills");
  std::string skills_text;
  for (const Line& l : skills_lines) skills_text += std::string(l.text) + "\n";
  std::vector<std::string> not_listed;
  for (const ReqItem& item : Requirements(g.report)) {
    if (item.status() == model::MatchStatus::kMissing || item.req->skill_kind == "soft" ||
        item.req->kind != model::RequirementKind::kSkill) {
      continue;
    }
    if (!skills_lines.empty() && !ContainsWord(skills_text, item.req->name)) {
      std::string n = "**" + E(item.req->name) + "**";
      if (std::find(not_listed.begin(), not_listed.end(), n) == not_listed.end()) {
        not_listed.push_back(n);
      }
    }
  }
  if (!not_listed.empty()) {
    out += "Your experience shows " + JoinAnd(not_listed) +
           ", but your skills list does not name them; add them there too, spelled as the job "
           "spells them.\n\n";
  }
  if (missing.empty() && not_listed.empty()) {
    out +=
        "Your skills section already covers what the job asks for. Keep it to skills you "
        "can discuss in an interview, most relevant first.\n";
  }
  return out;
}

std::string ImproveEducation(const Grounding& g) {
  std::string out = "## Improving your education and certifications\n\n";
  const auto& edu = g.report.resume.education;
  if (!g.report.job.degree_level.empty()) {
    out += "The job asks for " + E(DegreeWords(g.report.job.degree_level)) + ". ";
  }
  if (edu.empty()) {
    out +=
        "I found no education entries in your resume; list your highest degree with the "
        "institution and year.\n";
  } else {
    out += "Your resume lists: ";
    std::vector<std::string> items;
    for (const model::EducationEntry& e : edu) {
      std::string s =
          e.degree_level.empty() ? std::string("a qualification") : DegreeWords(e.degree_level);
      if (!e.field.empty()) s += " in " + e.field;
      if (!e.institution.empty()) s += " from " + e.institution;
      items.push_back(E(s));
    }
    out += JoinAnd(items) + ".\n";
  }
  for (const ReqItem& item : Requirements(g.report)) {
    if (item.req->kind != model::RequirementKind::kEducation &&
        item.req->kind != model::RequirementKind::kCertification) {
      continue;
    }
    out += "- **" + E(item.req->name) + "** (" + ImportanceWord(*item.req) +
           "): " + StatusWord(item.status());
    if (item.match != nullptr && !item.match->explanation.empty()) {
      out += " \u2014 " + E(item.match->explanation);
    }
    out += "\n";
  }
  if (!g.report.resume.certifications.empty()) {
    std::vector<std::string> certs;
    for (const std::string& c : g.report.resume.certifications) certs.push_back(E(c));
    out += "\nCertifications on your resume: " + JoinAnd(certs) +
           ". Put the ones the job names in their own section, with the year earned.\n";
  }
  return out;
}

std::string ImproveContact(const Grounding& g) {
  const model::Contact& c = g.report.resume.contact;
  std::string out = "## Improving your contact details\n\n";
  std::vector<std::string> have;
  std::vector<std::string> lack;
  (c.email.empty() ? lack : have).push_back("an e-mail address");
  (c.phone.empty() ? lack : have).push_back("a phone number");
  (c.location.empty() ? lack : have).push_back("a location (city is enough)");
  (c.links.empty() ? lack : have).push_back("a LinkedIn or portfolio link");
  if (!have.empty()) out += "Your resume has " + JoinAnd(have) + ".";
  if (!lack.empty()) out += " Add " + JoinAnd(lack) + ".";
  if (lack.empty()) out += " That covers what recruiters look for.";
  out += "\n";
  std::string checks = ChecksList(g, "contact", 2);
  if (!checks.empty()) out += "\n" + checks;
  return out;
}

std::string ImproveWhole(const Grounding& g) {
  std::string out = "## How to improve your resume for this job\n\n";
  std::size_t n = 0;
  for (const ReqItem& item : Gaps(g)) {
    if (n >= 3 || item.req->importance != model::Importance::kRequired) break;
    out += std::to_string(++n) + ". ";
    if (item.status() == model::MatchStatus::kMissing) {
      out += "The job requires **" + E(item.req->name) +
             "** and your resume does not show it. If you have it, add a bullet that says where "
             "you used it.\n";
    } else {
      out += "**" + E(item.req->name) + "** is only partly shown" +
             (item.match && !item.match->explanation.empty() ? ": " + E(item.match->explanation)
                                                             : std::string(".")) +
             " Make the evidence explicit.\n";
    }
  }
  std::vector<Line> weak = WeakBullets(g);
  if (!weak.empty()) {
    BulletRewrite r = RewriteBullet(weak.front().text);
    out += std::to_string(++n) + ". Rewrite weak bullets, e.g. \u201c" +
           Quote(weak.front().text, 140) + "\u201d \u2192 \u201c" + Quote(r.rewritten, 140) +
           "\u201d.\n";
  }
  std::string checks = ChecksList(g, "", 4);
  if (!checks.empty()) out += "\n**From the resume checks:**\n" + checks;
  if (n == 0 && checks.empty()) {
    out +=
        "The analysis found no required gaps and no failing checks. Tailor the summary to the "
        "job title and keep the strongest, measurable bullets first.\n";
  }
  out += "\nAsk about a section (summary, experience, skills, education, contact) for details.\n";
  return out;
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
  constexpr std::size_t kLimit = 10;
  std::size_t n = 0;
  for (const Group& group : groups) {
    std::string block;
    for (const ReqItem& item : gaps) {
      if (item.req->importance != group.importance || item.status() != group.status) continue;
      ++n;
      if (n <= kLimit) block += GapLine(g, item, n);
    }
    if (!block.empty()) out += "\n**" + std::string(group.title) + "**\n" + block;
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
    out +=
        "- **Experience:** the job asks for " + YearsNumber(*r.job.years_required) +
        "+ years; your dated roles add up to " +
        (r.resume.total_experience_months > 0 ? DurationPhrase(r.resume.total_experience_months)
                                              : std::string("an unknown total (no dates found)")) +
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

std::string AnswerImproveSection(const Grounding& g, std::string_view section) {
  if (section == "dates") {
    std::string out = "## Dates and gaps\n\n";
    std::string checks;
    for (const model::Check& c : g.report.checks) {
      if (c.id.find("date") == std::string::npos && c.id.find("gap") == std::string::npos) {
        continue;
      }
      checks += "- **" + E(c.label.empty() ? c.id : c.label) + "** (" +
                model::CheckStatusName(c.status) + "): " + E(c.message) + "\n";
    }
    out += checks.empty() ? std::string("The analysis has no date check for this resume.\n")
                          : "From the resume checks:\n" + checks;
    out += "\nYour roles as the analysis read them:\n";
    for (const model::ExperienceEntry& e : g.report.resume.experience) {
      out += "- " + E(RoleLabel(e));
      if (e.start) {
        out += ": " + std::to_string(e.start->year) + " to " +
               (e.is_current ? std::string("present")
                : e.end      ? std::to_string(e.end->year)
                             : std::string("unknown"));
      } else {
        out += ": no dates found";
      }
      out += "\n";
    }
    out +=
        "\nA gap is fine to leave as it is; if asked, one honest line on what you did "
        "(study, caring, a career change) is enough. Keep month and year formats the same "
        "for every role.\n";
    return out;
  }
  if (section == "summary") return ImproveSummary(g);
  if (section == "experience") return ImproveExperience(g);
  if (section == "skills") return ImproveSkills(g);
  if (section == "education" || section == "certifications") return ImproveEducation(g);
  if (section == "contact") return ImproveContact(g);
  if (section == "projects") {
    std::string out = "## Improving your projects section\n\n";
    std::vector<Line> lines = SectionLines(g, "projects");
    if (lines.empty()) {
      out +=
          "Your resume has no projects section. If you have built something that uses a "
          "skill the job asks for and your jobs do not show, a project is the place for it.\n";
    } else {
      out += "Your projects section has " + std::to_string(lines.size()) +
             " lines. For each project say what you built, with which tools, and the result.\n";
    }
    std::vector<std::string> missing;
    for (const ReqItem& item : LearnableGaps(g)) {
      if (missing.size() < 4) missing.push_back("**" + E(item.req->name) + "**");
    }
    if (!missing.empty()) {
      out += "\nJob skills your resume does not show yet: " + JoinAnd(missing) +
             ". A real project that uses one of them is worth listing.\n";
    }
    return out;
  }
  if (section == "format") {
    std::string out = "## Format and length\n\n";
    out += "Your resume has about " + std::to_string(g.report.resume.word_count) + " words in " +
           std::to_string(g.report.resume.sections.size()) + " sections.\n\n";
    std::string checks = ChecksList(g, "", 8);
    out += checks.empty() ? "All resume checks pass.\n" : checks;
    return out;
  }
  return ImproveWhole(g);
}

}  // namespace rc::engine::coach

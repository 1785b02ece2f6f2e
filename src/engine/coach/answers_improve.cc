// Answers on improving the resume: one section at a time, or the whole resume.
#include <algorithm>

#include "engine/coach/answers.h"
#include "engine/coach/bullet.h"

namespace rc::engine::coach {
namespace {

std::string E(std::string_view s) { return EscapeInline(s); }

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

// Answers that draft text: bullet rewrites, a summary and a cover letter, from the resume's facts.
#include <algorithm>
#include <tuple>

#include "engine/coach/answers.h"
#include "engine/coach/bullet.h"

namespace rc::engine::coach {
namespace {

std::string E(std::string_view s) { return EscapeInline(s); }

bool HasWeakPhrase(std::string_view line) {
  for (std::string_view p :
       {"responsible for", "duties included", "duties include", "tasked with", "in charge of",
        "worked on", "helped with", "assisted with", "involved in"}) {
    if (ContainsWord(line, p)) return true;
  }
  return false;
}

std::string DegreePhrase(const model::EducationEntry& e) {
  std::string level;
  if (e.degree_level == "bachelor")
    level = "Bachelor's degree";
  else if (e.degree_level == "master")
    level = "Master's degree";
  else if (e.degree_level == "doctorate")
    level = "Doctorate";
  else if (e.degree_level == "associate")
    level = "Associate degree";
  else if (e.degree_level == "diploma")
    level = "Diploma";
  else if (e.degree_level == "certificate")
    level = "Certificate";
  if (level.empty()) return "";
  if (!e.field.empty()) level += " in " + e.field;
  return level;
}

// A sentence from a resume line: rewritten to start with a verb, ending with a period.
std::string AsSentence(std::string_view line) {
  std::string s = RewriteBullet(line).rewritten;
  if (!s.empty() && s.back() != '.' && s.back() != '!' && s.back() != '?') s += '.';
  return s;
}

// "Lowercases" the first letter of a rewritten bullet for use mid-sentence.
std::string LowerFirst(std::string s) {
  if (s.size() > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z')) {
    s[0] = static_cast<char>(s[0] - 'A' + 'a');
  }
  return s;
}

// The company name when the JD states it plainly ("About Acme Health", "Acme is hiring").
std::string CompanyName(std::string_view job) {
  for (const Line& l : SplitLines(job)) {
    std::string_view t = l.text;
    while (!t.empty() && (t.back() == ':' || t.back() == ' ')) t.remove_suffix(1);
    std::string_view name;
    if (t.starts_with("About ")) {
      name = t.substr(6);
    } else {
      for (std::string_view cue : {" is hiring", " is looking for", " is seeking"}) {
        std::size_t pos = t.find(cue);
        if (pos != std::string_view::npos && pos > 0) name = t.substr(0, pos);
      }
    }
    if (name.empty() || name.size() > 40 || name[0] < 'A' || name[0] > 'Z') continue;
    std::string lower = Lower(name);
    if (lower.starts_with("us") || lower.starts_with("the ") || lower.starts_with("you") ||
        lower.starts_with("this ") || lower.starts_with("our ") || lower.starts_with("we")) {
      continue;
    }
    if (Tokenize(name).size() > 5 || name.find('.') == name.size() - 1) continue;
    return std::string(name);
  }
  return "";
}

}  // namespace

std::vector<Line> WeakBullets(const Grounding& g) {
  std::vector<Line> lines = ExperienceLines(g);
  std::vector<std::tuple<int, std::size_t>> keys;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view text = lines[i].text;
    if (Tokenize(text).size() < 4) continue;
    BulletRewrite r = RewriteBullet(text);
    int weakness = 0;
    if (StartsWithFiller(text) || HasWeakPhrase(text)) weakness += 4;
    auto first = Tokenize(text);
    if (first.empty() || !IsActionVerb(first.front())) weakness += 2;
    if (!r.has_metric) weakness += 1;
    if (weakness < 2) continue;  // a verb-led bullet that only lacks a number is fine here
    keys.emplace_back(-weakness, i);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<Line> out;
  for (const auto& [w, i] : keys) out.push_back(lines[i]);
  return out;
}

std::string AnswerRewrite(const Grounding& g, std::string_view bullet) {
  if (bullet.empty()) {
    std::vector<Line> weak = WeakBullets(g);
    std::string out = "## Bullets to rewrite\n\n";
    if (weak.empty()) {
      return out +
             "Your experience bullets already start with action verbs and avoid filler. "
             "Paste one after *rewrite this bullet:* if you want a specific one tightened.\n";
    }
    for (std::size_t i = 0; i < weak.size() && i < 3; ++i) {
      BulletRewrite r = RewriteBullet(weak[i].text);
      out += std::to_string(i + 1) + ". \u201c" + Quote(weak[i].text, 200) +
             "\u201d\n   \u2192 \u201c" + Quote(r.rewritten, 200) + "\u201d" +
             (r.has_metric ? "" : " \u2014 add the scale or result if you know it") + "\n";
    }
    out +=
        "\nNumbers are left for you to add: only use figures you can back up. Ask *the second "
        "one* for more on a bullet.\n";
    return out;
  }
  std::vector<Line> pasted = SplitLines(bullet);
  if (pasted.size() > 1) {
    // Several bullets pasted at once: a compact before/after list.
    std::string out = "## Bullet rewrites\n\n";
    bool any_without_number = false;
    for (std::size_t i = 0; i < pasted.size() && i < 8; ++i) {
      BulletRewrite each = RewriteBullet(pasted[i].text);
      any_without_number = any_without_number || !each.has_metric;
      out += std::to_string(i + 1) + ". \u201c" + Quote(pasted[i].text, 200) +
             "\u201d\n   \u2192 \u201c" + Quote(each.rewritten, 200) + "\u201d" +
             (each.has_metric ? "" : " \u2014 add the scale or result if you know it") + "\n";
    }
    if (pasted.size() > 8) out += "\nOnly the first 8 bullets are rewritten.\n";
    if (any_without_number) {
      out += "\nNumbers are left for you to add: only use figures you can back up.\n";
    }
    return out;
  }
  BulletRewrite r = RewriteBullet(bullet);
  std::string out = "## Bullet rewrite\n\n";
  out += "**Before:** " + Quote(bullet, 400) + "\n\n";
  out += "**After:** " + Quote(r.rewritten, 400) + "\n\n";
  if (!r.changes.empty()) {
    out += "**What changed:**\n";
    for (const std::string& c : r.changes) out += "- " + E(c) + "\n";
    out += "\n";
  }
  if (!r.starts_with_verb) {
    out +=
        "It still does not open with an action verb: start with the one that is true "
        "(Led, Built, Reduced, Trained, Resolved...).\n\n";
  }
  if (!r.has_metric) {
    out +=
        "**Add the result:** this bullet has no number. If you know it, add the scale or "
        "the outcome \u2014 how many people, cases or customers, how much time or money, by "
        "what percentage \u2014 e.g. \u201c" +
        Quote(r.rewritten, 200) +
        ", [result: e.g. cutting X by N%]\u201d. Only use figures you "
        "can back up.\n\n";
  }
  if (r.words > 30) {
    out += "At " + std::to_string(r.words) +
           " words it is long; split it into two bullets or cut the context.\n\n";
  }
  std::vector<std::string> named;
  for (const ReqItem& item : Requirements(g.report)) {
    if (item.req->kind == model::RequirementKind::kSkill && item.req->skill_kind != "soft" &&
        ContainsWord(bullet, item.req->name) &&
        std::find(named.begin(), named.end(), "**" + E(item.req->name) + "**") == named.end()) {
      named.push_back("**" + E(item.req->name) + "**");
    }
  }
  if (!named.empty()) {
    out += "Good: it names " + JoinAnd(named) + ", which the job asks for.\n";
  }
  return out;
}

std::string AnswerDraftSummary(const Grounding& g) {
  const model::Report& r = g.report;
  const model::ExperienceEntry* recent = MostRecentRole(r);
  std::string title = recent != nullptr && !recent->title.empty() ? recent->title : "[Your title]";
  int years = TotalYears(r);
  std::string s1 = title;
  if (years > 0) s1 += " with " + std::to_string(years) + "+ years of experience";
  std::vector<std::string> employers;
  for (const model::ExperienceEntry& e : r.resume.experience) {
    if (!e.employer.empty() && employers.size() < 2 &&
        std::find(employers.begin(), employers.end(), e.employer) == employers.end()) {
      employers.push_back(e.employer);
    }
  }
  if (!employers.empty()) s1 += ", most recently at " + JoinAnd(employers);
  s1 += ".";
  std::vector<std::string> skills = TopMatchedSkills(g, 4);
  const bool skills_from_job = !skills.empty();
  // Fill up with other skills the resume shows, after the ones the job asks for.
  const std::size_t from_job = skills.size();
  for (const model::SkillMention& m : r.extra_skills) {
    if (skills.size() < 4 && std::find(skills.begin(), skills.end(), m.name) == skills.end()) {
      skills.push_back(m.name);
    }
  }
  std::string draft = s1;
  if (!skills.empty()) draft += " Skilled in " + JoinAnd(skills) + ".";
  std::vector<Line> results = ResultLines(g);
  if (!results.empty()) draft += " " + AsSentence(results.front().text);
  for (const model::EducationEntry& e : r.resume.education) {
    std::string d = DegreePhrase(e);
    if (!d.empty()) {
      draft += " " + d + ".";
      break;
    }
  }
  if (!r.job.title.empty()) draft += " Seeking a " + r.job.title + " role.";

  std::string out = "## Draft summary\n\n> " + EscapeInline(draft) + "\n\n";
  out += "Built only from your resume: ";
  std::vector<std::string> sources;
  if (recent != nullptr && !recent->title.empty()) {
    sources.push_back("the title of your most recent role");
  }
  if (years > 0) sources.push_back("the years your dated roles add up to");
  if (!skills.empty()) {
    sources.push_back(!skills_from_job            ? "skills your resume shows"
                      : from_job == skills.size() ? "skills the job asks for that your resume shows"
                                                  : "skills your resume shows (the job's first)");
  }
  if (!results.empty()) sources.push_back("your strongest bullet with a number");
  out += sources.empty() ? std::string("there were few facts to use") : JoinAnd(sources);
  out += ".";
  if (title == "[Your title]") out += " Replace the part in [brackets].";
  out += " Edit it so every word is something you would say in an interview.\n";
  return out;
}

std::string AnswerCoverLetter(const Grounding& g) {
  const model::Report& r = g.report;
  const model::ExperienceEntry* recent = MostRecentRole(r);
  std::string company = CompanyName(g.job);
  std::string position = r.job.title.empty() ? "[Position]" : r.job.title;
  std::vector<std::string> placeholders;
  if (company.empty()) {
    company = "[Company]";
    placeholders.push_back("[Company]");
  }
  if (r.job.title.empty()) placeholders.push_back("[Position]");

  std::string letter = "Dear Hiring Manager,\n\n";
  // Placeholders stay unescaped so that they render with their brackets.
  letter += "I am applying for the " + (r.job.title.empty() ? position : E(position)) +
            " position at " + (company == "[Company]" ? company : E(company)) + ". ";
  if (recent != nullptr) {
    std::string role = recent->title.empty() ? "" : recent->title;
    if (recent->is_current) {
      letter += "I am currently " + (role.empty() ? std::string("working") : E(WithArticle(role))) +
                (recent->employer.empty() ? "" : " at " + E(recent->employer));
    } else {
      letter += "Most recently I worked" +
                (role.empty() ? std::string() : " as " + E(WithArticle(role))) +
                (recent->employer.empty() ? "" : " at " + E(recent->employer));
    }
    int years = TotalYears(r);
    if (years > 0) letter += ", and I bring " + std::to_string(years) + "+ years of experience";
    letter += ".";
  }
  letter += "\n\n";

  // Requirements the resume meets, with the evidence line as the proof.
  std::vector<std::string> proofs;
  std::vector<std::string> names;
  for (const ReqItem& item : Requirements(r)) {
    if (proofs.size() >= 3 || item.status() != model::MatchStatus::kMet || item.match == nullptr ||
        item.req->importance != model::Importance::kRequired ||
        (item.req->kind != model::RequirementKind::kSkill &&
         item.req->kind != model::RequirementKind::kCertification) ||
        item.req->skill_kind == "soft") {
      continue;
    }
    const model::Evidence* best = nullptr;
    for (const model::Evidence& ev : item.match->evidence) {
      if (ev.section != "skills") {
        best = &ev;
        break;
      }
    }
    if (best == nullptr) continue;
    std::string line = AsSentence(EvidenceLine(g, *best));
    bool dup = false;
    for (const std::string& p : proofs) dup = dup || p.find(E(line)) != std::string::npos;
    if (dup) continue;
    names.push_back(E(item.req->name));
    proofs.push_back("- " + E(item.req->name) + ": " + E(line));
  }
  if (!proofs.empty()) {
    letter += "You ask for " + JoinAnd(names) + ". My experience shows " +
              (names.size() == 1 ? "it" : "them") + ":\n\n";
    for (const std::string& p : proofs) letter += p + "\n";
    letter += "\n";
  }
  std::vector<Line> results = ResultLines(g);
  if (!results.empty()) {
    std::string result = AsSentence(results.front().text);
    bool used = false;
    for (const std::string& p : proofs) used = used || p.find(E(result)) != std::string::npos;
    if (!used) {
      letter += "One result I am proud of: " +
                E(RewriteBullet(results.front().text).starts_with_verb ? "I " + LowerFirst(result)
                                                                       : result) +
                "\n\n";
    }
  }
  letter += "I would welcome the chance to discuss how my experience fits the " +
            (r.job.title.empty() ? position : E(position)) +
            " role. Thank you for your consideration.\n\nSincerely,\n";
  const std::string& name = r.resume.contact.name;
  if (name.empty()) placeholders.push_back("[Your Name]");
  letter += name.empty() ? std::string("[Your Name]") : E(name);

  std::string out = "## Draft cover letter\n\n";
  // Quote the letter as a block so it reads as a draft, keeping blank lines between paragraphs.
  std::size_t pos = 0;
  while (pos < letter.size()) {
    std::size_t nl = letter.find('\n', pos);
    if (nl == std::string::npos) nl = letter.size();
    std::string_view line(letter.data() + pos, nl - pos);
    out += line.empty() ? ">\n" : "> " + std::string(line) + "\n";
    pos = nl + 1;
  }
  out += "\n**Before you send it:**\n";
  if (!placeholders.empty()) out += "- Fill in " + JoinAnd(placeholders) + ".\n";
  std::vector<std::string> gaps;
  for (const ReqItem& item : Gaps(g)) {
    if (gaps.size() < 3 && item.req->importance == model::Importance::kRequired) {
      gaps.push_back("**" + E(item.req->name) + "**");
    }
  }
  if (!gaps.empty()) {
    out +=
        "- The job also requires " + JoinAnd(gaps) + ", which your resume does not fully show; " +
        (gaps.size() == 1 ? "mention it" : "mention them") + " only if you have the experience.\n";
  }
  out += "- Every fact above comes from your resume; add one sentence on why this employer.\n";
  return out;
}

}  // namespace rc::engine::coach

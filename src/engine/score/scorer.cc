// Scorer: weighted credit per factor.
#include "engine/score/scorer.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "engine/extract/phrase_patterns.h"
#include "engine/extract/sentence_filter.h"

namespace rc::engine {
namespace {

std::string Percent(double v) {
  return std::to_string(static_cast<int>(std::round(v * 100))) + "%";
}

std::string OneDecimal(double v) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(1);
  out << v;
  return out.str();
}

bool IsSeniorityWord(const std::string& w) {
  static const std::set<std::string> kWords = {
      "senior", "sr", "junior", "jr",  "lead", "staff",    "principal", "intern", "entry", "level",
      "mid",    "i",  "ii",     "iii", "iv",   "graduate", "trainee",   "head",   "chief"};
  return kWords.count(w) > 0;
}

// Words of a title that say how or how long, not what the role is: "Remote", "Contract",
// "(1-4 years experience)".
bool IsArrangementWord(const std::string& w) {
  static const std::set<std::string> kWords = {
      "remote",    "hybrid",  "onsite",    "on-site",    "contract", "contractor",
      "temporary", "temp",    "freelance", "fulltime",   "parttime", "permanent",
      "years",     "year",    "yrs",       "experience", "exp",      "position",
      "job",       "opening", "vacancy",   "urgent",     "immediate"};
  return kWords.count(w) > 0 || (!w.empty() && w[0] >= '0' && w[0] <= '9');
}

// One key per role noun family: a software "engineer", "programmer" or "dev" is a "developer".
std::string RoleKey(const std::string& key) {
  if (key == "engineer" || key == "programmer" || key == "dev" || key == "coder" || key == "swe") {
    return "developer";
  }
  return key;
}

// The title words that name the role, as matching keys: stop, seniority and arrangement words
// dropped; hyphenated compounds joined ("Back-End" -> "backend"); role nouns by family.
std::vector<std::string> ContentKeys(std::string_view text) {
  std::vector<std::string> out;
  const Tokenized t = Tokenize(text);
  const auto& tokens = t.tokens;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].is_word) continue;
    std::string key = tokens[i].key;
    // "back-end", "full-stack": a hyphen with no space on either side joins the words.
    while (i + 2 < tokens.size() && tokens[i + 1].lower == "-" && tokens[i + 2].is_word &&
           tokens[i + 1].begin == tokens[i].end && tokens[i + 2].begin == tokens[i + 1].end) {
      key += tokens[i + 2].key;
      i += 2;
    }
    // ... and so does a space in "back end", "front end", "full stack".
    if ((key == "back" || key == "front" || key == "full") && i + 1 < tokens.size() &&
        (tokens[i + 1].key == "end" || tokens[i + 1].key == "stack")) {
      key += tokens[++i].key;
    }
    if (IsPhraseStopWord(key) || IsSeniorityWord(key) || IsArrangementWord(key)) continue;
    out.push_back(RoleKey(key));
  }
  return out;
}

model::ScoreFactor Factor(const char* id, const char* label, double weight, double score,
                          std::string explanation) {
  model::ScoreFactor f;
  f.id = id;
  f.label = label;
  f.weight = weight;
  f.score = std::clamp(score, 0.0, 1.0);
  f.points = std::round(weight * f.score * 1000.0) / 10.0;
  f.explanation = std::move(explanation);
  return f;
}

}  // namespace

double TitleSimilarity(const model::JobFacts& job, const ParsedResume& resume,
                       const Document& resume_doc) {
  const std::vector<std::string> want = ContentKeys(job.title);
  if (want.empty()) return 0.0;
  std::vector<std::string> candidates;
  for (const model::ExperienceEntry& e : resume.facts.experience) candidates.push_back(e.title);
  // The headline: short lines at the top (the top part, a summary, or a title written as a
  // heading such as "FULL-STACK DEVELOPER").
  for (std::uint32_t l = 0; l < resume_doc.tok.lines.size() && l < 6; ++l) {
    const std::string& section = resume.line_section[l];
    if (section != "contact" && section != "summary" && section != "other") continue;
    const TokenRange& r = resume_doc.tok.lines[l];
    int words = 0;
    for (std::uint32_t k = r.first; k < r.last; ++k) words += resume_doc.tok.tokens[k].is_word;
    if (words <= 8) candidates.emplace_back(resume_doc.LineText(l));
  }
  double best = 0.0;
  for (const std::string& c : candidates) {
    const std::vector<std::string> have = ContentKeys(c);
    // Words agree up to their endings ("Accounting Manager", "Senior Accountant").
    int found = 0;
    for (const std::string& w : want) {
      found += std::any_of(have.begin(), have.end(),
                           [&](const std::string& h) { return TitleWordsAgree(w, h); });
    }
    double sim = static_cast<double>(found) / static_cast<double>(want.size());
    // Same title noun ("nurse", "engineer"): at least half credit.
    if (!want.empty() && !have.empty() && want.back() == have.back() &&
        IsTitleHeadNoun(want.back())) {
      sim = std::max(sim, 0.5);
    }
    best = std::max(best, sim);
  }
  return best;
}

model::Score ComputeScore(const ParsedJob& job, const MatchResult& matches,
                          const ParsedResume& resume, const Document& resume_doc) {
  model::Score score;
  std::vector<bool> applies;  // per factor: does the job description say anything about it
  double hard_num = 0, hard_den = 0, soft_num = 0, soft_den = 0;
  int hard_count = 0, soft_count = 0, hard_met = 0, soft_met = 0;
  const auto& reqs = job.facts.requirements;
  for (std::size_t i = 0; i < reqs.size(); ++i) {
    const model::Requirement& r = reqs[i];
    if (r.kind != model::RequirementKind::kSkill &&
        r.kind != model::RequirementKind::kCertification) {
      continue;
    }
    const double w = (r.importance == model::Importance::kRequired ? 1.0 : kPreferredWeight) *
                     (r.core ? kCoreWeight : 1.0);
    const double credit = matches.matches[i].credit;
    const bool met = matches.matches[i].status == model::MatchStatus::kMet;
    if (r.skill_kind == "soft") {
      // A soft skill the resume does not name is unknown rather than absent.
      soft_num += w * (kUnstatedSoftCredit + (1.0 - kUnstatedSoftCredit) * credit);
      soft_den += w;
      ++soft_count;
      soft_met += met ? 1 : 0;
    } else {
      hard_num += w * credit;
      hard_den += w;
      ++hard_count;
      hard_met += met ? 1 : 0;
    }
  }
  const double hard = hard_den > 0 ? hard_num / hard_den : 1.0;
  std::string hard_why =
      hard_den > 0
          ? "You fully meet " + std::to_string(hard_met) + " of " + std::to_string(hard_count) +
                " hard-skill requirements; partial matches count part of their weight."
          : "The job description names no hard skills.";
  if (matches.list_only_skills > 0 && hard_den > 0) {
    hard_why += " " + std::to_string(matches.list_only_skills) +
                " skill(s) appear only in your Skills list and earn half credit.";
  }
  score.factors.push_back(
      Factor("hard_skills", "Hard skills", kHardSkillsWeight, hard, std::move(hard_why)));
  applies.push_back(hard_den > 0);
  const double soft = soft_den > 0 ? soft_num / soft_den : 1.0;
  score.factors.push_back(Factor("soft_skills", "Soft skills", kSoftSkillsWeight, soft,
                                 soft_den > 0 ? "You show " + std::to_string(soft_met) + " of " +
                                                    std::to_string(soft_count) +
                                                    " soft skills the job description names; "
                                                    "the others count as unknown (half credit)."
                                              : "The job description names no soft skills."));
  applies.push_back(soft_den > 0);
  const double title =
      job.facts.title.empty() ? 1.0 : TitleSimilarity(job.facts, resume, resume_doc);
  score.factors.push_back(Factor("title", "Job title", kTitleWeight, title,
                                 job.facts.title.empty()
                                     ? "The job description states no title."
                                     : "Your closest title shares " + Percent(title) +
                                           " of the words in \"" + job.facts.title + "\"."));
  applies.push_back(!job.facts.title.empty());
  const double years = ExperienceYears(resume.facts);
  const std::string yours = UsesStatedYears(resume.facts)
                                ? "your resume states " + OneDecimal(years)
                                : "your dated roles add up to " + OneDecimal(years);
  double exp_score = 1.0;
  std::string exp_why;
  if (job.facts.years_required && *job.facts.years_required > 0) {
    exp_score = std::min(1.0, years / *job.facts.years_required);
    const std::string asked = job.facts.years_max ? OneDecimal(*job.facts.years_required) + " to " +
                                                        OneDecimal(*job.facts.years_max)
                                                  : OneDecimal(*job.facts.years_required);
    exp_why = "The job asks for " + asked + " years; " + yours + ".";
  } else if (years > 0) {
    exp_why = "The job states no overall years; " + yours + " years.";
  } else {
    exp_score = resume.facts.experience.empty() ? 0.5 : 0.75;
    exp_why = "The job states no overall years, and your roles carry no dates to count.";
  }
  score.factors.push_back(
      Factor("experience_years", "Experience", kExperienceWeight, exp_score, std::move(exp_why)));
  applies.push_back(job.facts.years_required.has_value());
  int best_degree = 0;
  for (const auto& e : resume.facts.education)
    best_degree = std::max(best_degree, DegreeRank(e.degree_level));
  const int need = DegreeRank(job.facts.degree_level);
  double edu = 1.0;
  std::string edu_why = "The job description asks for no degree.";
  if (need > 0) {
    edu = best_degree >= need ? 1.0 : best_degree == need - 1 ? 0.5 : 0.0;
    edu_why = best_degree >= need ? "Your education meets the degree requirement."
              : best_degree > 0   ? "Your highest degree is below the one asked for."
                                  : "The job asks for a degree and your resume lists none.";
  }
  score.factors.push_back(Factor("education", "Education", kEducationWeight, edu, edu_why));
  applies.push_back(need > 0);
  // Factors the job description says nothing about drop out; their weight goes to the others in
  // proportion, so the weights still sum to 1. With nothing to compare, the score is 0.
  double applied = 0;
  for (std::size_t i = 0; i < score.factors.size(); ++i) {
    if (applies[i]) applied += score.factors[i].weight;
  }
  for (std::size_t i = 0; i < score.factors.size(); ++i) {
    model::ScoreFactor& f = score.factors[i];
    if (applied <= 0) {
      f.score = 0;
    } else if (!applies[i]) {
      f.weight = 0;
      f.explanation += " Not scored.";
    } else {
      f.weight = std::round(f.weight / applied * 10000.0) / 10000.0;  // stable decimals
    }
    f.points = std::round(f.weight * f.score * 1000.0) / 10.0;
  }
  double total = 0;
  for (const auto& f : score.factors) total += f.weight * f.score * 100.0;
  score.total = std::clamp(static_cast<int>(std::lround(total)), 0, 100);
  return score;
}

}  // namespace rc::engine

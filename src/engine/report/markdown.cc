// Markdown rendering: one function per section.
#include "engine/report/markdown.h"

#include <cmath>
#include <map>
#include <sstream>

#include "engine/parse/resume_segmenter.h"

namespace rc::engine {
namespace {

using model::MatchStatus;
using model::Requirement;
using model::RequirementKind;
using model::RequirementMatch;

std::string Fixed1(double v) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(1);
  out << v;
  return out.str();
}

std::string Years(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return std::to_string(static_cast<int>(std::round(v)));
  return Fixed1(v);
}

// The role (title at employer) whose entry contains `span`, or "".
std::string RoleAt(const model::ResumeFacts& resume, model::Span span) {
  for (const auto& e : resume.experience) {
    if (e.span.begin <= span.begin && span.end <= e.span.end) {
      if (!e.title.empty() && !e.employer.empty()) return e.title + " at " + e.employer;
      return !e.employer.empty() ? e.employer : e.title;
    }
  }
  return "";
}

std::string MostRecentRole(const model::ResumeFacts& resume) {
  for (const auto& e : resume.experience) {
    if (!e.employer.empty() || !e.title.empty()) {
      if (!e.title.empty() && !e.employer.empty()) return e.title + " at " + e.employer;
      return !e.employer.empty() ? e.employer : e.title;
    }
  }
  return "";
}

std::string Verdict(int total) {
  if (total >= 75) return "a strong match";
  if (total >= 55) return "a good partial match";
  if (total >= 35) return "a partial match with clear gaps";
  return "a weak match";
}

}  // namespace

std::string EscapeMarkdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
      case '&':
        out += '\\';
        out += c;
        break;
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RenderMarkdown(const model::Report& report) {
  const auto& reqs = report.job.requirements;
  const auto& matches = report.matches;
  std::ostringstream md;
  int req_total = 0, req_met = 0, req_partial = 0, pref_total = 0, pref_met = 0;
  for (std::size_t i = 0; i < reqs.size() && i < matches.size(); ++i) {
    const bool required = reqs[i].importance == model::Importance::kRequired;
    (required ? req_total : pref_total) += 1;
    if (matches[i].status == MatchStatus::kMet) (required ? req_met : pref_met) += 1;
    if (required && matches[i].status == MatchStatus::kPartial) ++req_partial;
  }

  // 1. Qualification Assessment.
  md << "## Qualification Assessment\n\n";
  const std::string title = report.job.title.empty()
                                ? std::string("this job")
                                : "**" + EscapeMarkdown(report.job.title) + "**";
  md << "Match score: **" << report.score.total << "/100**, " << Verdict(report.score.total)
     << " for " << title << ".\n\n";
  if (reqs.empty()) {
    md << "The job description states no requirements the engine could read, so the score rests "
          "on title, experience and education.\n\n";
  } else {
    if (req_total > 0) {
      md << "You fully meet " << req_met << " of " << req_total << " required item(s)";
    } else {
      md << "The job description marks every item as preferred";
    }
    if (req_partial > 0) md << " and partly meet " << req_partial << " more";
    if (pref_total > 0) {
      md << "; " << pref_met << " of " << pref_total << " preferred item(s) are met.";
    } else {
      md << ".";
    }
    const double years = ExperienceYears(report.resume);
    const char* yours = UsesStatedYears(report.resume) ? "your resume states about "
                                                       : "your dated roles add up to about ";
    if (report.job.years_required) {
      md << " The job asks for " << Years(*report.job.years_required) << "+ years of experience; "
         << yours << Years(std::round(years * 2) / 2) << " years.";
    } else if (years > 0) {
      md << " " << static_cast<char>(yours[0] - 'a' + 'A') << (yours + 1)
         << Years(std::round(years * 2) / 2) << " years.";
    }
    md << "\n\n";
  }
  for (const auto& w : report.warnings) md << "> Note: " << EscapeMarkdown(w) << "\n\n";

  // 2. Missing Skills / Experience.
  md << "## Missing Skills / Experience\n\n";
  int missing_lines = 0;
  for (int pass = 0; pass < 2; ++pass) {  // required first, then preferred
    for (std::size_t i = 0; i < reqs.size() && i < matches.size(); ++i) {
      const Requirement& r = reqs[i];
      const RequirementMatch& m = matches[i];
      const bool required = r.importance == model::Importance::kRequired;
      if (required != (pass == 0) || m.status == MatchStatus::kMet) continue;
      md << "- **" << EscapeMarkdown(r.name) << "** (" << model::ImportanceName(r.importance)
         << ", " << model::MatchStatusName(m.status) << "): " << EscapeMarkdown(m.explanation)
         << "\n";
      ++missing_lines;
    }
  }
  if (missing_lines == 0) {
    md << (reqs.empty() ? "No requirements were found to compare against.\n"
                        : "Nothing the job description asks for is missing.\n");
  }
  md << "\n";

  // 3. Key Strengths.
  md << "## Key Strengths\n\n";
  int strengths = 0;
  for (std::size_t i = 0; i < reqs.size() && i < matches.size(); ++i) {
    const RequirementMatch& m = matches[i];
    if (m.status != MatchStatus::kMet || m.evidence.empty()) continue;
    const Requirement& r = reqs[i];
    const model::Evidence& ev = m.evidence.front();
    const std::string role = RoleAt(report.resume, ev.span);
    md << "- **" << EscapeMarkdown(r.name) << "**: ";
    if (!role.empty()) {
      md << "shown in your role as " << EscapeMarkdown(role);
    } else {
      md << "shown in your " << ev.section << " section";
    }
    if (m.years_found && r.kind == RequirementKind::kSkill) {
      md << " (about " << Years(*m.years_found) << " year(s) of dated use)";
    }
    md << ": \"" << EscapeMarkdown(ev.excerpt) << "\"\n";
    if (++strengths >= 8) break;
  }
  if (strengths == 0) {
    md << "No requirement is backed by a role or project in your resume yet.\n";
  }
  md << "\n";

  // 4. Score breakdown.
  md << "## Score Breakdown\n\n| Factor | Weight | Score | Points | Why |\n|---|---|---|---|---|\n";
  for (const auto& f : report.score.factors) {
    md << "| " << f.label << " | " << static_cast<int>(std::round(f.weight * 100)) << "% | "
       << static_cast<int>(std::round(f.score * 100)) << "% | " << Fixed1(f.points) << " | "
       << EscapeMarkdown(f.explanation) << " |\n";
  }
  md << "| **Total** | 100% | | **" << report.score.total << "** | |\n\n";

  // 5. Checks.
  md << "## Resume Checks\n\n";
  for (const auto& c : report.checks) {
    const char* mark = c.status == model::CheckStatus::kPass   ? "PASS"
                       : c.status == model::CheckStatus::kWarn ? "WARN"
                                                               : "FAIL";
    md << "- **" << mark << "** " << c.label << ": " << EscapeMarkdown(c.message) << "\n";
  }
  md << "\n";

  // 6. Next steps: concrete, from the gaps above.
  md << "## Next Steps\n\n";
  int step = 0;
  const std::string recent = MostRecentRole(report.resume);
  for (std::size_t i = 0; i < reqs.size() && i < matches.size() && step < 6; ++i) {
    const Requirement& r = reqs[i];
    const RequirementMatch& m = matches[i];
    if (r.importance != model::Importance::kRequired || m.status == MatchStatus::kMet) continue;
    const std::string name = EscapeMarkdown(r.name);
    if (r.kind == RequirementKind::kExperience) {
      md << ++step << ". Make the dates of every role explicit (month and year) so your "
         << Years(m.years_found.value_or(0)) << " years count fully against the "
         << Years(r.years_min.value_or(0)) << "+ asked for.\n";
    } else if (r.kind == RequirementKind::kEducation) {
      md << ++step << ". The job asks for a " << name
         << "; if you hold an equivalent qualification, list it under Education with its level.\n";
    } else if (!m.related_skill.empty()) {
      md << ++step << ". You list " << EscapeMarkdown(m.related_skill) << ", which is related to "
         << name << ": if you have used " << name << " itself, say so"
         << (recent.empty() ? "" : " in a bullet under " + EscapeMarkdown(recent)) << ".\n";
    } else if (m.status == MatchStatus::kPartial && !m.evidence.empty() &&
               m.evidence.front().section == "skills") {
      md << ++step << ". " << name << " appears only in your Skills list: add a bullet"
         << (recent.empty() ? "" : " under " + EscapeMarkdown(recent))
         << " that shows where you used it and what it achieved.\n";
    } else if (m.status == MatchStatus::kPartial && r.years_min) {
      md << ++step << ". " << EscapeMarkdown(m.explanation) << " Name " << name
         << " in the bullets of each role where you used it.\n";
    } else {
      md << ++step << ". If you have " << name << " experience, add it"
         << (recent.empty() ? "" : " to your role as " + EscapeMarkdown(recent))
         << " with a concrete result; if not, it is the first gap to close.\n";
    }
  }
  for (const auto& c : report.checks) {
    if (step >= 9) break;
    if (c.status == model::CheckStatus::kPass) continue;
    md << ++step << ". " << c.label << ": " << EscapeMarkdown(c.message) << "\n";
  }
  if (step == 0) {
    md << "1. Your resume covers what this job asks for; tailor the summary to \""
       << EscapeMarkdown(report.job.title) << "\" and apply.\n";
  }
  return md.str();
}

}  // namespace rc::engine

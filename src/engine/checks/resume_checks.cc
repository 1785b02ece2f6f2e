// Resume checks: one function per check, assembled in RunResumeChecks.
#include "engine/checks/resume_checks.h"

#include <algorithm>
#include <cctype>

#include "engine/extract/phrase_patterns.h"

namespace rc::engine {
namespace {

using model::Check;
using model::CheckStatus;

constexpr std::size_t kMaxSpans = 8;

Check Make(const char* id, const char* label, CheckStatus status, std::string message) {
  Check c;
  c.id = id;
  c.label = label;
  c.status = status;
  c.message = std::move(message);
  return c;
}

// Lines of experience and projects bullets (or, without bullets, the role's non-header lines).
std::vector<std::uint32_t> BulletLines(const ParsedResume& resume) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t l = 0; l < resume.line_is_bullet.size(); ++l) {
    const std::string& s = resume.line_section[l];
    if ((s == "experience" || s == "projects") && resume.line_is_bullet[l]) out.push_back(l);
  }
  return out;
}

// The first word token of a line.
const Token* FirstWord(const Document& doc, std::uint32_t line) {
  const TokenRange& r = doc.tok.lines[line];
  for (std::uint32_t k = r.first; k < r.last; ++k) {
    if (doc.tok.tokens[k].is_word) return &doc.tok.tokens[k];
  }
  return nullptr;
}

std::string Quote(const Document& doc, model::Span span) {
  std::string text = doc.original.substr(span.begin, span.end - span.begin);
  if (text.size() > 60) {
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return "\"" + text + "\"";
}

Check ContactInfo(const ParsedResume& resume) {
  const model::Contact& c = resume.facts.contact;
  std::vector<std::string> missing;
  if (c.email.empty()) missing.push_back("an email address");
  if (c.phone.empty()) missing.push_back("a phone number");
  Check check;
  if (missing.empty()) {
    check = Make("contact_info", "Contact information", CheckStatus::kPass,
                 "Email and phone found" +
                     std::string(c.links.empty() ? "."
                                                 : ", plus " + std::to_string(c.links.size()) +
                                                       " profile link(s)."));
  } else if (missing.size() == 1) {
    check = Make("contact_info", "Contact information", CheckStatus::kWarn,
                 "Add " + missing[0] + " at the top of the resume.");
  } else {
    check = Make("contact_info", "Contact information", CheckStatus::kFail,
                 "No email address or phone number found; recruiters cannot reach you.");
  }
  check.spans = resume.contact_spans;
  return check;
}

Check SectionHeadings(const ParsedResume& resume) {
  bool experience = false, education = false, skills = false;
  int recognised = 0;
  for (const auto& s : resume.facts.sections) {
    if (s.heading.empty()) continue;
    ++recognised;
    experience = experience || s.kind == "experience";
    education = education || s.kind == "education";
    skills = skills || s.kind == "skills";
  }
  std::vector<std::string> missing;
  if (!experience) missing.push_back("Experience");
  if (!education) missing.push_back("Education");
  if (!skills) missing.push_back("Skills");
  if (recognised == 0) {
    return Make("section_headings", "Standard section headings", CheckStatus::kFail,
                "No section headings recognised; applicant tracking systems look for headings such "
                "as Experience, Education and Skills.");
  }
  if (missing.empty()) {
    return Make("section_headings", "Standard section headings", CheckStatus::kPass,
                "Experience, Education and Skills headings found.");
  }
  std::string list;
  for (std::size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
  return Make("section_headings", "Standard section headings", CheckStatus::kWarn,
              "No standard heading for: " + list + ".");
}

Check MeasurableResults(const Document& doc, const ParsedResume& resume) {
  Check check;
  int count = 0;
  std::vector<model::Span> spans;
  for (std::uint32_t l = 0; l < doc.tok.lines.size(); ++l) {
    const std::string& s = resume.line_section[l];
    if (s != "experience" && s != "projects" && s != "summary") continue;
    if (!resume.line_is_bullet[l] && s == "experience") continue;  // role headers hold dates
    const TokenRange& r = doc.tok.lines[l];
    for (std::uint32_t k = r.first; k < r.last; ++k) {
      const Token& t = doc.tok.tokens[k];
      const bool digit = t.is_word && std::isdigit(static_cast<unsigned char>(t.lower[0]));
      const bool year = digit && t.lower.size() == 4 && (t.lower[0] == '1' || t.lower[0] == '2') &&
                        std::all_of(t.lower.begin(), t.lower.end(), [](char c) {
                          return std::isdigit(static_cast<unsigned char>(c));
                        });
      if ((digit && !year) || t.lower == "%" || t.lower == "$" || t.lower == "\xC2\xA3") {
        ++count;
        if (spans.size() < kMaxSpans) spans.push_back(doc.TokenSpan(r.first, r.last));
        break;
      }
    }
  }
  if (count >= 3) {
    check = Make("measurable_results", "Measurable results", CheckStatus::kPass,
                 std::to_string(count) + " lines show numbers (counts, percentages, amounts).");
  } else if (count > 0) {
    check =
        Make("measurable_results", "Measurable results", CheckStatus::kWarn,
             "Only " + std::to_string(count) +
                 " line(s) show a number; add results such as volumes, percentages or savings.");
  } else {
    check = Make("measurable_results", "Measurable results", CheckStatus::kFail,
                 "No bullet shows a number; add measurable results to your roles.");
  }
  check.spans = std::move(spans);
  return check;
}

Check Length(const ParsedResume& resume) {
  const int words = resume.facts.word_count;
  const std::string count = std::to_string(words) + " words";
  if (words >= 250 && words <= 1000) {
    return Make("length", "Length", CheckStatus::kPass, count + ", about one to two pages.");
  }
  if (words < 150) {
    return Make("length", "Length", CheckStatus::kFail,
                count + "; too short to show your experience (aim for 250-1000).");
  }
  if (words < 250) {
    return Make("length", "Length", CheckStatus::kWarn,
                count + "; on the short side (aim for 250-1000).");
  }
  if (words <= 1400) {
    return Make("length", "Length", CheckStatus::kWarn,
                count + "; longer than two pages, trim older roles.");
  }
  return Make("length", "Length", CheckStatus::kFail, count + "; far longer than two pages.");
}

Check WeakPhrases(const Document& doc) {
  static const std::vector<std::vector<std::string>> kPhrases = {
      {"responsible", "for"}, {"duties", "included"}, {"duties", "include"},
      {"worked", "on"},       {"helped", "with"},     {"assisted", "with"},
      {"tasked", "with"},     {"in", "charge", "of"}, {"involved", "in"}};
  Check check;
  std::vector<std::string> found;
  const auto& tokens = doc.tok.tokens;
  for (std::uint32_t k = 0; k < tokens.size(); ++k) {
    const std::string& first = tokens[k].lower;
    if (first.empty() || std::string_view("rdwhati").find(first[0]) == std::string_view::npos) {
      continue;  // no phrase starts with this letter
    }
    for (const auto& phrase : kPhrases) {
      if (k + phrase.size() > tokens.size()) continue;
      bool all = true;
      for (std::size_t j = 0; j < phrase.size() && all; ++j) all = tokens[k + j].lower == phrase[j];
      if (!all) continue;
      const model::Span span = doc.TokenSpan(k, static_cast<std::uint32_t>(k + phrase.size()));
      if (check.spans.size() < kMaxSpans) check.spans.push_back(span);
      std::string text = doc.original.substr(span.begin, span.end - span.begin);
      for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (std::find(found.begin(), found.end(), text) == found.end()) found.push_back(text);
    }
  }
  if (check.spans.empty()) {
    check = Make("weak_phrases", "Weak phrases", CheckStatus::kPass,
                 "No filler phrases such as \"responsible for\" found.");
    return check;
  }
  std::string list;
  for (std::size_t i = 0; i < found.size(); ++i) list += (i ? ", " : "") + ("\"" + found[i] + "\"");
  const auto spans = std::move(check.spans);
  check = Make("weak_phrases", "Weak phrases", CheckStatus::kWarn,
               "Found " + list + "; start with what you did and its result instead.");
  check.spans = spans;
  return check;
}

Check ActionVerbs(const Document& doc, const ParsedResume& resume) {
  const std::vector<std::uint32_t> bullets = BulletLines(resume);
  Check check;
  if (bullets.empty()) {
    return Make("action_verbs", "Action verbs", CheckStatus::kWarn,
                "No bullet points found under your roles; list achievements as bullets that start "
                "with a verb.");
  }
  int strong = 0;
  std::vector<model::Span> weak;
  for (std::uint32_t l : bullets) {
    const Token* first = FirstWord(doc, l);
    if (first != nullptr && IsActionVerb(first->lower)) {
      ++strong;
    } else if (weak.size() < kMaxSpans) {
      weak.push_back(doc.TokenSpan(doc.tok.lines[l].first, doc.tok.lines[l].last));
    }
  }
  const double share = static_cast<double>(strong) / static_cast<double>(bullets.size());
  const std::string msg = std::to_string(strong) + " of " + std::to_string(bullets.size()) +
                          " bullets start with an action verb";
  if (share >= 0.6) {
    check = Make("action_verbs", "Action verbs", CheckStatus::kPass, msg + ".");
  } else {
    check =
        Make("action_verbs", "Action verbs", share >= 0.3 ? CheckStatus::kWarn : CheckStatus::kFail,
             msg + (weak.empty() ? "." : "; for example " + Quote(doc, weak.front()) + "."));
  }
  check.spans = std::move(weak);
  return check;
}

Check Pronouns(const Document& doc, const ParsedResume& resume) {
  Check check;
  int count = 0;
  std::vector<model::Span> spans;
  for (const Token& t : doc.tok.tokens) {
    if (!t.is_word) continue;
    const std::string& section = resume.line_section[t.line];
    if (section == "contact") continue;
    const std::string written = doc.norm.text.substr(t.begin, t.end - t.begin);
    if (written == "I" || t.lower == "my" || t.lower == "me" || t.lower == "myself" ||
        t.lower == "i'm" || t.lower == "i've") {
      ++count;
      if (spans.size() < kMaxSpans) spans.push_back(doc.Span(t.begin, t.end));
    }
  }
  if (count == 0) {
    return Make("pronouns", "First-person pronouns", CheckStatus::kPass,
                "No first-person pronouns.");
  }
  check = Make("pronouns", "First-person pronouns", CheckStatus::kWarn,
               std::to_string(count) +
                   " first-person pronoun(s) such as \"I\" or \"my\"; resumes "
                   "read better without them.");
  check.spans = std::move(spans);
  return check;
}

Check Dates(const ParsedResume& resume) {
  const auto& roles = resume.facts.experience;
  Check check;
  if (roles.empty()) {
    return Make("dates", "Dates", CheckStatus::kWarn, "No roles found to check dates on.");
  }
  int undated = 0;
  std::vector<std::string> problems;
  for (const auto& r : roles) {
    if (!r.start) {
      ++undated;
      if (check.spans.size() < kMaxSpans) check.spans.push_back(r.header_span);
      continue;
    }
    if (r.end && !r.is_current &&
        (r.end->year * 12 + r.end->month) < (r.start->year * 12 + r.start->month)) {
      problems.push_back("the role \"" + (r.title.empty() ? r.employer : r.title) +
                         "\" ends before it starts");
      if (check.spans.size() < kMaxSpans) check.spans.push_back(r.header_span);
    }
  }
  // Gaps of more than six months between consecutive roles (by start date).
  std::vector<const model::ExperienceEntry*> dated;
  for (const auto& r : roles) {
    if (r.start) dated.push_back(&r);
  }
  std::stable_sort(dated.begin(), dated.end(), [](const auto* a, const auto* b) {
    return a->start->year * 12 + a->start->month < b->start->year * 12 + b->start->month;
  });
  int latest_end = -1;
  for (const auto* r : dated) {
    const int start = r->start->year * 12 + std::max(r->start->month, 1);
    if (latest_end >= 0 && start - latest_end > 6) {
      problems.push_back("a gap of about " +
                         std::to_string((start - latest_end) / 12 > 0 ? (start - latest_end) / 12
                                                                      : start - latest_end) +
                         ((start - latest_end) / 12 > 0 ? " year(s)" : " months") + " before " +
                         (r->employer.empty() ? r->title : r->employer));
      if (check.spans.size() < kMaxSpans) check.spans.push_back(r->header_span);
    }
    const int end = r->is_current ? resume.present.year * 12 + resume.present.month
                    : r->end      ? r->end->year * 12 + (r->end->month == 0 ? 12 : r->end->month)
                                  : start;
    latest_end = std::max(latest_end, end);
  }
  if (undated == static_cast<int>(roles.size())) {
    check.status = CheckStatus::kFail;
    check.message = "None of your " + std::to_string(roles.size()) +
                    " roles has dates; add start and end months.";
  } else if (undated > 0 || !problems.empty()) {
    check.status = CheckStatus::kWarn;
    std::string msg;
    if (undated > 0) msg = std::to_string(undated) + " role(s) without dates";
    for (const auto& p : problems) msg += (msg.empty() ? "" : "; ") + p;
    check.message = msg + ".";
    msg[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(msg[0])));
    check.message = msg + ".";
  } else {
    check.status = CheckStatus::kPass;
    check.message = "Every role has consistent dates with no gaps over six months.";
  }
  check.id = "dates";
  check.label = "Dates";
  return check;
}

Check BulletLength(const Document& doc, const ParsedResume& resume) {
  Check check;
  int longest = 0;
  for (std::uint32_t l : BulletLines(resume)) {
    const TokenRange& r = doc.tok.lines[l];
    int words = 0;
    for (std::uint32_t k = r.first; k < r.last; ++k) words += doc.tok.tokens[k].is_word ? 1 : 0;
    if (words > 30) {
      if (check.spans.size() < kMaxSpans) check.spans.push_back(doc.TokenSpan(r.first, r.last));
      longest = std::max(longest, words);
    }
  }
  const auto spans = check.spans;
  if (spans.empty()) {
    return Make("bullet_length", "Bullet length", CheckStatus::kPass,
                "Every bullet is 30 words or fewer.");
  }
  check = Make("bullet_length", "Bullet length", CheckStatus::kWarn,
               std::to_string(spans.size()) + " bullet(s) run over 30 words (longest " +
                   std::to_string(longest) + "); split them or cut to the result.");
  check.spans = spans;
  return check;
}

}  // namespace

std::vector<model::Check> RunResumeChecks(const Document& doc, const ParsedResume& resume) {
  std::vector<model::Check> out;
  out.push_back(ContactInfo(resume));
  out.push_back(SectionHeadings(resume));
  out.push_back(MeasurableResults(doc, resume));
  out.push_back(Length(resume));
  out.push_back(WeakPhrases(doc));
  out.push_back(ActionVerbs(doc, resume));
  out.push_back(Pronouns(doc, resume));
  out.push_back(Dates(resume));
  out.push_back(BulletLength(doc, resume));
  return out;
}

}  // namespace rc::engine

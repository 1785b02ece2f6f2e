// Sentence filter: closed word lists for employer subjects, candidate cues and title nouns.
#include "engine/extract/sentence_filter.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <unordered_set>

#include "engine/extract/phrase_patterns.h"

namespace rc::engine {
namespace {

constexpr std::string_view kEmployerSubjects[] = {"we", "we're", "we've", "our", "us"};

constexpr std::string_view kCandidateCues[] = {
    "you",       "you'll",     "you're",  "your",     "candidate", "candidates",
    "applicant", "applicants", "someone", "seeking",  "looking",   "need",
    "needs",     "hiring",     "require", "requires", "seek"};

constexpr std::string_view kTitleNouns[] = {
    "accountant",  "administrator",  "advisor",     "agent",        "analyst",   "architect",
    "assistant",   "associate",      "auditor",     "carer",        "cashier",   "chef",
    "clerk",       "coach",          "consultant",  "controller",   "cook",      "coordinator",
    "counsellor",  "counselor",      "designer",    "developer",    "director",  "driver",
    "economist",   "editor",         "electrician", "engineer",     "executive", "handler",
    "head",        "intern",         "lawyer",      "lead",         "lecturer",  "manager",
    "mechanic",    "nanny",          "nurse",       "officer",      "operator",  "paralegal",
    "pharmacist",  "physician",      "planner",     "practitioner", "president", "programmer",
    "recruiter",   "representative", "researcher",  "scientist",    "secretary", "specialist",
    "supervisor",  "surveyor",       "teacher",     "technician",   "tester",    "therapist",
    "trainee",     "tutor",          "writer",      "worker",       "buyer",     "solicitor",
    "underwriter", "receptionist",   "plumber",     "welder",       "machinist", "pilot"};

constexpr std::string_view kRequirementCues[] = {"you",
                                                 "your",
                                                 "you'll",
                                                 "you're",
                                                 "experience",
                                                 "experienced",
                                                 "knowledge",
                                                 "skills",
                                                 "skill",
                                                 "ability",
                                                 "able",
                                                 "degree",
                                                 "proficient",
                                                 "proficiency",
                                                 "familiar",
                                                 "familiarity",
                                                 "understanding",
                                                 "expertise",
                                                 "background",
                                                 "must",
                                                 "required",
                                                 "requirements",
                                                 "preferred",
                                                 "plus",
                                                 "qualifications",
                                                 "years",
                                                 "responsible",
                                                 "responsibilities",
                                                 "candidate",
                                                 "ideal",
                                                 "strong",
                                                 "excellent",
                                                 "good",
                                                 "solid",
                                                 "proven",
                                                 "track",
                                                 "fluent",
                                                 "certified",
                                                 "certification",
                                                 "qualified",
                                                 "desirable",
                                                 "essential",
                                                 "advantage",
                                                 "willingness",
                                                 "capable",
                                                 "comfortable",
                                                 "passion",
                                                 "passionate"};

constexpr std::string_view kBenefitWords[] = {
    "salary",        "bonus",    "pension", "insurance", "vacation",   "holiday",  "holidays",
    "lunch",         "lunches",  "snacks",  "perks",     "benefits",   "gym",      "discount",
    "parties",       "party",    "coffee",  "fruit",     "allowance",  "equity",   "401k",
    "reimbursement", "parental", "leave",   "wellness",  "relocation", "canteen",  "fitness",
    "free",          "flexible", "culture", "office",    "remote",     "perk",     "career",
    "breakfast",     "dogs",     "shares",  "paid",      "hours",      "contract", "location"};

template <std::size_t N>
bool In(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

}  // namespace

bool IsTitleHeadNoun(std::string_view w) {
  static const std::unordered_set<std::string_view> kSet(std::begin(kTitleNouns),
                                                         std::end(kTitleNouns));
  if (kSet.count(w) > 0) return true;
  // Plural titles ("engineers", "nurses").
  return w.size() > 3 && w.back() == 's' && kSet.count(w.substr(0, w.size() - 1)) > 0;
}

bool IsCandidateSentence(const Document& doc, std::uint32_t sentence) {
  const TokenRange& s = doc.tok.sentences[sentence];
  const auto& tokens = doc.tok.tokens;
  std::uint32_t first = s.first;
  while (first < s.last && !tokens[first].is_word && tokens[first].lower != "<") ++first;
  if (first >= s.last) return false;
  bool candidate_cue = false;
  bool has_verb = false;
  bool has_title = false;
  int words = 0;
  for (std::uint32_t k = s.first; k < s.last; ++k) {
    if (!tokens[k].is_word) continue;
    ++words;
    candidate_cue = candidate_cue || In(kCandidateCues, tokens[k].lower);
    const bool title = IsTitleHeadNoun(tokens[k].lower);  // "engineer" is a noun here
    has_verb = has_verb || (IsActionVerb(tokens[k].lower) && !title);
    has_title = has_title || title;
  }
  bool employer = In(kEmployerSubjects, tokens[first].lower) || tokens[first].lower == "<";
  // The employer anywhere ("In exchange we offer you...", "part of our team") marks a sentence
  // about the company unless a requirement cue addresses the candidate.
  bool requirement_cue = false;
  for (std::uint32_t k = s.first; k < s.last; ++k) {
    const std::string& w = tokens[k].lower;
    if (In(kEmployerSubjects, w) || w == "organization") employer = true;
    requirement_cue = requirement_cue || w == "experience" || w == "knowledge" || w == "skills" ||
                      w == "ability" || w == "degree" || w == "must" || w == "required" ||
                      w == "proficiency" || w == "proficient" || w == "familiarity" ||
                      w == "understanding" || w == "expertise";
  }
  if (employer && !requirement_cue && !candidate_cue) return false;
  if (employer && !requirement_cue && In(kEmployerSubjects, tokens[first].lower)) {
    // "We are looking for someone who..." and "We need an engineer with..." keep the candidate
    // part; "We offer you..." does not.
    bool looking = false;
    for (std::uint32_t k = s.first; k < s.last; ++k) {
      looking = looking || In(kCandidateCues, tokens[k].lower);
    }
    if (!looking) return false;
  }
  if (employer && !candidate_cue) return false;
  // A heading: short, ends with ':' and has no verb.
  if (words <= 4 && tokens[s.last - 1].lower == ":" && !has_verb) return false;
  if (words <= 8 && has_title && !has_verb && !candidate_cue) return false;
  // How to apply ("send your CV", "apply online") is not about the work, and neither is legal
  // boilerplate: equal opportunity statements, the right to work, copyright lines.
  for (std::uint32_t k = s.first; k < s.last; ++k) {
    const std::string& w = tokens[k].lower;
    const std::string& next = k + 1 < s.last ? tokens[k + 1].lower : w;
    const std::string& after = k + 2 < s.last ? tokens[k + 2].lower : w;
    if (w == "apply" || w == "cv" || w == "deadline" || (w == "cover" && next == "letter") ||
        (w == "equal" && next == "opportunity") || (w == "protected" && next == "veteran") ||
        ((w == "authorized" || w == "authorization" || w == "eligibility" || w == "eligible" ||
          w == "right") &&
         next == "to" && after == "work") ||
        w == "copyright") {
      return false;
    }
  }
  return true;
}

bool IsRequirementSentence(const Document& doc, std::uint32_t sentence) {
  if (!IsCandidateSentence(doc, sentence)) return false;
  const TokenRange& s = doc.tok.sentences[sentence];
  const auto& tokens = doc.tok.tokens;
  bool cue = false;
  bool benefit = false;
  bool verb = false;
  int words = 0;
  std::uint32_t first = s.last;
  for (std::uint32_t k = s.first; k < s.last; ++k) {
    if (!tokens[k].is_word) continue;
    if (first == s.last) first = k;
    ++words;
    cue = cue || In(kRequirementCues, tokens[k].lower);
    benefit = benefit || In(kBenefitWords, tokens[k].lower);
    verb = verb || IsActionVerb(tokens[k].lower);
  }
  if (benefit && !cue) return false;
  if (cue) return true;
  if (first < s.last && IsActionVerb(tokens[first].lower)) return true;
  return words <= 8 && !verb;
}

}  // namespace rc::engine

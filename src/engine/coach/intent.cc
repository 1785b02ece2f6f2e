// Rule-based intent detection for chat questions.
#include "engine/coach/intent.h"

#include <array>
#include <initializer_list>
#include <vector>

#include "engine/coach/text.h"

namespace rc::engine::coach {
namespace {

// Lower-cases and folds typographic quotes so patterns can be written in ASCII.
std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view rest = text.substr(i);
    if (rest.starts_with("\u2019") || rest.starts_with("\u2018")) {
      out.push_back('\'');
      i += 2;
    } else if (rest.starts_with("\u201c") || rest.starts_with("\u201d")) {
      out.push_back('"');
      i += 2;
    } else {
      char c = text[i];
      out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  return out;
}

bool Any(std::string_view q, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (ContainsWord(q, w)) return true;
  }
  return false;
}

std::string Trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  auto junk = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '?' || c == '.' || c == '!' ||
           c == ',' || c == ':' || c == '"' || c == '\'' || c == ';';
  };
  while (b < e && junk(s[b])) ++b;
  while (e > b && junk(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

// Removes any of `prefixes` (whole words) from the start of `s`, repeatedly.
std::string StripLeading(std::string s, std::initializer_list<std::string_view> prefixes) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::string_view p : prefixes) {
      if (s.size() > p.size() && s.starts_with(p) && s[p.size()] == ' ') {
        s = Trim(s.substr(p.size()));
        changed = true;
      } else if (s == p) {
        s.clear();
        changed = true;
      }
    }
  }
  return s;
}

std::string StripTrailing(std::string s, std::initializer_list<std::string_view> suffixes) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::string_view p : suffixes) {
      if (s.size() > p.size() && s.ends_with(p) && s[s.size() - p.size() - 1] == ' ') {
        s = Trim(s.substr(0, s.size() - p.size()));
        changed = true;
      }
    }
  }
  return s;
}

// The term after the first of `cues` found in `q` (folded), cleaned of filler; "" when no cue.
std::string TermAfter(std::string_view q, std::initializer_list<std::string_view> cues) {
  for (std::string_view cue : cues) {
    std::size_t pos = FindWord(q, cue);
    if (pos == std::string_view::npos) continue;
    std::string term = Trim(q.substr(pos + cue.size()));
    term = StripLeading(term, {"about", "the", "any", "a", "an", "some", "my", "experience with",
                               "experience in", "skills in", "knowledge of", "that i have",
                               "i have", "i know", "i used", "i've used"});
    term = StripTrailing(term, {"experience", "skills", "skill", "on my resume", "in my resume",
                                "on my cv", "in my cv", "anywhere", "at all", "in the job",
                                "for this job", "for this role", "for the job", "for the role",
                                "in the posting", "in the jd", "required", "mentioned"});
    if (!term.empty()) return term;
  }
  return "";
}

// The original-case text the user pasted for a rewrite: after a newline, a colon, or in quotes.
std::string PastedText(std::string_view original) {
  std::size_t nl = original.find('\n');
  if (nl != std::string_view::npos) {
    std::string rest = Trim(original.substr(nl + 1));
    if (!rest.empty()) return rest;
  }
  std::size_t colon = original.find(':');
  if (colon != std::string_view::npos) {
    std::string rest = Trim(original.substr(colon + 1));
    if (!rest.empty()) return rest;
  }
  for (std::string_view quote : {"\"", "\u201c"}) {
    std::size_t open = original.find(quote);
    if (open == std::string_view::npos) continue;
    std::string_view close_mark = quote == "\"" ? "\"" : "\u201d";
    std::size_t close = original.find(close_mark, open + quote.size());
    if (close == std::string_view::npos) continue;
    std::string inner = Trim(original.substr(open + quote.size(), close - open - quote.size()));
    if (inner.size() > 8) return inner;
  }
  return "";
}

struct Ordinal {
  std::string_view word;
  int value;
};

int FindOrdinal(std::string_view q) {
  static constexpr std::array<Ordinal, 24> kOrdinals = {{
      {"first", 1},     {"1st", 1},          {"#1", 1},         {"number one", 1}, {"second", 2},
      {"2nd", 2},       {"#2", 2},           {"number two", 2}, {"third", 3},      {"3rd", 3},
      {"#3", 3},        {"number three", 3}, {"fourth", 4},     {"4th", 4},        {"#4", 4},
      {"fifth", 5},     {"5th", 5},          {"#5", 5},         {"sixth", 6},      {"6th", 6},
      {"last one", -1}, {"the last", -1},    {"item 2", 2},     {"item 3", 3},
  }};
  for (const Ordinal& o : kOrdinals) {
    if (o.word.front() == '#') {
      if (q.find(o.word) != std::string_view::npos) return o.value;
    } else if (ContainsWord(q, o.word)) {
      return o.value;
    }
  }
  return 0;
}

std::string SectionWord(std::string_view q) {
  struct Entry {
    std::string_view word;
    std::string_view section;
  };
  static constexpr std::array<Entry, 25> kSections = {{
      {"summary", "summary"},
      {"profile", "summary"},
      {"objective", "summary"},
      {"about me", "summary"},
      {"work history", "experience"},
      {"experience", "experience"},
      {"employment", "experience"},
      {"bullets", "experience"},
      {"bullet points", "experience"},
      {"achievements", "experience"},
      {"skills", "skills"},
      {"skill section", "skills"},
      {"education", "education"},
      {"degree", "education"},
      {"certifications", "certifications"},
      {"certification", "certifications"},
      {"certificates", "certifications"},
      {"projects", "projects"},
      {"project section", "projects"},
      {"contact", "contact"},
      {"header", "contact"},
      {"format", "format"},
      {"formatting", "format"},
      {"length", "format"},
      {"ats", "format"},
  }};
  for (const Entry& e : kSections) {
    if (ContainsWord(q, e.word)) return std::string(e.section);
  }
  return "";
}

bool IsShort(std::string_view q, std::size_t max_tokens) {
  return Tokenize(q).size() <= max_tokens;
}

}  // namespace

const char* IntentName(Intent intent) {
  switch (intent) {
    case Intent::kGreeting:
      return "greeting";
    case Intent::kThanks:
      return "thanks";
    case Intent::kNeedsLlm:
      return "needs_llm";
    case Intent::kMissingSkills:
      return "missing_skills";
    case Intent::kQualification:
      return "qualification";
    case Intent::kImproveSection:
      return "improve_section";
    case Intent::kRewriteBullet:
      return "rewrite_bullet";
    case Intent::kDraftSummary:
      return "draft_summary";
    case Intent::kCoverLetter:
      return "cover_letter";
    case Intent::kInterview:
      return "interview_questions";
    case Intent::kFindInResume:
      return "find_in_resume";
    case Intent::kFindInJob:
      return "find_in_job";
    case Intent::kLearnFirst:
      return "learn_first";
    case Intent::kFollowUp:
      return "follow_up";
    case Intent::kHelp:
      return "help";
    case Intent::kStrengths:
      return "strengths";
    case Intent::kJobSummary:
      return "job_summary";
    case Intent::kRelevantLines:
      return "fallback_relevant_lines";
  }
  return "fallback_relevant_lines";
}

DetectedIntent DetectIntent(std::string_view question) {
  const std::string q = Fold(question);
  // The first line carries the request; a pasted bullet may follow it.
  const std::string head = q.substr(0, q.find('\n'));
  DetectedIntent out;
  if (Trim(q).empty() || Trim(q) == "help" ||
      Any(q, {"what can you do", "what can i ask", "how does this work", "how do you work"})) {
    out.intent = Intent::kHelp;
    return out;
  }

  // Rewrite a bullet.
  const bool rewrite_verb =
      Any(head, {"rewrite", "re-write", "reword", "rephrase", "improve", "strengthen", "fix",
                 "polish", "punch up", "tighten", "stronger", "punchier", "more impactful"});
  const bool bullet_word = Any(
      head, {"bullet", "bullets", "line", "sentence", "this", "point", "achievement", "phrase"});
  const std::string pasted = PastedText(question);
  if (rewrite_verb && (bullet_word || !pasted.empty()) &&
      !Any(head, {"summary", "cover letter", "section", "resume", "cv"})) {
    out.intent = Intent::kRewriteBullet;
    out.topic = pasted;
    return out;
  }
  if (Any(head, {"rewrite", "reword", "rephrase"}) && !pasted.empty()) {
    out.intent = Intent::kRewriteBullet;
    out.topic = pasted;
    return out;
  }
  for (std::string_view filler : {"responsible for", "duties included", "duties include",
                                  "tasked with", "in charge of", "worked on", "helped with"}) {
    if (Trim(q).starts_with(filler)) {
      out.intent = Intent::kRewriteBullet;
      out.topic = Trim(question);
      return out;
    }
  }

  // Requests that need a language model or outside knowledge.
  struct Llm {
    std::string_view cue;
    std::string_view what;
  };
  static constexpr Llm kLlm[] = {
      {"translate", "translation"},
      {"translation", "translation"},
      {"in french", "translation"},
      {"in spanish", "translation"},
      {"in german", "translation"},
      {"in chinese", "translation"},
      {"poem", "creative writing"},
      {"poetry", "creative writing"},
      {"haiku", "creative writing"},
      {"song", "creative writing"},
      {"lyrics", "creative writing"},
      {"joke", "creative writing"},
      {"write a story", "creative writing"},
      {"tell me a story", "creative writing"},
      {"short story", "creative writing"},
      {"salary", "salary data"},
      {"salaries", "salary data"},
      {"pay range", "salary data"},
      {"compensation", "salary data"},
      {"how much does", "salary data"},
      {"how much will", "salary data"},
      {"weather", "world knowledge"},
      {"news", "world knowledge"},
      {"stock price", "world knowledge"},
      {"capital of", "world knowledge"},
      {"who is", "world knowledge"},
      {"who was", "world knowledge"},
      {"glassdoor", "company information"},
      {"company culture", "company information"},
      {"write code", "writing code"},
      {"write a program", "writing code"},
      {"write a script", "writing code"},
      {"proofread", "proofreading"},
      {"spelling", "proofreading"},
      {"grammar", "proofreading"},
      {"typos", "proofreading"},
  };
  for (const Llm& l : kLlm) {
    if (ContainsWord(q, l.cue)) {
      out.intent = Intent::kNeedsLlm;
      out.topic = std::string(l.what);
      return out;
    }
  }

  if (Any(q, {"summarize the job",
              "summarise the job",
              "summary of the job",
              "summarize the jd",
              "summarise the jd",
              "summary of the jd",
              "summarize the posting",
              "summarize the role",
              "summarize the description",
              "what is this job",
              "what's this job",
              "job about",
              "role about",
              "responsibilities",
              "what does the job involve",
              "what does this role involve",
              "what are they looking for",
              "what do they want",
              "what are the requirements",
              "main requirements"})) {
    out.intent = Intent::kJobSummary;
    return out;
  }

  if (Any(q, {"cover letter", "covering letter", "motivation letter", "letter of interest",
              "application letter"})) {
    out.intent = Intent::kCoverLetter;
    return out;
  }

  const bool improve_verb =
      Any(q, {"improve", "better", "strengthen", "fix", "enhance", "tips", "advice", "feedback",
              "review", "optimize", "optimise", "tailor", "polish", "weak", "wrong with"});
  const bool summary_word = Any(q, {"summary", "profile", "objective", "bio", "elevator pitch",
                                    "about me", "professional summary", "linkedin", "headline"});
  if (summary_word && improve_verb) {
    out.intent = Intent::kImproveSection;
    out.topic = "summary";
    return out;
  }
  if (summary_word && Any(q, {"write", "draft", "create", "generate", "suggest", "give me", "make",
                              "compose", "need a", "propose"})) {
    out.intent = Intent::kDraftSummary;
    return out;
  }

  if (Any(q, {"interview", "interviews", "interviewer", "will they ask", "they ask me",
              "answer questions", "questions will"})) {
    out.intent = Intent::kInterview;
    return out;
  }

  if (Any(q, {"learn", "study", "upskill", "course", "courses", "focus on first", "prioritize",
              "prioritise", "work on first", "start with", "get certified", "train", "should i get",
              "certifications should", "certification should"})) {
    out.intent = Intent::kLearnFirst;
    return out;
  }

  if (Any(q, {"employment gap", "gap in my", "career gap", "gap between", "gaps in my",
              "break in my", "time off"})) {
    out.intent = Intent::kImproveSection;
    out.topic = "dates";
    return out;
  }
  if (Any(q, {"ats", "applicant tracking", "how long should", "one page", "two pages", "formatting",
              "layout", "too long", "too short"})) {
    out.intent = Intent::kImproveSection;
    out.topic = "format";
    return out;
  }
  if (Any(q, {"enough years", "enough experience", "years enough"})) {
    out.intent = Intent::kQualification;
    return out;
  }
  if (Any(q, {"how many years", "years of experience"}) && !Any(q, {"do i have", "my"})) {
    out.intent = Intent::kFindInJob;
    out.topic = "years";
    return out;
  }

  // Questions about a specific term in the job description.
  std::string term = TermAfter(q, {"does the job description say about",
                                   "does the jd say about",
                                   "does the job say about",
                                   "does the posting say about",
                                   "does the ad say about",
                                   "does the role say about",
                                   "does the listing say about",
                                   "does the description say about",
                                   "does the job description require",
                                   "does the job require",
                                   "does the jd require",
                                   "does the role require",
                                   "does the posting require",
                                   "does the job need",
                                   "does the role need",
                                   "does the job ask for",
                                   "does the jd mention",
                                   "does the job mention",
                                   "does the posting mention",
                                   "how important is",
                                   "tell me more about",
                                   "more about",
                                   "tell me about",
                                   "do i need",
                                   "do they want",
                                   "do they need",
                                   "do they require",
                                   "should i mention",
                                   "is there anything about"});
  if (term.empty()) {
    for (std::string_view tail :
         {" required", " a requirement", " mandatory", " necessary", " needed"}) {
      if (q.starts_with("is ") && Trim(q).ends_with(tail)) {
        std::string t = Trim(q);
        term = Trim(t.substr(3, t.size() - 3 - tail.size()));
        break;
      }
    }
  }
  if (!term.empty() && FindOrdinal(term) == 0 && term != "that" && term != "it" && term != "this" &&
      term != "them") {
    out.intent = Intent::kFindInJob;
    out.topic = term;
    return out;
  }

  // Questions about a specific term in the resume.
  term = TermAfter(q, {"where does my resume show",
                       "where does my resume mention",
                       "where does my cv show",
                       "where does my cv mention",
                       "where does my resume demonstrate",
                       "where in my resume",
                       "where do i show",
                       "where do i mention",
                       "where did i mention",
                       "where do i demonstrate",
                       "does my resume show",
                       "does my resume mention",
                       "does my resume have",
                       "does my resume include",
                       "does my resume list",
                       "does my cv show",
                       "does my cv mention",
                       "have i mentioned",
                       "have i shown",
                       "have i listed",
                       "do i mention",
                       "do i show",
                       "do i have",
                       "do i know",
                       "am i showing"});
  if (term.empty() && q.starts_with("is ")) {
    for (std::string_view tail : {" on my resume", " in my resume", " on my cv", " in my cv"}) {
      std::string t = Trim(q);
      if (t.ends_with(tail)) {
        term = Trim(t.substr(3, t.size() - 3 - tail.size()));
        break;
      }
    }
  }
  if (!term.empty() && !Any(term, {"missing", "gap", "gaps", "chance", "qualified"})) {
    out.intent = Intent::kFindInResume;
    out.topic = term;
    return out;
  }

  if (Any(q, {"strength", "strengths", "strong points", "what do i do well", "most relevant",
              "best match", "stand out", "selling points", "what matches", "what do i have"})) {
    out.intent = Intent::kStrengths;
    return out;
  }

  if (Any(q, {"should i add", "keywords", "keyword", "add to my resume", "what else do i need",
              "missing", "lack", "lacking", "gap", "gaps", "what do i need", "weakness",
              "weaknesses", "don't have", "do not have", "don't i have", "do i not have",
              "not have", "need to add"})) {
    out.intent = Intent::kMissingSkills;
    return out;
  }

  if (Any(q, {"qualified",
              "qualify",
              "score",
              "match",
              "fit",
              "chance",
              "chances",
              "should i apply",
              "good candidate",
              "strong candidate",
              "how do i compare",
              "how did i do",
              "rating",
              "assessment",
              "am i ready",
              "suitable",
              "overqualified",
              "underqualified",
              "how good",
              "is my resume good",
              "how strong",
              "good enough",
              "how well"})) {
    out.intent = Intent::kQualification;
    return out;
  }

  if (improve_verb || Any(q, {"how can i make", "what should i change", "what to change",
                              "what next", "what's next", "whats next", "next step", "next steps",
                              "what should i do", "where do i start", "most important"})) {
    out.intent = Intent::kImproveSection;
    out.topic = SectionWord(q);
    return out;
  }

  // "What is Kubernetes?": what the job says about a short term.
  for (std::string_view cue : {"what is ", "what's ", "what are "}) {
    std::string t = Trim(q);
    if (!t.starts_with(cue)) continue;
    std::string rest = StripLeading(Trim(t.substr(cue.size())), {"the", "a", "an"});
    if (!rest.empty() && Tokenize(rest).size() <= 4 && FindOrdinal(rest) == 0 &&
        !Any(rest, {"my", "i", "you", "this", "that", "it", "next"})) {
      out.intent = Intent::kFindInJob;
      out.topic = rest;
      return out;
    }
  }

  // Follow-ups that point back at the previous answer.
  const int ordinal = FindOrdinal(q);
  if ((ordinal != 0 && IsShort(q, 10)) ||
      Any(q, {"tell me more", "elaborate", "go on", "what else", "more details", "more detail",
              "explain more", "continue", "next one", "the others", "the rest", "and then",
              "say more", "expand on that", "why is that", "why that"}) ||
      (IsShort(q, 3) && Any(q, {"more", "why", "how", "and"}))) {
    out.intent = Intent::kFollowUp;
    out.ordinal = ordinal;
    return out;
  }

  if (IsShort(q, 4) && Any(q, {"hi", "hello", "hey", "good morning", "good afternoon",
                               "good evening", "greetings", "howdy", "yo"})) {
    out.intent = Intent::kGreeting;
    return out;
  }
  if ((IsShort(q, 7) && Any(q, {"thanks", "thank you", "thx", "cheers", "appreciate it", "ty",
                                "much appreciated", "great thanks"})) ||
      (IsShort(q, 3) && Any(q, {"ok", "okay", "got it", "great", "cool", "perfect", "awesome",
                                "nice", "sounds good"}))) {
    out.intent = Intent::kThanks;
    return out;
  }
  if (IsShort(q, 5) && Any(q, {"help me", "can you help", "help please"})) {
    out.intent = Intent::kHelp;
    return out;
  }
  return out;
}

}  // namespace rc::engine::coach

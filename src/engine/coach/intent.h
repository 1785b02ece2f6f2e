// Rule-based intent detection for chat questions (see docs/coach.md for the rule table).
#pragma once

#include <string>
#include <string_view>

namespace rc::engine::coach {

// What a chat question asks for. Detection is keyword/pattern based (whole words, lower-cased,
// typographic quotes folded) and the first rule that fires wins, in this order:
//   kHelp             an empty question, "help", "what can you do"
//   kRewriteBullet    a rewrite verb (rewrite, reword, rephrase, improve, strengthen, fix, polish,
//                     "stronger") with "bullet"/"line"/"sentence"/"this" or a pasted text after ':'
//                     or a newline or in quotes; or a question that itself starts with filler
//                     ("responsible for", "duties included")
//   kNeedsLlm         translation, poems/songs/jokes/stories, salary and pay data, news, weather,
//                     general world knowledge ("who is", "capital of"), company research, writing
//                     code, proofreading (spelling, grammar, typos)
//   kJobSummary       "summarize the job", "what is this job about", "responsibilities", "what are
//                     they looking for", "what are the requirements"
//   kCoverLetter      "cover letter", "covering letter", "motivation letter", "letter of interest"
//   kImproveSection   an improve verb with "summary"/"profile"/"objective" (before kDraftSummary)
//   kDraftSummary     a writing verb (write, draft, create, generate, suggest) with "summary",
//                     "profile", "objective", "bio", "LinkedIn", "headline", "elevator pitch"
//   kInterview        "interview", "what will they ask", "answer questions"
//   kLearnFirst       "learn", "study", "upskill", "course", "focus on first", "prioriti[sz]e",
//                     "which certifications should I get"
//   kImproveSection   employment gaps (topic "dates"); ATS, length, layout (topic "format")
//   kFindInJob        "how many years" (topic "years"); "what does the job/JD/posting say about X",
//                     "does the job require X", "is X required", "do I need X", "should I mention
//                     X", "tell me (more) about X"
//   kFindInResume     "where does my resume show X", "do I have X", "does my resume mention X",
//                     "is X on my resume"
//   kStrengths        "strengths", "what do I do well", "most relevant", "selling points"
//   kMissingSkills    "missing", "lack", "gap", "keywords", "what should I add", "weakness"
//   kQualification    "qualified", "score", "match", "fit", "chance", "should I apply",
//                     "overqualified", "how good is my resume"
//   kImproveSection   an improve verb (improve, better, strengthen, fix, tips, feedback, review,
//                     optimize, tailor) or "what next", with an optional section word (experience,
//                     skills, education, certifications, projects, contact, format)
//   kFindInJob        "what is X" for a short X ("What is Kubernetes?")
//   kFollowUp         short questions pointing back: ordinals ("the second one", "#2"),
//                     "tell me more", "elaborate", "go on", "what else", "and the next?"
//   kGreeting/kThanks short greetings ("hi", "hello") and thanks ("thanks", "ok", "got it")
//   kHelp             short "can you help me"
//   kRelevantLines    anything else (the coach first checks whether the question names one of
//                     the job's requirements)
enum class Intent {
  kGreeting,
  kThanks,
  kNeedsLlm,
  kMissingSkills,
  kQualification,
  kImproveSection,
  kRewriteBullet,
  kDraftSummary,
  kCoverLetter,
  kInterview,
  kFindInResume,
  kFindInJob,
  kLearnFirst,
  kFollowUp,
  kHelp,
  kStrengths,
  kJobSummary,
  kRelevantLines,
};

// Wire name, e.g. "missing_skills", "needs_llm", "fallback_relevant_lines".
const char* IntentName(Intent intent);

// A detected intent with what it is about.
struct DetectedIntent {
  Intent intent = Intent::kRelevantLines;
  // kRewriteBullet: the pasted bullet ("" = pick bullets from the resume);
  // kFindInResume/kFindInJob: the term asked about; kImproveSection: the section kind
  // (summary, experience, skills, education, certifications, projects, contact, format, dates) or
  // "" for the whole resume; kNeedsLlm: what was asked for ("translation", "salary data"...).
  std::string topic;
  // kFollowUp: the 1-based item referred to ("the second one" -> 2), -1 for "the last one",
  // 0 when none ("tell me more").
  int ordinal = 0;
};

// Classifies `question`. Pure and deterministic.
DetectedIntent DetectIntent(std::string_view question);

}  // namespace rc::engine::coach

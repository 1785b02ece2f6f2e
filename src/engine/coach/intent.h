// Rule-based intent detection for chat questions (see docs/coach.md for the rule table).
#pragma once

#include <string>
#include <string_view>

namespace rc::engine::coach {

// What a chat question asks for. Detection is keyword/pattern based and runs in this order:
//   kHelp             an empty question, "help", "what can you do" (short "can you help me" too,
//                     after the greeting rules)
//   kRewriteBullet    a rewrite verb (rewrite, reword, rephrase, improve, strengthen, fix, polish)
//                     with "bullet"/"line"/"sentence"/"this" or a pasted text after ':' or a
//                     newline or in quotes; or a question that itself starts with filler
//                     ("responsible for")
//   kNeedsLlm         translation, poems/songs/jokes/stories, salary and pay data, news, weather,
//                     general world knowledge ("who is", "capital of"), writing code
//   kCoverLetter      "cover letter", "covering letter", "motivation letter", "letter of interest"
//   kImproveSection   an improve verb with "summary"/"profile"/"objective" (before kDraftSummary)
//   kDraftSummary     a writing verb (write, draft, create, generate, suggest) with "summary",
//                     "profile", "objective", "bio", "elevator pitch"
//   kInterview        "interview"
//   kLearnFirst       "learn", "study", "upskill", "course", "focus on first", "prioriti[sz]e"
//   kFindInJob        "what does the job/JD/posting say about X", "is X required", "does the job
//                     require X", "tell me more about X"
//   kFindInResume     "where does my resume show X", "do I have X", "does my resume mention X"
//   kMissingSkills    "missing", "lack", "gap", "what do I need", "weakness"
//   kQualification    "qualified", "qualify", "score", "match", "fit", "chance", "should I apply"
//   kImproveSection   an improve verb (improve, better, strengthen, fix, tips, feedback, review,
//                     optimize) with an optional section word (experience, skills, education...)
//   kFollowUp         short questions pointing back: ordinals ("the second one", "#2"),
//                     "tell me more", "elaborate", "go on", "what else", "and the next?"
//   kGreeting/kThanks short greetings ("hi", "hello") and thanks ("thanks", "thank you")
//   kRelevantLines    anything else
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
  kRelevantLines,
};

// Wire name, e.g. "missing_skills", "needs_llm", "fallback_relevant_lines".
const char* IntentName(Intent intent);

// A detected intent with what it is about.
struct DetectedIntent {
  Intent intent = Intent::kRelevantLines;
  // kRewriteBullet: the pasted bullet ("" = pick bullets from the resume);
  // kFindInResume/kFindInJob: the term asked about; kImproveSection: the section kind
  // (summary, experience, skills, education, certifications, projects, contact, format) or "" for
  // the whole resume; kNeedsLlm: what was asked for ("translation", "salary data"...).
  std::string topic;
  // kFollowUp: the 1-based item referred to ("the second one" -> 2), -1 for "the last one",
  // 0 when none ("tell me more").
  int ordinal = 0;
};

// Classifies `question`. Pure and deterministic.
DetectedIntent DetectIntent(std::string_view question);

}  // namespace rc::engine::coach

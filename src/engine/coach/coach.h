// The built-in chat coach: answers questions about a session without a language model.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/report.h"
#include "model/session.h"

namespace rc::engine {

class Taxonomy;

// One question with everything the coach may ground its answer in. All pointers and views are
// borrowed for the duration of Answer(); `report` and `history` may be null (treated as an empty
// report and no history).
struct CoachInput {
  std::string_view resume;
  std::string_view job_description;
  const model::Report* report = nullptr;                  // the engine's report for this pair
  const std::vector<model::ChatTurn>* history = nullptr;  // earlier turns, oldest first
  std::string_view question;
};

struct CoachAnswer {
  std::string markdown;  // the answer
  std::string intent;    // which intent answered, e.g. "missing_skills", "fallback_relevant_lines"
};

// Answers chat questions offline from the session's resume, job description, report and
// history. It never states a skill, employer, title or number that is not in those inputs; when a
// question needs a language model or outside knowledge (translation, creative writing, salary
// data, news) it says so and offers what it can do instead.
//
// Intents are detected by keyword and pattern rules (engine/coach/intent.h, docs/coach.md):
// missing skills, qualification and score, improving a section, rewriting a bullet, drafting a
// summary or a cover letter, likely interview questions, where the resume or the job mentions a
// term, what to learn first, follow-ups on the previous answer ("the second one", "tell me
// more"), greetings and thanks; anything else gets the resume and job lines that share the most
// words with the question.
//
// Text quoted from the resume, the job description or the question is escaped so that Markdown
// links, images and HTML in it render as plain text.
class Coach {
 public:
  // `taxonomy` resolves skill names and aliases in questions; it may be null (names are then
  // matched literally against the report).
  explicit Coach(std::shared_ptr<const Taxonomy> taxonomy);

  // Deterministic (same input, same bytes) and thread-safe; never fails: every question gets an
  // answer.
  CoachAnswer Answer(const CoachInput& input) const;

 private:
  std::shared_ptr<const Taxonomy> taxonomy_;
};

}  // namespace rc::engine

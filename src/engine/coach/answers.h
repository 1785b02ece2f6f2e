// The coach's answer builders, one per intent; each returns Markdown grounded in the session.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/coach/facts.h"

namespace rc::engine::coach {

// Every builder is pure and deterministic; text taken from the documents is escaped.

// Missing and partly met requirements, numbered in Gaps() order.
std::string AnswerMissing(const Grounding& g);
// The score, what it is made of and what moves it; `detailed` adds each factor's explanation.
std::string AnswerQualification(const Grounding& g, bool detailed);
// Concrete improvements for one section kind ("" = the whole resume).
std::string AnswerImproveSection(const Grounding& g, std::string_view section);
// Gaps worth learning, in LearnableGaps() order, with related skills the resume already shows.
std::string AnswerLearnFirst(const Grounding& g);
// Met requirements with their best evidence, then other skills the resume shows.
std::string AnswerStrengths(const Grounding& g);
// Met requirements in the order AnswerStrengths() lists them.
std::vector<ReqItem> StrengthItems(const Grounding& g);
// What the job asks for: title, seniority, years, degree, required and preferred requirements.
std::string AnswerJobSummary(const Grounding& g);
// Everything known about one requirement: JD line, status, evidence, related skills, next step.
std::string AnswerRequirementDetail(const Grounding& g, const ReqItem& item);

// A rewrite of `bullet`; when empty, rewrites the weakest bullets of the resume.
std::string AnswerRewrite(const Grounding& g, std::string_view bullet);
// The resume bullets most in need of a rewrite, weakest first (filler, no verb, no number).
std::vector<Line> WeakBullets(const Grounding& g);
// A 2-3 sentence summary built only from the resume's facts and the JD's title.
std::string AnswerDraftSummary(const Grounding& g);
// A cover letter built from the resume's facts and the JD's requirements, with [placeholders]
// where a fact is absent.
std::string AnswerCoverLetter(const Grounding& g);

// Requirements the interview answer asks about, in order: gaps first, then met required skills.
std::vector<ReqItem> InterviewItems(const Grounding& g);
// The interview question a requirement suggests (escaped Markdown, one sentence or two).
std::string InterviewQuestion(const ReqItem& item);
// Likely interview questions from the JD's requirements.
std::string AnswerInterview(const Grounding& g);
// The years of experience the job asks for (overall and per requirement) against the resume's
// dated roles.
std::string AnswerYears(const Grounding& g);
// Where the resume mentions `term`, quoted, or a plain statement that it does not.
std::string AnswerFindInResume(const Grounding& g, std::string_view term);
// What the JD says about `term`, quoted, or a plain statement that it does not mention it.
std::string AnswerFindInJob(const Grounding& g, std::string_view term);
// The resume and JD lines sharing the most (rarer) words with `question`, at most `limit` each.
std::string AnswerRelevantLines(const Grounding& g, std::string_view question, std::size_t limit);

// The "needs a language model" answer for a request of kind `what` ("translation"...).
std::string AnswerNeedsLlm(const Grounding& g, std::string_view what);
std::string AnswerGreeting(const Grounding& g);
std::string AnswerThanks(const Grounding& g);
// The list of things the coach can answer, as Markdown bullets.
std::string Capabilities();

}  // namespace rc::engine::coach

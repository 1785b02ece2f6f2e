// The built-in chat coach: intent dispatch and follow-ups over the session's history.
#include "engine/coach/coach.h"

#include <utility>

#include "engine/coach/answers.h"
#include "engine/coach/intent.h"
#include "engine/taxonomy/taxonomy.h"

namespace rc::engine {
namespace {

using coach::DetectedIntent;
using coach::Grounding;
using coach::Intent;
using coach::ReqItem;

// Answers a detected intent that is not a follow-up.
std::string AnswerIntent(const Grounding& g, const DetectedIntent& d, std::string_view question,
                         std::string* intent_name) {
  *intent_name = coach::IntentName(d.intent);
  switch (d.intent) {
    case Intent::kGreeting:
      return coach::AnswerGreeting(g);
    case Intent::kThanks:
      return coach::AnswerThanks(g);
    case Intent::kHelp:
      return "The built-in coach answers from your resume, the job description and the "
             "analysis. You can ask:\n\n" +
             coach::Capabilities();
    case Intent::kNeedsLlm:
      return coach::AnswerNeedsLlm(g, d.topic);
    case Intent::kMissingSkills:
      return coach::AnswerMissing(g);
    case Intent::kQualification:
      return coach::AnswerQualification(g, false);
    case Intent::kImproveSection:
      return coach::AnswerImproveSection(g, d.topic);
    case Intent::kRewriteBullet:
      return coach::AnswerRewrite(g, d.topic);
    case Intent::kDraftSummary:
      return coach::AnswerDraftSummary(g);
    case Intent::kCoverLetter:
      return coach::AnswerCoverLetter(g);
    case Intent::kInterview:
      return coach::AnswerInterview(g);
    case Intent::kFindInResume:
      return coach::AnswerFindInResume(g, d.topic);
    case Intent::kFindInJob: {
      if (d.topic == "years") return coach::AnswerYears(g);
      ReqItem item = coach::FindRequirement(g, d.topic);
      if (item.req != nullptr) {
        *intent_name = "requirement_detail";
        return coach::AnswerRequirementDetail(g, item);
      }
      return coach::AnswerFindInJob(g, d.topic);
    }
    case Intent::kLearnFirst:
      return coach::AnswerLearnFirst(g);
    case Intent::kStrengths:
      return coach::AnswerStrengths(g);
    case Intent::kJobSummary:
      return coach::AnswerJobSummary(g);
    case Intent::kFollowUp:
    case Intent::kRelevantLines:
      break;
  }
  // A question naming one of the job's requirements gets that requirement's details. Very short
  // names ("R", "Go") must match in their written case to count.
  for (const ReqItem& item : coach::Requirements(g.report)) {
    const std::string& name = item.req->name;
    if (name.empty()) continue;
    bool found = name.size() >= 3 ? coach::ContainsWord(question, name)
                                  : question.find(name) != std::string_view::npos &&
                                        coach::ContainsWord(question, name);
    if (found) {
      *intent_name = "requirement_detail";
      return coach::AnswerRequirementDetail(g, item);
    }
  }
  *intent_name = coach::IntentName(Intent::kRelevantLines);
  return coach::AnswerRelevantLines(g, question, 3);
}

// Picks item `ordinal` (1-based, -1 = last, 0 = first) of `items`; null when out of range.
template <typename T>
const T* Pick(const std::vector<T>& items, int ordinal) {
  if (items.empty()) return nullptr;
  if (ordinal == -1) return &items.back();
  std::size_t index = ordinal <= 0 ? 0 : static_cast<std::size_t>(ordinal - 1);
  return index < items.size() ? &items[index] : nullptr;
}

std::string OutOfRange(std::size_t count) {
  return "The previous answer listed " + std::to_string(count) + (count == 1 ? " item" : " items") +
         "; ask about one of those by number (\"the first one\", \"#2\").\n";
}

// Answers a follow-up by re-reading the last substantive user question in `history`.
std::string AnswerFollowUp(const Grounding& g, const std::vector<model::ChatTurn>* history,
                           int ordinal) {
  std::string previous;
  DetectedIntent prev;
  if (history != nullptr) {
    for (auto it = history->rbegin(); it != history->rend(); ++it) {
      if (it->role != "user") continue;
      DetectedIntent d = coach::DetectIntent(it->content);
      if (d.intent == Intent::kFollowUp || d.intent == Intent::kGreeting ||
          d.intent == Intent::kThanks || d.intent == Intent::kHelp) {
        continue;
      }
      previous = it->content;
      prev = d;
      break;
    }
  }
  if (previous.empty()) {
    return "I am not sure what that refers to: there is no earlier question in this "
           "conversation. You can ask:\n\n" +
           coach::Capabilities();
  }
  switch (prev.intent) {
    case Intent::kMissingSkills:
    case Intent::kLearnFirst:
    case Intent::kStrengths:
    case Intent::kInterview: {
      std::vector<ReqItem> items;
      if (prev.intent == Intent::kMissingSkills) {
        items = coach::Gaps(g);
      } else if (prev.intent == Intent::kLearnFirst) {
        items = coach::LearnableGaps(g);
      } else if (prev.intent == Intent::kStrengths) {
        items = coach::StrengthItems(g);
      } else {
        items = coach::InterviewItems(g);
      }
      const ReqItem* item = Pick(items, ordinal);
      if (item == nullptr) {
        return items.empty() ? "The previous answer had no items to expand on.\n"
                             : OutOfRange(items.size());
      }
      return coach::AnswerRequirementDetail(g, *item);
    }
    case Intent::kQualification:
      return coach::AnswerQualification(g, true);
    case Intent::kRewriteBullet:
    case Intent::kImproveSection: {
      if (prev.intent == Intent::kRewriteBullet && !prev.topic.empty()) {
        return coach::AnswerRewrite(g, prev.topic);
      }
      if (prev.intent == Intent::kImproveSection && prev.topic != "experience" &&
          !prev.topic.empty()) {
        return coach::AnswerImproveSection(g, prev.topic);
      }
      std::vector<coach::Line> weak = coach::WeakBullets(g);
      const coach::Line* line = Pick(weak, ordinal);
      if (line == nullptr) {
        return weak.empty() ? "No weak bullets were listed.\n"
                            : OutOfRange(std::min<std::size_t>(weak.size(), 3));
      }
      return coach::AnswerRewrite(g, line->text);
    }
    case Intent::kFindInResume:
    case Intent::kFindInJob: {
      ReqItem item = coach::FindRequirement(g, prev.topic);
      if (item.req != nullptr) return coach::AnswerRequirementDetail(g, item);
      return prev.intent == Intent::kFindInResume ? coach::AnswerFindInJob(g, prev.topic)
                                                  : coach::AnswerFindInResume(g, prev.topic);
    }
    case Intent::kRelevantLines:
      return coach::AnswerRelevantLines(g, previous, 6);
    default: {
      std::string name;
      return AnswerIntent(g, prev, previous, &name);
    }
  }
}

// Ends every answer with exactly one newline.
CoachAnswer Finish(CoachAnswer answer) {
  std::string& md = answer.markdown;
  while (!md.empty() && (md.back() == '\n' || md.back() == ' ')) md.pop_back();
  md += '\n';
  return answer;
}

}  // namespace

Coach::Coach(std::shared_ptr<const Taxonomy> taxonomy) : taxonomy_(std::move(taxonomy)) {}

CoachAnswer Coach::Answer(const CoachInput& input) const {
  static const model::Report kEmptyReport;
  const model::Report& report = input.report != nullptr ? *input.report : kEmptyReport;
  Grounding g{input.resume, input.job_description, report, taxonomy_.get()};
  DetectedIntent d = coach::DetectIntent(input.question);
  CoachAnswer answer;
  if (d.intent == Intent::kFollowUp) {
    answer.intent = coach::IntentName(Intent::kFollowUp);
    answer.markdown = AnswerFollowUp(g, input.history, d.ordinal);
    return Finish(std::move(answer));
  }
  answer.markdown = AnswerIntent(g, d, input.question, &answer.intent);
  return Finish(std::move(answer));
}

}  // namespace rc::engine

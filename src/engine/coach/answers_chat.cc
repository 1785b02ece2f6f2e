// Conversational answers: greetings, thanks, requests that need a language model, the menu.
#include "engine/coach/answers.h"

namespace rc::engine::coach {
namespace {

std::string ScoreLine(const Grounding& g) {
  if (g.report.job.requirements.empty()) return "";
  return "Your resume scores **" + std::to_string(g.report.score.total) +
         "/100** against this job. ";
}

// Lines of the job description that talk about pay, for salary questions.
std::vector<Line> PayLines(const Grounding& g) {
  std::vector<Line> out;
  for (const Line& l : SplitLines(g.job)) {
    if (ContainsWord(l.text, "salary") || ContainsWord(l.text, "compensation") ||
        ContainsWord(l.text, "pay") || ContainsWord(l.text, "per hour") ||
        l.text.find('$') != std::string_view::npos ||
        l.text.find("\u20ac") != std::string_view::npos ||
        l.text.find("\u00a3") != std::string_view::npos) {
      out.push_back(l);
    }
  }
  return out;
}

}  // namespace

std::string Capabilities() {
  return "- *What am I missing?*\n"
         "- *Am I qualified?* or *Explain my score*\n"
         "- *How can I improve my experience section?* (or summary, skills, education, contact)\n"
         "- *Rewrite this bullet: Responsible for ...*\n"
         "- *Draft a summary* or *Draft a cover letter*\n"
         "- *What interview questions should I expect?*\n"
         "- *Where does my resume show SQL?* or *What does the job say about SQL?*\n"
         "- *What should I learn first?*\n";
}

std::string AnswerNeedsLlm(const Grounding& g, std::string_view what) {
  std::string out = "## That needs a language model\n\n";
  std::string task = "general knowledge questions";
  if (what == "translation") task = "translation";
  if (what == "creative writing") task = "creative writing";
  if (what == "salary data") task = "salary research: it has no salary data";
  if (what == "company information") {
    task = "company research: it knows nothing beyond the job description";
  }
  if (what == "writing code") task = "programming tasks";
  if (what == "proofreading") task = "proofreading: it does not check spelling or grammar";
  out +=
      "The built-in coach works offline and only from your resume, the job description and "
      "the analysis, so it cannot do " +
      task +
      ". When a language model is configured for this server, the chat uses it for requests "
      "like this.\n\n";
  if (what == "salary data") {
    std::vector<Line> pay = PayLines(g);
    if (!pay.empty()) {
      out += "What the job description itself says about pay:\n";
      for (std::size_t i = 0; i < pay.size() && i < 3; ++i) {
        out += "- \u201c" + Quote(pay[i].text, 200) + "\u201d\n";
      }
      out += "\n";
    } else {
      out += "The job description does not mention pay.\n\n";
    }
  }
  if (what == "proofreading") {
    out +=
        "It does run the resume checks (weak phrases, action verbs, pronouns, dates, length): "
        "ask *how can I improve my resume?*\n\n";
  }
  out += "What I can do instead:\n\n" + Capabilities();
  return out;
}

std::string AnswerGreeting(const Grounding& g) {
  return "Hello! I am the built-in coach. I answer from your resume, the job description and "
         "the analysis. " +
         ScoreLine(g) + "You can ask me:\n\n" + Capabilities();
}

std::string AnswerThanks(const Grounding& g) {
  std::string out = "You're welcome.";
  std::vector<ReqItem> gaps = Gaps(g);
  if (!gaps.empty() && gaps.front().req->importance == model::Importance::kRequired) {
    out += " A good next step: the job requires **" + EscapeInline(gaps.front().req->name) +
           "** \u2014 ask *tell me more about " + EscapeInline(gaps.front().req->name) +
           "* if you want to work on it.";
  } else {
    out +=
        " Ask *draft a cover letter* or *what interview questions should I expect?* when you "
        "are ready.";
  }
  return out + "\n";
}

}  // namespace rc::engine::coach

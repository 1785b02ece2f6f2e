// BuiltinAnalyst.
#include "service/builtin_analyst.h"

#include <ctime>
#include <utility>
#include <vector>

#include "codec/report_json.h"
#include "engine/report/markdown.h"
#include "ingest/text_screen.h"

namespace rc::service {

namespace {

model::YearMonth MonthOf(std::int64_t epoch_ms) {
  const std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return model::YearMonth{utc.tm_year + 1900, utc.tm_mon + 1};
}

// Report notes for text in `text` that is addressed to an automated screener or hidden with
// invisible characters. Pasted documents get the same screen uploads get (ingest), so a payload
// is pointed out to the user; it is not removed (the offsets of the report refer to the text as
// given), and it changes nothing in the score.
void AddScreenWarnings(std::string_view text, std::string_view what,
                       std::vector<std::string>& notes) {
  std::vector<ingest::Warning> warnings;
  ingest::FindInstructionLikePhrases(text, what, &warnings);
  std::string hidden;
  (void)ingest::StripInvisibleCharacters(text, what, &warnings, &hidden);
  for (const ingest::Warning& w : warnings) {
    std::string note = "The " + std::string(what) + " contains ";
    if (w.kind == "instruction_like") {
      note += "text addressed to an automated screener (\"" + w.excerpt +
              "\"). The AI coach does not follow it, and recruiters may read it as manipulation.";
    } else if (w.kind == "tag_chars") {
      note += "invisible Unicode tag characters that spell a hidden message (\"" + w.excerpt +
              "\"). Remove them before you send it.";
    } else if (w.kind == "bidi_control") {
      note +=
          "invisible text-direction controls, which can make text read differently than it "
          "looks. Remove them before you send it.";
    } else {
      note +=
          "invisible zero-width characters, which can hide or split words. Remove them "
          "before you send it.";
    }
    notes.push_back(std::move(note));
  }
}

}  // namespace

BuiltinAnalyst::BuiltinAnalyst(std::shared_ptr<const engine::Taxonomy> taxonomy, const Clock* clock)
    : analyzer_(std::move(taxonomy)), clock_(clock) {}

Result<AnalysisOutput> BuiltinAnalyst::Analyze(std::string_view resume,
                                               std::string_view job_description) const {
  engine::Analysis analysis =
      clock_ != nullptr ? analyzer_.Analyze(resume, job_description, MonthOf(clock_->NowMillis()))
                        : analyzer_.Analyze(resume, job_description);
  std::vector<std::string> notes;
  AddScreenWarnings(resume, "resume", notes);
  AddScreenWarnings(job_description, "job description", notes);
  if (!notes.empty()) {
    for (std::string& note : notes) analysis.report.warnings.push_back(std::move(note));
    analysis.markdown = engine::RenderMarkdown(analysis.report);
  }
  AnalysisOutput out;
  out.report_json = codec::ReportToJson(analysis.report);
  out.report = std::move(analysis.report);
  out.markdown = std::move(analysis.markdown);
  return out;
}

}  // namespace rc::service

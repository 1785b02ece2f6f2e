// AnalysisService: the "analyze a resume against a job description" use case. The engine's report
// is the source of facts in both modes; in LLM mode the LLM writes the narrative from it, with
// the built-in analysis as the fallback.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "llm/grounded_answer.h"
#include "service/analyst.h"
#include "service/answer_stream.h"
#include "service/limits.h"
#include "service/llm_coach.h"
#include "service/report_cache.h"
#include "storage/store.h"

namespace rc::service {

// What a successful analysis returns to the caller.
struct AnalyzeResult {
  std::string session_id;
  std::string markdown;
  std::string report_json;
  std::string mode;    // who wrote `markdown`: "builtin" or "llm"
  std::string notice;  // "" or why the built-in analysis is shown in LLM mode
};

// Validates the inputs, runs the analyst (and in LLM mode the LLM), and stores a new session
// holding the inputs, the report and the Markdown. With a `cache`, the new session's report is
// also put there, so the session's first question does not decode it again. Thread-safe; borrows
// its collaborators, which must outlive it and every stream it returned.
//
// In LLM mode the narrative must contain the three required sections (checked by code) and
// loses Markdown images; claims of skills the engine found no evidence for are annotated. Any
// failure — request limits, daily budget, a prompt over the budget, an upstream error, a reply
// without the sections — gives the built-in analysis with a notice saying why.
class AnalysisService {
 public:
  AnalysisService(storage::Store& store, const Analyst& analyst, Limits limits,
                  LlmCoach* llm = nullptr, ReportCache* cache = nullptr)
      : store_(store), analyst_(analyst), limits_(limits), llm_(llm), cache_(cache) {}

  // Blocking: call it from a worker thread (in LLM mode it waits for the whole narrative).
  // InvalidArgument naming the field when a field is empty or not UTF-8; PayloadTooLarge
  // naming the field and the limit when it is too long; otherwise the new session.
  Result<AnalyzeResult> Analyze(std::string_view resume, std::string_view job_description,
                                std::string_view client_ip = "");

  // The same validation and the engine, blocking (worker thread); the narrative then comes from
  // the returned stream, whose report_json() is the engine's report. The session is created when
  // the stream finishes (its id is in StreamEnd::session_id); a cancelled stream creates none.
  Result<std::shared_ptr<AnswerStream>> AnalyzeStream(std::string_view resume,
                                                      std::string_view job_description,
                                                      std::string_view client_ip);

  // "llm" or "builtin".
  std::string_view Mode() const { return llm_ != nullptr ? "llm" : "builtin"; }

 private:
  struct Prepared;
  class LlmStream;

  Result<Prepared> Prepare(std::string_view resume, std::string_view job_description);
  // In LLM mode, admits the request and builds the prompt. nullopt, with prepared.notice saying
  // why in LLM mode, when the built-in analysis must be used.
  std::optional<llm::BuiltPrompt> AdmitLlm(Prepared& prepared, std::string_view client_ip);
  // Chooses the LLM narrative when it is usable, else the built-in one with a notice.
  static void Choose(Prepared& prepared, const llm::GroundedAnswer& answer);
  Result<AnalyzeResult> Create(Prepared prepared);

  storage::Store& store_;
  const Analyst& analyst_;
  Limits limits_;
  LlmCoach* llm_;
  ReportCache* cache_;
};

}  // namespace rc::service

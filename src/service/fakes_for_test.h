// Test doubles for the service seams: an Analyst and a ChatResponder with observable behaviour.
#pragma once

#include <atomic>
#include <string>

#include "service/analyst.h"
#include "service/chat_responder.h"

namespace rc::service {

// Reports the lengths of its inputs, so tests can tell which inputs were analysed.
class FakeAnalyst final : public Analyst {
 public:
  Result<AnalysisOutput> Analyze(std::string_view resume,
                                 std::string_view job_description) const override {
    calls.fetch_add(1);
    if (fail) return InternalError("engine failed");
    AnalysisOutput out;
    out.report.engine_version = "fake";
    out.report.score.total = static_cast<int>(resume.size() % 101);
    out.markdown = "## Qualification Assessment\nresume " + std::to_string(resume.size()) +
                   " bytes, job " + std::to_string(job_description.size()) + " bytes";
    out.report_json = "{\"score\":{\"total\":" + std::to_string(out.report.score.total) + "}}";
    return out;
  }
  mutable std::atomic<int> calls{0};
  bool fail = false;
};

// Echoes the question and reports how much history and which score it was given.
class FakeResponder final : public ChatResponder {
 public:
  Result<ChatReply> Answer(const ChatContext& c) const override {
    ChatReply reply;
    reply.mode = "builtin";
    reply.markdown = "answer to: " + std::string(c.question) + " (history " +
                     std::to_string(c.history ? c.history->size() : 0) + ", score " +
                     std::to_string(c.report ? c.report->score.total : -1) + ")";
    return reply;
  }
  std::string_view Mode() const override { return "builtin"; }
};

}  // namespace rc::service

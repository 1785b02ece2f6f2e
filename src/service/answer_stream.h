// AnswerStream: a prepared analysis or chat answer that is produced over time (LLM mode), and
// the StreamSink through which it reaches the transport (the server's SSE or JSON writer).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace rc::service {

// How a stream ended.
struct StreamEnd {
  // Ok: `markdown` is the final answer (it replaces the streamed text). Otherwise the reason
  // the answer could not be finished.
  Status status;
  std::string markdown;
  std::string mode;        // "llm" or "builtin"
  std::string notice;      // "" or one sentence for the user (e.g. a fallback)
  std::string session_id;  // the new session, for an analysis
  bool partial = false;    // on error: some text was shown and was saved marked incomplete
  bool cancelled = false;  // on error: the transport cancelled the stream
};

// Implemented by the transport. Token may be called from any thread, but calls never overlap;
// Finish is the last call, exactly once.
class StreamSink {
 public:
  virtual ~StreamSink() = default;
  // A piece of the answer: valid UTF-8, never empty.
  virtual void Token(std::string_view text) = 0;
  // Runs `work` on a thread where blocking (storage) is allowed; returns at once.
  virtual void RunBlocking(std::function<void()> work) = 0;
  virtual void Finish(StreamEnd end) = 0;
  // False when the transport shows the user nothing before Finish (a JSON response, not an
  // event stream). Streams then need not send tokens, and treat an answer that fails after
  // some tokens as one that failed before any: no text reached the user.
  virtual bool ShowsTokens() const { return true; }
};

// A request that passed validation and admission. Start() once; Cancel() any time, from any
// thread (Finish still follows, with `cancelled` set, once the work has stopped).
class AnswerStream {
 public:
  virtual ~AnswerStream() = default;
  // The engine's report (JSON) to show before the narrative; "" for chat.
  virtual const std::string& report_json() const = 0;
  // Starts producing into `sink`; returns at once. The stream keeps `sink` until Finish.
  virtual void Start(std::shared_ptr<StreamSink> sink) = 0;
  virtual void Cancel() = 0;
};

// A stream whose end is already known (built-in mode, or a fallback decided before any LLM
// call): Start() finishes it at once. `report_json` is "" for chat.
std::shared_ptr<AnswerStream> FinishedStream(std::string report_json, StreamEnd end);

}  // namespace rc::service

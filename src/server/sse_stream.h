// SSE streams: a service AnswerStream written to the client as Server-Sent Events (the
// "Streaming" section of docs/api.md).
#pragma once

#include <atomic>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "server/body_stream.h"
#include "server/http_message.h"
#include "service/answer_stream.h"

namespace rc::server {

// One event: "event: <name>\ndata: <json on one line>\n\n". Invalid UTF-8 in strings becomes
// U+FFFD, so the data line is always valid JSON.
std::string SseEvent(std::string_view name, const nlohmann::json& data);

// Appends `text` as a JSON string literal (quotes included), byte-identical to nlohmann's
// compact dump; invalid UTF-8 becomes U+FFFD.
void AppendJsonString(std::string& out, std::string_view text);

// True when an Accept header asks for text/event-stream.
bool WantsEventStream(std::string_view accept);

// Which endpoint a stream answers; it decides the `done` event's fields.
enum class SseKind {
  kAnalysis,  // report first; done: {"analysis", "sessionId", "mode", "notice"}
  kChat,      // done: {"answer", "mode", "notice"}
};

// What the SSE and JSON adapters of an AnswerStream share: Stop records why and cancels the
// answer; the sink reads the reason when the answer ends (StoppedForShutdown).
class AnswerBodyStream : public BodyStream {
 public:
  AnswerBodyStream(std::shared_ptr<service::AnswerStream> answer, SseKind kind)
      : answer_(std::move(answer)), kind_(kind) {}
  void Stop(StopReason reason) override;

 protected:
  std::shared_ptr<service::AnswerStream> answer_;
  SseKind kind_;
  std::shared_ptr<std::atomic<int>> stop_reason_ = std::make_shared<std::atomic<int>>(-1);
};

// True when `end` was cancelled because the server is shutting down (`stop_reason` as recorded
// by AnswerBodyStream::Stop); such an answer tells the user the server is restarting.
bool StoppedForShutdown(const service::StreamEnd& end, const std::atomic<int>& stop_reason);
inline constexpr std::string_view kRestartingMessage =
    "the server is restarting; ask again in a moment";

// Adapts `answer` to a BodyStream: `report` (analysis only), `token`..., then `done` or `error`.
std::shared_ptr<BodyStream> MakeSseStream(std::shared_ptr<service::AnswerStream> answer,
                                          SseKind kind);

// The response head for an event stream (200, text/event-stream, no-store, no proxy
// buffering) with `stream` as its body.
HttpResponse SseResponse(std::shared_ptr<BodyStream> stream);

}  // namespace rc::server

// SSE streams.
#include "server/sse_stream.h"

#include <atomic>
#include <nlohmann/json.hpp>
#include <utility>

#include "base/ascii.h"
#include "base/utf8.h"
#include "server/http_message.h"

namespace rc::server {
namespace {

class SseSink final : public service::StreamSink {
 public:
  SseSink(std::shared_ptr<BodyWriter> writer, SseKind kind,
          std::shared_ptr<std::atomic<int>> stop_reason)
      : writer_(std::move(writer)), kind_(kind), stop_reason_(std::move(stop_reason)) {}

  // The hot path of a stream: the event is built in a buffer reused from token to token (Token
  // calls never overlap: they come from the one stream), the text escaped in place.
  void Token(std::string_view text) override {
    event_.clear();
    event_ += "event: token\ndata: {\"text\":";
    AppendJsonString(event_, text);
    event_ += "}\n\n";
    writer_->Write(event_);
  }

  void RunBlocking(std::function<void()> work) override { writer_->RunBlocking(std::move(work)); }

  void Finish(service::StreamEnd end) override {
    if (end.status.ok()) {
      nlohmann::json done;
      if (kind_ == SseKind::kAnalysis) {
        done = {{"analysis", end.markdown}, {"sessionId", end.session_id}};
      } else {
        done = {{"answer", end.markdown}};
      }
      done["mode"] = end.mode;
      done["notice"] = end.notice;
      writer_->Write(SseEvent("done", done));
    } else {
      std::string_view code = StatusCodeName(end.status.code());
      std::string message = end.status.message();
      if (end.status.code() == StatusCode::kInternal) message = "internal error";
      if (StoppedForShutdown(end, *stop_reason_)) {
        code = StatusCodeName(StatusCode::kUnavailable);
        message = std::string(kRestartingMessage);
      }
      writer_->Write(
          SseEvent("error", {{"code", code}, {"message", message}, {"partial", end.partial}}));
    }
    writer_->Close();
  }

 private:
  std::shared_ptr<BodyWriter> writer_;
  std::string event_;  // the token event being built
  SseKind kind_;
  std::shared_ptr<std::atomic<int>> stop_reason_;
};

class SseStream final : public AnswerBodyStream {
 public:
  using AnswerBodyStream::AnswerBodyStream;

  void Start(std::shared_ptr<BodyWriter> writer) override {
    if (kind_ == SseKind::kAnalysis) {
      // The report is already JSON: splice it in rather than parse and re-encode it.
      writer->Write("event: report\ndata: {\"report\":" + answer_->report_json() + "}\n\n");
    }
    answer_->Start(std::make_shared<SseSink>(std::move(writer), kind_, stop_reason_));
  }
};

}  // namespace

void AnswerBodyStream::Stop(StopReason reason) {
  stop_reason_->store(static_cast<int>(reason));
  answer_->Cancel();
}

bool StoppedForShutdown(const service::StreamEnd& end, const std::atomic<int>& stop_reason) {
  return end.cancelled && stop_reason.load() == static_cast<int>(StopReason::kShutdown);
}

void AppendJsonString(std::string& out, std::string_view text) {
  if (FindInvalidUtf8(text).has_value()) {
    out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out.push_back(kHex[u >> 4]);
          out.push_back(kHex[u & 0xF]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

std::string SseEvent(std::string_view name, const nlohmann::json& data) {
  std::string out = "event: ";
  out += name;
  out += "\ndata: ";
  out += data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out += "\n\n";
  return out;
}

bool WantsEventStream(std::string_view accept) {
  // Media types are case-insensitive; parameters (";q=...") do not matter here.
  return AsciiLower(accept).find("text/event-stream") != std::string::npos;
}

std::shared_ptr<BodyStream> MakeSseStream(std::shared_ptr<service::AnswerStream> answer,
                                          SseKind kind) {
  return std::make_shared<SseStream>(std::move(answer), kind);
}

HttpResponse SseResponse(std::shared_ptr<BodyStream> stream) {
  HttpResponse res;
  res.status = 200;
  res.headers.Set("content-type", "text/event-stream; charset=utf-8");
  res.headers.Set("cache-control", "no-store");
  res.headers.Set("x-accel-buffering", "no");
  res.stream = std::move(stream);
  res.close = true;
  return res;
}

}  // namespace rc::server

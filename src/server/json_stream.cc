// JSON answers from a service AnswerStream.
#include "server/json_stream.h"

#include <atomic>
#include <nlohmann/json.hpp>
#include <utility>

#include "server/http_error.h"
#include "server/json_codec.h"

namespace rc::server {
namespace {

constexpr std::string_view kJsonType = "application/json; charset=utf-8";

class JsonSink final : public service::StreamSink {
 public:
  JsonSink(std::shared_ptr<BodyWriter> writer, SseKind kind, std::string report_json,
           std::shared_ptr<std::atomic<int>> stop_reason)
      : writer_(std::move(writer)),
        kind_(kind),
        report_json_(std::move(report_json)),
        stop_reason_(std::move(stop_reason)) {}

  void Token(std::string_view) override {}
  bool ShowsTokens() const override { return false; }
  void RunBlocking(std::function<void()> work) override { writer_->RunBlocking(std::move(work)); }

  void Finish(service::StreamEnd end) override {
    if (!end.status.ok() && StoppedForShutdown(end, *stop_reason_)) {
      end.status = UnavailableError(std::string(kRestartingMessage));
    }
    HttpResponse res = JsonAnswerResponse(kind_, end, report_json_);
    writer_->SetStatus(res.status);
    for (const auto& [name, value] : res.headers.fields()) writer_->SetHeader(name, value);
    writer_->Write(res.body);
    writer_->Close();
  }

 private:
  std::shared_ptr<BodyWriter> writer_;
  SseKind kind_;
  std::string report_json_;
  std::shared_ptr<std::atomic<int>> stop_reason_;
};

class JsonStream final : public AnswerBodyStream {
 public:
  using AnswerBodyStream::AnswerBodyStream;

  void Start(std::shared_ptr<BodyWriter> writer) override {
    std::string report_json = kind_ == SseKind::kAnalysis ? answer_->report_json() : "";
    answer_->Start(
        std::make_shared<JsonSink>(std::move(writer), kind_, std::move(report_json), stop_reason_));
  }
};

}  // namespace

HttpResponse JsonAnswerResponse(SseKind kind, const service::StreamEnd& end,
                                std::string_view report_json) {
  if (!end.status.ok()) return ErrorResponse(end.status);
  HttpResponse res;
  res.status = 200;
  res.headers.Set("content-type", kJsonType);
  if (kind == SseKind::kAnalysis) {
    res.body = AnalyzeResponseBody(end.markdown, end.session_id, report_json, end.mode, end.notice);
  } else {
    res.body = DumpJson({{"answer", end.markdown}, {"mode", end.mode}, {"notice", end.notice}});
  }
  return res;
}

std::shared_ptr<BodyStream> MakeJsonStream(std::shared_ptr<service::AnswerStream> answer,
                                           SseKind kind) {
  return std::make_shared<JsonStream>(std::move(answer), kind);
}

HttpResponse JsonStreamResponse(std::shared_ptr<BodyStream> stream) {
  HttpResponse res;
  res.status = 200;
  res.headers.Set("content-type", kJsonType);
  res.stream = std::move(stream);
  res.buffered = true;
  res.close = true;
  return res;
}

}  // namespace rc::server

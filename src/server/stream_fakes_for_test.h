// Test doubles for the answer adapters (sse_stream, json_stream): a BodyWriter that records what
// it is given and an AnswerStream that plays a script when the test says so.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/body_stream.h"
#include "server/http_message.h"
#include "service/answer_stream.h"

namespace rc::server::testing {

// Records what the adapter writes (each piece, and all of them joined); runs blocking work
// inline.
class RecordingWriter final : public BodyWriter {
 public:
  void Write(std::string_view bytes) override {
    writes.emplace_back(bytes);
    body += bytes;
  }
  void Close() override { closes += 1; }
  void RunBlocking(std::function<void()> work) override { work(); }
  void SetStatus(int s) override { status = s; }
  void SetHeader(std::string_view name, std::string_view value) override {
    headers.Set(name, value);
  }
  std::vector<std::string> writes;
  std::string body;
  int closes = 0;
  int status = 0;
  HeaderList headers;
};

// Plays fixed tokens and a fixed end when the test calls Play() (e.g. after a Stop). Cancel()
// counts, and marks the end cancelled as a real stream's would be.
class ScriptedAnswerStream final : public service::AnswerStream {
 public:
  ScriptedAnswerStream(std::string report_json, std::vector<std::string> tokens,
                       service::StreamEnd end)
      : report_json_(std::move(report_json)), tokens_(std::move(tokens)), end_(std::move(end)) {}
  const std::string& report_json() const override { return report_json_; }
  void Start(std::shared_ptr<service::StreamSink> sink) override { sink_ = std::move(sink); }
  void Cancel() override {
    cancels += 1;
    end_.cancelled = true;
  }
  void Play() {
    for (const std::string& t : tokens_) sink_->Token(t);
    sink_->RunBlocking([this] { sink_->Finish(end_); });
  }
  bool sink_shows_tokens() const { return sink_->ShowsTokens(); }
  int cancels = 0;

 private:
  std::string report_json_;
  std::vector<std::string> tokens_;
  service::StreamEnd end_;
  std::shared_ptr<service::StreamSink> sink_;
};

}  // namespace rc::server::testing

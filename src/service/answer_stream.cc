// AnswerStream helpers.
#include "service/answer_stream.h"

#include <utility>

namespace rc::service {
namespace {

class Finished final : public AnswerStream {
 public:
  Finished(std::string report_json, StreamEnd end)
      : report_json_(std::move(report_json)), end_(std::move(end)) {}
  const std::string& report_json() const override { return report_json_; }
  void Start(std::shared_ptr<StreamSink> sink) override { sink->Finish(std::move(end_)); }
  void Cancel() override {}

 private:
  std::string report_json_;
  StreamEnd end_;
};

}  // namespace

std::shared_ptr<AnswerStream> FinishedStream(std::string report_json, StreamEnd end) {
  return std::make_shared<Finished>(std::move(report_json), std::move(end));
}

}  // namespace rc::service

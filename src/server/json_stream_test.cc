// Tests for the JSON adapter: the response a finished answer gives (status, headers, body) for
// success and each error kind, that it equals the blocking handlers' response, and stops.
#include "server/json_stream.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/http_error.h"
#include "server/stream_fakes_for_test.h"

namespace rc::server {
namespace {

using testing::RecordingWriter;
using testing::ScriptedAnswerStream;

struct Played {
  std::shared_ptr<RecordingWriter> writer = std::make_shared<RecordingWriter>();
  std::shared_ptr<ScriptedAnswerStream> answer;
  std::shared_ptr<BodyStream> stream;
};

Played PlayJson(SseKind kind, service::StreamEnd end, std::string report_json = "",
                std::optional<StopReason> stop = std::nullopt) {
  Played p;
  p.answer = std::make_shared<ScriptedAnswerStream>(
      std::move(report_json), std::vector<std::string>{"tok1 ", "tok2"}, std::move(end));
  p.stream = MakeJsonStream(p.answer, kind);
  p.stream->Start(p.writer);
  if (stop) p.stream->Stop(*stop);
  p.answer->Play();
  return p;
}

service::StreamEnd Ok(std::string markdown, std::string mode, std::string notice = "") {
  service::StreamEnd end;
  end.markdown = std::move(markdown);
  end.mode = std::move(mode);
  end.notice = std::move(notice);
  return end;
}

service::StreamEnd Failed(Status status) {
  service::StreamEnd end;
  end.status = std::move(status);
  return end;
}

TEST(ServerJsonStream, ChatSuccessIsTheAnswerAloneWithoutTokens) {
  const Played p = PlayJson(SseKind::kChat, Ok("Learn \"Go\"\nfirst.", "llm"));
  EXPECT_FALSE(p.answer->sink_shows_tokens());
  EXPECT_EQ(p.writer->closes, 1);
  EXPECT_EQ(p.writer->status, 200);
  EXPECT_EQ(p.writer->headers.Get("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(p.writer->body, R"({"answer":"Learn \"Go\"\nfirst.","mode":"llm","notice":""})");
}

TEST(ServerJsonStream, ChatFallbackCarriesModeAndNotice) {
  const Played p =
      PlayJson(SseKind::kChat, Ok("Built-in.", "builtin", "The AI coach is unavailable."));
  EXPECT_EQ(p.writer->status, 200);
  EXPECT_EQ(p.writer->body,
            R"({"answer":"Built-in.","mode":"builtin","notice":"The AI coach is unavailable."})");
}

TEST(ServerJsonStream, AnalysisSuccessSplicesTheReportAndNamesTheSession) {
  service::StreamEnd end = Ok("## Qualification Assessment", "llm");
  end.session_id = "abc";
  const Played p = PlayJson(SseKind::kAnalysis, end, R"({"score":{"total":9}})");
  EXPECT_EQ(p.writer->status, 200);
  EXPECT_EQ(p.writer->body,
            R"({"analysis":"## Qualification Assessment","sessionId":"abc","mode":"llm",)"
            R"("notice":"","report":{"score":{"total":9}}})");
}

TEST(ServerJsonStream, EachErrorKindGivesTheBlockingFormsErrorResponse) {
  const std::vector<std::pair<Status, int>> cases = {
      {NotFoundError("session not found"), 404},
      {InvalidArgumentError("question is required"), 400},
      {ResourceExhaustedError("too many questions in this session").WithRetryAfter(2500), 429},
      {UnavailableError("storage is unavailable"), 503},
      {DeadlineExceededError("the AI service timed out"), 504},
      {InternalError("disk on fire"), 500},
  };
  for (const auto& [status, http] : cases) {
    SCOPED_TRACE(status.ToString());
    const Played p = PlayJson(SseKind::kChat, Failed(status));
    const HttpResponse expected = ErrorResponse(status);
    EXPECT_EQ(p.writer->status, http);
    EXPECT_EQ(p.writer->status, expected.status);
    EXPECT_EQ(p.writer->body, expected.body);
    EXPECT_EQ(p.writer->headers.fields(), expected.headers.fields());
    EXPECT_EQ(p.writer->closes, 1);
  }
}

TEST(ServerJsonStream, TooManyRequestsSaysWhenToRetry) {
  const Played p =
      PlayJson(SseKind::kChat, Failed(ResourceExhaustedError("too many").WithRetryAfter(2500)));
  EXPECT_EQ(p.writer->status, 429);
  EXPECT_EQ(p.writer->headers.Get("retry-after"), "3");
  EXPECT_EQ(p.writer->body, R"({"error":{"code":"RESOURCE_EXHAUSTED","message":"too many"}})");
}

TEST(ServerJsonStream, InternalErrorsKeepTheirDetailsOffTheWire) {
  const Played p = PlayJson(SseKind::kAnalysis, Failed(InternalError("sqlite: disk I/O error")));
  EXPECT_EQ(p.writer->status, 500);
  EXPECT_EQ(p.writer->body, R"({"error":{"code":"INTERNAL","message":"internal error"}})");
}

TEST(ServerJsonStream, StopCancelsTheAnswerAndShutdownSaysRestarting) {
  service::StreamEnd end = Failed(Status(StatusCode::kUnavailable, "cancelled"));
  const Played p = PlayJson(SseKind::kChat, end, "", StopReason::kShutdown);
  EXPECT_EQ(p.answer->cancels, 1);
  EXPECT_EQ(p.writer->status, 503);
  EXPECT_EQ(p.writer->headers.Get("retry-after"), "1");
  EXPECT_NE(p.writer->body.find("restarting"), std::string::npos) << p.writer->body;

  // A client that left gets no such message (nobody reads it), but the stream still closes.
  const Played gone = PlayJson(SseKind::kChat, end, "", StopReason::kClientGone);
  EXPECT_EQ(gone.answer->cancels, 1);
  EXPECT_EQ(gone.writer->closes, 1);
  EXPECT_EQ(gone.writer->body.find("restarting"), std::string::npos) << gone.writer->body;
}

TEST(ServerJsonStream, TheResponseHeadIsBufferedJsonThatCloses) {
  const HttpResponse res = JsonStreamResponse(MakeJsonStream(
      std::make_shared<ScriptedAnswerStream>("", std::vector<std::string>{}, Ok("a", "llm")),
      SseKind::kChat));
  EXPECT_TRUE(res.buffered);
  EXPECT_TRUE(res.close);
  ASSERT_NE(res.stream, nullptr);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.headers.Get("content-type"), "application/json; charset=utf-8");
}

}  // namespace
}  // namespace rc::server

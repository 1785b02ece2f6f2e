// Tests for the SSE adapter: event framing, the event sequence per endpoint, errors and stops.
#include "server/sse_stream.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server/stream_fakes_for_test.h"

namespace rc::server {
namespace {

using testing::RecordingWriter;
using testing::ScriptedAnswerStream;

// Splits "event: x\ndata: {...}\n\n" into its name and parsed data.
std::pair<std::string, nlohmann::json> Parse(const std::string& event) {
  EXPECT_TRUE(event.starts_with("event: ")) << event;
  EXPECT_TRUE(event.ends_with("\n\n")) << event;
  const std::size_t nl = event.find('\n');
  const std::string name = event.substr(7, nl - 7);
  const std::string data_line = event.substr(nl + 1, event.size() - nl - 3);
  EXPECT_TRUE(data_line.starts_with("data: ")) << event;
  EXPECT_EQ(data_line.find('\n'), std::string::npos) << "one data line per event";
  return {name, nlohmann::json::parse(data_line.substr(6))};
}

TEST(SseEvent, EncodesDataAsOneLineOfJson) {
  const std::string e = SseEvent("token", {{"text", "line one\nline two\r\n: not a comment"}});
  EXPECT_EQ(e, "event: token\ndata: {\"text\":\"line one\\nline two\\r\\n: not a comment\"}\n\n");
}

TEST(SseEvent, ReplacesInvalidUtf8) {
  const auto [name, data] = Parse(SseEvent("token", {{"text", std::string("a\xff"
                                                                          "b")}}));
  EXPECT_EQ(name, "token");
  EXPECT_EQ(data["text"],
            "a\xEF\xBF\xBD"
            "b");
}

TEST(AppendJsonString, MatchesTheJsonLibrarysEncodingByteForByte) {
  std::vector<std::string> samples = {"",
                                      "plain",
                                      "quote \" and \\ backslash",
                                      "caf\xC3\xA9 \xE2\x9C\x93",
                                      "emoji \xF0\x9F\x9A\x80",
                                      std::string("bad \xff byte"),
                                      "</script>"};
  std::string controls;
  for (int c = 0; c < 0x80; ++c) controls.push_back(static_cast<char>(c));
  samples.push_back(controls);
  for (const std::string& text : samples) {
    std::string ours;
    AppendJsonString(ours, text);
    EXPECT_EQ(ours,
              nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        << text;
  }
}

TEST(WantsEventStream, MatchesTheMediaTypeInAnyCaseAndList) {
  EXPECT_TRUE(WantsEventStream("text/event-stream"));
  EXPECT_TRUE(WantsEventStream("application/json, Text/Event-Stream;q=0.9"));
  EXPECT_FALSE(WantsEventStream(""));
  EXPECT_FALSE(WantsEventStream("application/json"));
  EXPECT_FALSE(WantsEventStream("*/*"));
}

TEST(SseStream, AnalysisSendsTheReportThenTokensThenDone) {
  service::StreamEnd end;
  end.markdown = "## Final";
  end.mode = "llm";
  end.session_id = "sid";
  auto answer = std::make_shared<ScriptedAnswerStream>(R"({"score":{"total":7}})",
                                                       std::vector<std::string>{"## ", "Fin"}, end);
  auto writer = std::make_shared<RecordingWriter>();
  MakeSseStream(answer, SseKind::kAnalysis)->Start(writer);
  answer->Play();
  ASSERT_EQ(writer->writes.size(), 4u);
  auto [n0, d0] = Parse(writer->writes[0]);
  EXPECT_EQ(n0, "report");
  EXPECT_EQ(d0["report"]["score"]["total"], 7);
  EXPECT_EQ(Parse(writer->writes[1]).second["text"], "## ");
  EXPECT_EQ(Parse(writer->writes[2]).second["text"], "Fin");
  auto [n3, d3] = Parse(writer->writes[3]);
  EXPECT_EQ(n3, "done");
  EXPECT_EQ(d3, nlohmann::json::parse(
                    R"({"analysis":"## Final","sessionId":"sid","mode":"llm","notice":""})"));
  EXPECT_EQ(writer->closes, 1);
}

TEST(SseStream, ChatDoneCarriesTheAnswerModeAndNotice) {
  service::StreamEnd end;
  end.markdown = "built-in text";
  end.mode = "builtin";
  end.notice = "The AI coach is unavailable.";
  auto answer = std::make_shared<ScriptedAnswerStream>("", std::vector<std::string>{}, end);
  auto writer = std::make_shared<RecordingWriter>();
  MakeSseStream(answer, SseKind::kChat)->Start(writer);
  answer->Play();
  ASSERT_EQ(writer->writes.size(), 1u);
  auto [name, data] = Parse(writer->writes[0]);
  EXPECT_EQ(name, "done");
  EXPECT_EQ(
      data,
      nlohmann::json::parse(
          R"({"answer":"built-in text","mode":"builtin","notice":"The AI coach is unavailable."})"));
}

TEST(SseStream, AFailureEndsWithAnErrorEventThatSaysWhetherTextWasKept) {
  service::StreamEnd end;
  end.status = UnavailableError("the AI service timed out");
  end.partial = true;
  auto answer = std::make_shared<ScriptedAnswerStream>("", std::vector<std::string>{"Half"}, end);
  auto writer = std::make_shared<RecordingWriter>();
  MakeSseStream(answer, SseKind::kChat)->Start(writer);
  answer->Play();
  ASSERT_EQ(writer->writes.size(), 2u);
  auto [name, data] = Parse(writer->writes[1]);
  EXPECT_EQ(name, "error");
  EXPECT_EQ(data,
            nlohmann::json::parse(
                R"({"code":"UNAVAILABLE","message":"the AI service timed out","partial":true})"));
  EXPECT_EQ(writer->closes, 1);
}

TEST(SseStream, InternalErrorsDoNotLeakDetails) {
  service::StreamEnd end;
  end.status = InternalError("sqlite: disk I/O error at /var/lib/x");
  auto answer = std::make_shared<ScriptedAnswerStream>("", std::vector<std::string>{}, end);
  auto writer = std::make_shared<RecordingWriter>();
  MakeSseStream(answer, SseKind::kChat)->Start(writer);
  answer->Play();
  EXPECT_EQ(Parse(writer->writes[0]).second["message"], "internal error");
}

TEST(SseStream, StopCancelsTheAnswerAndAShutdownSaysTheServerIsRestarting) {
  service::StreamEnd end;
  end.status = UnavailableError("the request was cancelled");
  end.cancelled = true;
  end.partial = true;
  auto answer = std::make_shared<ScriptedAnswerStream>("", std::vector<std::string>{"a"}, end);
  auto writer = std::make_shared<RecordingWriter>();
  std::shared_ptr<BodyStream> stream = MakeSseStream(answer, SseKind::kChat);
  stream->Start(writer);
  stream->Stop(StopReason::kShutdown);
  EXPECT_EQ(answer->cancels, 1);
  answer->Play();
  auto [name, data] = Parse(writer->writes.back());
  EXPECT_EQ(name, "error");
  EXPECT_EQ(data["message"], "the server is restarting; ask again in a moment");
  EXPECT_EQ(data["partial"], true);
}

TEST(SseStream, AClientThatLeftGetsTheCancellationAsIs) {
  service::StreamEnd end;
  end.status = UnavailableError("the request was cancelled");
  end.cancelled = true;
  auto answer = std::make_shared<ScriptedAnswerStream>("", std::vector<std::string>{}, end);
  auto writer = std::make_shared<RecordingWriter>();
  std::shared_ptr<BodyStream> stream = MakeSseStream(answer, SseKind::kChat);
  stream->Start(writer);
  stream->Stop(StopReason::kClientGone);
  answer->Play();
  EXPECT_EQ(Parse(writer->writes.back()).second["message"], "the request was cancelled");
}

TEST(SseResponse, HasTheStreamingHeadersAndClosesTheConnection) {
  auto answer =
      std::make_shared<ScriptedAnswerStream>("", std::vector<std::string>{}, service::StreamEnd{});
  const HttpResponse res = SseResponse(MakeSseStream(answer, SseKind::kChat));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.headers.Get("content-type"), "text/event-stream; charset=utf-8");
  EXPECT_EQ(res.headers.Get("cache-control"), "no-store");
  EXPECT_EQ(res.headers.Get("x-accel-buffering"), "no");
  EXPECT_TRUE(res.close);
  EXPECT_NE(res.stream, nullptr);
}

}  // namespace
}  // namespace rc::server

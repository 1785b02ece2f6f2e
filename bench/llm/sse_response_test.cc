// Tests of SseResponse, the relay benchmark's response reader: if it miscounted events, the
// benchmark's figures would be wrong.
#include "bench/llm/sse_response.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace rc::bench {
namespace {

std::string Chunk(const std::string& payload) {
  char size[16];
  std::snprintf(size, sizeof size, "%zx", payload.size());
  return std::string(size) + "\r\n" + payload + "\r\n";
}

const std::string kHead =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

std::vector<SseEvent> FeedAll(SseResponse& r, const std::string& bytes, std::size_t piece) {
  std::vector<SseEvent> events;
  for (std::size_t i = 0; i < bytes.size(); i += piece) {
    EXPECT_TRUE(r.Feed(std::string_view(bytes).substr(i, piece),
                       [&](const SseEvent& e) { events.push_back(e); }));
  }
  return events;
}

TEST(SseResponseTest, ChunkedEventsSplitAnywhere) {
  const std::string body =
      Chunk("event: token\ndata: {\"text\":\"a\"}\n\n: keep-alive\n\nevent: to") +
      Chunk("ken\ndata: {\"text\":\"b\"}\n\n") +
      Chunk("event: done\ndata: {\"answer\":\"ab\"}\n\n") + "0\r\n\r\n";
  for (const std::size_t piece : {std::size_t{1}, std::size_t{7}, body.size() + kHead.size()}) {
    SseResponse r;
    const std::vector<SseEvent> events = FeedAll(r, kHead + body, piece);
    EXPECT_EQ(r.status(), 200);
    EXPECT_TRUE(r.complete()) << piece;
    ASSERT_EQ(events.size(), 3u) << piece;
    EXPECT_EQ(events[0].name, "token");
    EXPECT_EQ(events[0].data, "{\"text\":\"a\"}");
    EXPECT_EQ(events[1].name, "token");
    EXPECT_EQ(events[1].data, "{\"text\":\"b\"}");
    EXPECT_EQ(events[2].name, "done");
  }
}

TEST(SseResponseTest, CrlfLinesMultiLineDataAndUnnamedEvents) {
  SseResponse r;
  const std::vector<SseEvent> events = FeedAll(
      r, kHead + Chunk("data: one\r\ndata: two\r\n\r\ndata: [DONE]\r\n\r\n") + "0\r\n\r\n", 3);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].name, "");
  EXPECT_EQ(events[0].data, "one\ntwo");
  EXPECT_EQ(events[1].data, "[DONE]");
  EXPECT_TRUE(r.complete());
}

TEST(SseResponseTest, ErrorResponseKeepsItsBodyAndYieldsNoEvents) {
  SseResponse r;
  const std::string body = R"({"error":{"code":"RESOURCE_EXHAUSTED"}})";
  const std::string raw =
      "HTTP/1.1 429 Too Many Requests\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n" + body;
  const std::vector<SseEvent> events = FeedAll(r, raw, 5);
  EXPECT_TRUE(events.empty());
  EXPECT_EQ(r.status(), 429);
  EXPECT_EQ(r.error_body(), body);
  EXPECT_TRUE(r.complete());
}

TEST(SseResponseTest, UnfinishedBodyIsNotComplete) {
  SseResponse r;
  FeedAll(r, kHead + Chunk("event: token\ndata: {}\n\n"), 4);
  EXPECT_EQ(r.status(), 200);
  EXPECT_FALSE(r.complete());
  EXPECT_FALSE(r.failed());
}

TEST(SseResponseTest, BadFramingFails) {
  SseResponse bad_status;
  EXPECT_FALSE(bad_status.Feed("SSH-2.0-OpenSSH\r\n\r\n", [](const SseEvent&) {}));
  EXPECT_TRUE(bad_status.failed());

  SseResponse bad_chunk;
  EXPECT_FALSE(bad_chunk.Feed(kHead + "zz\r\nhello\r\n", [](const SseEvent&) {}));
  EXPECT_TRUE(bad_chunk.failed());
}

}  // namespace
}  // namespace rc::bench

// Tests for the incremental server-sent-events parser.
#include "llm/sse_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace rc::llm {
namespace {

std::vector<SseEvent> ParseAll(std::string_view stream) {
  SseParser parser;
  std::vector<SseEvent> events;
  EXPECT_TRUE(parser.Feed(stream, events).ok());
  return events;
}

// Feeds the stream one byte at a time.
std::vector<SseEvent> ParseBytewise(std::string_view stream) {
  SseParser parser;
  std::vector<SseEvent> events;
  for (char c : stream) EXPECT_TRUE(parser.Feed(std::string_view(&c, 1), events).ok());
  return events;
}

TEST(SseParserTest, ParsesDataEvents) {
  const auto events = ParseAll("data: {\"a\":1}\n\ndata: [DONE]\n\n");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].data, "{\"a\":1}");
  EXPECT_EQ(events[0].type, "message");
  EXPECT_EQ(events[1].data, "[DONE]");
}

TEST(SseParserTest, HandlesCrLfAndBareCr) {
  EXPECT_EQ(ParseAll("data: x\r\n\r\ndata: y\r\rdata: z\n\n"),
            (std::vector<SseEvent>{{"message", "x"}, {"message", "y"}, {"message", "z"}}));
}

TEST(SseParserTest, IgnoresCommentsAndUnknownFields) {
  const auto events = ParseAll(": keep-alive\n\nid: 7\nretry: 100\nfoo: bar\ndata: x\n\n:\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "x");
}

TEST(SseParserTest, JoinsMultipleDataLinesAndReadsEventType) {
  const auto events = ParseAll("event: error\ndata: line1\ndata:line2\ndata\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "error");
  EXPECT_EQ(events[0].data, "line1\nline2\n");
}

TEST(SseParserTest, EventWithoutTerminatingBlankLineIsNotDispatched) {
  SseParser parser;
  std::vector<SseEvent> events;
  ASSERT_TRUE(parser.Feed("data: complete\n\ndata: partial\n", events).ok());
  EXPECT_EQ(events.size(), 1u);
  EXPECT_TRUE(parser.HasPartialEvent());
}

TEST(SseParserTest, NoPartialEventAfterCleanEnd) {
  SseParser parser;
  std::vector<SseEvent> events;
  ASSERT_TRUE(parser.Feed("data: a\n\n", events).ok());
  EXPECT_FALSE(parser.HasPartialEvent());
}

TEST(SseParserTest, AnySplitGivesTheSameEvents) {
  // Multibyte UTF-8 (2, 3 and 4 bytes), CRLF, comments and a leading BOM.
  const std::string stream =
      "\xEF\xBB\xBF: hi\r\ndata: {\"c\":\"caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC "
      "\xF0\x9F\x9A\x80\"}\r\n\r\ndata: [DONE]\r\n\r\n";
  const auto whole = ParseAll(stream);
  ASSERT_EQ(whole.size(), 2u);
  EXPECT_EQ(whole[0].data, "{\"c\":\"caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x9A\x80\"}");
  EXPECT_EQ(ParseBytewise(stream), whole);
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    SseParser parser;
    std::vector<SseEvent> events;
    ASSERT_TRUE(parser.Feed(std::string_view(stream).substr(0, cut), events).ok());
    ASSERT_TRUE(parser.Feed(std::string_view(stream).substr(cut), events).ok());
    EXPECT_EQ(events, whole) << "split at " << cut;
  }
}

TEST(SseParserTest, RandomPiecesOfALongStreamGiveTheSameEvents) {
  std::string stream;
  for (int i = 0; i < 200; ++i) {
    stream += (i % 7 == 0) ? ": ping\r\n" : "";
    stream +=
        "data: {\"i\":" + std::to_string(i) + ",\"t\":\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"}";
    stream += (i % 2 == 0) ? "\r\n\r\n" : "\n\n";
  }
  const auto whole = ParseAll(stream);
  ASSERT_EQ(whole.size(), 200u);
  std::mt19937 rng(42);
  for (int round = 0; round < 50; ++round) {
    SseParser parser;
    std::vector<SseEvent> events;
    std::size_t pos = 0;
    while (pos < stream.size()) {
      const std::size_t n = std::min<std::size_t>(1 + rng() % 40, stream.size() - pos);
      ASSERT_TRUE(parser.Feed(std::string_view(stream).substr(pos, n), events).ok());
      pos += n;
    }
    ASSERT_EQ(events, whole) << "round " << round;
    EXPECT_FALSE(parser.HasPartialEvent());
  }
}

TEST(SseParserTest, OversizedEventFails) {
  SseParser parser(64);
  std::vector<SseEvent> events;
  const std::string big = "data: " + std::string(100, 'x');
  Status s = parser.Feed(big, events);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(parser.Feed("\n\n", events).ok());
}

TEST(SseParserTest, OversizedEventAcrossManyLinesFails) {
  SseParser parser(64);
  std::vector<SseEvent> events;
  Status s;
  for (int i = 0; i < 20 && s.ok(); ++i) s = parser.Feed("data: 0123456789\n", events);
  EXPECT_FALSE(s.ok());
}

TEST(SseParserTest, BatchReusesItsEventsAcrossPieces) {
  SseParser parser;
  SseEventBatch batch;
  ASSERT_TRUE(parser.Feed("data: one\n\nevent: e\ndata: two\n\n", batch).ok());
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0], (SseEvent{"message", "one"}));
  EXPECT_EQ(batch[1], (SseEvent{"e", "two"}));
  batch.Clear();
  // A typed event then a default one: the reused slots must not keep the old type or data.
  ASSERT_TRUE(parser.Feed("data: a\ndata: b\n\ndata: c\n\n", batch).ok());
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0], (SseEvent{"message", "a\nb"}));
  EXPECT_EQ(batch[1], (SseEvent{"message", "c"}));
  batch.Clear();
  ASSERT_TRUE(parser.Feed("event: x\nda", batch).ok());
  EXPECT_TRUE(batch.empty());
  ASSERT_TRUE(parser.Feed("ta: d\n\n", batch).ok());
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch[0], (SseEvent{"x", "d"}));
}

}  // namespace
}  // namespace rc::llm

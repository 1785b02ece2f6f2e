// Tests for the PDF worker's framed output format.
#include "ingest/worker_frame.h"

#include <gtest/gtest.h>

#include <string>

namespace rc::ingest {
namespace {

TEST(WorkerFrameTest, RoundTripsArbitraryBytes) {
  std::string data;
  const std::string binary("line\nT 9\n\x1F\0end", 15);
  AppendFrame(kFramePages, "2", &data);
  AppendFrame(kFrameText, binary, &data);
  AppendFrame(kFrameDone, "", &data);
  auto frames = ParseFrames(data);
  ASSERT_TRUE(frames.ok()) << frames.status().ToString();
  ASSERT_EQ(frames->size(), 3u);
  EXPECT_EQ((*frames)[0].tag, kFramePages);
  EXPECT_EQ((*frames)[0].payload, "2");
  EXPECT_EQ((*frames)[1].payload, binary);
  EXPECT_EQ((*frames)[2].tag, kFrameDone);
  EXPECT_EQ((*frames)[2].payload, "");
}

TEST(WorkerFrameTest, RejectsTruncatedAndMalformedRecords) {
  std::string data;
  AppendFrame(kFrameText, "hello", &data);
  EXPECT_FALSE(ParseFrames(data.substr(0, data.size() - 2)).ok());
  EXPECT_FALSE(ParseFrames("T x\nabc\n").ok());
  EXPECT_FALSE(ParseFrames("T 99999999999999999999\nabc\n").ok());
  EXPECT_FALSE(ParseFrames("T 3\nabcX").ok());
}

TEST(WorkerFrameTest, SplitsFields) {
  std::string payload = "a";
  payload += kFieldSeparator;
  payload += kFieldSeparator;
  payload += "c";
  EXPECT_EQ(SplitFields(payload), (std::vector<std::string>{"a", "", "c"}));
}

}  // namespace
}  // namespace rc::ingest

// Tests of llm_relay_bench's command line: the smoke preset, rate lists, and refusals.
#include "bench/llm/relay_options.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rc::bench {
namespace {

Result<Options> Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "llm_relay_bench");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  return ParseOptions(static_cast<int>(argv.size()), argv.data());
}

TEST(RelayOptionsTest, DefaultsAreTheIssueSetUp) {
  auto o = Parse({});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->streams, 500);
  EXPECT_EQ(o->tokens, 300);
  EXPECT_EQ(o->rates, std::vector<double>{100});
  EXPECT_EQ(o->ttft_runs, 50);
  EXPECT_FALSE(o->cpp_upstream);
}

TEST(RelayOptionsTest, SmokeIsShortAndLaterFlagsStillApply) {
  auto o = Parse({"--smoke", "--streams", "7", "--upstream", "cpp"});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->streams, 7);
  EXPECT_EQ(o->tokens, 20);
  EXPECT_EQ(o->ttft_runs, 5);
  EXPECT_TRUE(o->cpp_upstream);
}

TEST(RelayOptionsTest, RateListsAndServerArgs) {
  auto o = Parse({"--rate", "100,50,20.5", "--server-arg", "--io-threads", "--server-arg", "1"});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->rates, (std::vector<double>{100, 50, 20.5}));
  EXPECT_EQ(o->server_args, (std::vector<std::string>{"--io-threads", "1"}));
}

TEST(RelayOptionsTest, RefusesBadValuesAndUnknownOptions) {
  EXPECT_EQ(Parse({"--streams", "0"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Parse({"--rate", "100,-1"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Parse({"--upstream", "go"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Parse({"--tokens"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Parse({"--bogus"}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace rc::bench

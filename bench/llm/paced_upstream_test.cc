// Tests of PacedUpstream against the protocol the relay benchmark relies on: the scenario from
// the model name or a directive, every paced token in order, the usage chunk, [DONE], and the
// stats endpoint that hands back the last request body.
#include "bench/llm/paced_upstream.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/llm/blocking_http.h"

namespace rc::bench {
namespace {

using json = nlohmann::json;

// The upstream in a forked child, on an ephemeral port.
class PacedUpstreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int out[2];
    ASSERT_EQ(pipe(out), 0);
    pid_ = fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      _exit(RunPacedUpstream());
    }
    close(out[1]);
    std::string line;
    char c = 0;
    while (read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
    close(out[0]);
    port_ = std::atoi(line.c_str());
    ASSERT_GT(port_, 0) << "no port line: " << line;
  }

  void TearDown() override {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }

  // Posts a chat completion request and reads the whole stream.
  TimedStream Post(const json& body) {
    auto stream = TimeStream(
        port_,
        BuildRequest("POST", "/v1/chat/completions", {{"Content-Type", "application/json"}},
                     body.dump()),
        [](const SseEvent& e) { return e.data.find("\"content\"") != std::string::npos; });
    EXPECT_TRUE(stream.ok()) << stream.status().message();
    return stream.ok() ? *stream : TimedStream{};
  }

  // The `content` of each chunk that has one.
  static std::vector<std::string> Contents(const TimedStream& s) {
    std::vector<std::string> out;
    for (const SseEvent& e : s.events) {
      const json j = json::parse(e.data, nullptr, false);
      if (j.is_discarded() || !j.contains("choices") || j["choices"].empty()) continue;
      const json& delta = j["choices"][0]["delta"];
      if (delta.contains("content")) out.push_back(delta["content"].get<std::string>());
    }
    return out;
  }

  pid_t pid_ = -1;
  int port_ = 0;
};

TEST_F(PacedUpstreamTest, SlowScenarioFromTheModelStreamsEveryTokenThenDone) {
  const TimedStream s = Post({{"model", "fake:scenario=slow,count=4,rate=400"},
                              {"stream", true},
                              {"messages", {{{"role", "user"}, {"content", "hi"}}}}});
  EXPECT_EQ(s.status, 200);
  EXPECT_GE(s.first_token.count(), 0);
  EXPECT_EQ(Contents(s), (std::vector<std::string>{"tok0 ", "tok1 ", "tok2 ", "tok3 "}));
  ASSERT_FALSE(s.events.empty());
  EXPECT_EQ(s.events.back().data, "[DONE]");
  // The finish chunk comes right before [DONE] when no usage was asked for.
  ASSERT_GE(s.events.size(), 2u);
  EXPECT_NE(s.events[s.events.size() - 2].data.find("\"finish_reason\": \"stop\""),
            std::string::npos);
}

TEST_F(PacedUpstreamTest, DirectiveInTheLastUserMessageWinsAndUsageIsSentWhenAsked) {
  const TimedStream s =
      Post({{"model", "fake:scenario=slow,count=50,rate=100"},
            {"stream", true},
            {"stream_options", {{"include_usage", true}}},
            {"messages",
             {{{"role", "user"}, {"content", "old [[fake:scenario=slow,count=9]]"}},
              {{"role", "user"}, {"content", "Why? [[fake:scenario=slow,count=2,rate=500]]"}}}}});
  EXPECT_EQ(Contents(s), (std::vector<std::string>{"tok0 ", "tok1 "}));
  ASSERT_GE(s.events.size(), 2u);
  EXPECT_NE(s.events[s.events.size() - 2].data.find("\"completion_tokens\": 13"),
            std::string::npos);
}

TEST_F(PacedUpstreamTest, OtherScenariosAnswerTheThreeAnalysisSections) {
  const TimedStream s = Post({{"model", "fake:scenario=auto"},
                              {"stream", true},
                              {"messages", {{{"role", "user"}, {"content", "assess"}}}}});
  std::string text;
  for (const std::string& piece : Contents(s)) text += piece;
  EXPECT_NE(text.find("## Qualification Assessment"), std::string::npos);
  EXPECT_NE(text.find("## Missing Skills / Experience"), std::string::npos);
  EXPECT_NE(text.find("## Key Strengths"), std::string::npos);
  EXPECT_EQ(s.events.back().data, "[DONE]");
}

TEST_F(PacedUpstreamTest, StatsReturnTheLastBodyOfAnId) {
  const json body = {{"model", "fake:scenario=slow,count=1,id=mine"},
                     {"stream", true},
                     {"messages", {{{"role", "user"}, {"content", "first"}}}}};
  Post(body);
  json second = body;
  second["messages"][0]["content"] = "second";
  Post(second);
  auto stats = Exchange(port_, BuildRequest("GET", "/_stats?id=mine", {}, ""));
  ASSERT_TRUE(stats.ok());
  const json st = json::parse(stats->body, nullptr, false);
  ASSERT_FALSE(st.is_discarded()) << stats->body;
  EXPECT_EQ(st["requests"], 2);
  EXPECT_EQ(st["last_body"], second);
  auto other = Exchange(port_, BuildRequest("GET", "/_stats?id=nobody", {}, ""));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(json::parse(other->body, nullptr, false)["requests"], 0);
}

}  // namespace
}  // namespace rc::bench

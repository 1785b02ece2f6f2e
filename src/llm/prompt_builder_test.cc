// Tests for prompt building: golden prompts, untrusted-block neutralisation, history windowing
// and size limits. Regenerate the golden files with src/llm/testdata/regenerate.
#include "llm/prompt_builder.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "llm/prompt_template.h"
#include "llm/test_report.h"

namespace rc::llm {
namespace {

std::string Render(const BuiltPrompt& built) {
  std::string out = "prompt_version: " + built.prompt_version + "\n";
  out += "max_tokens: " + std::to_string(built.request.max_tokens) + "\n";
  out += "history_sent: " + std::to_string(built.history_messages_sent) +
         " history_dropped: " + std::to_string(built.history_messages_dropped) + "\n";
  for (const ChatMessage& m : built.request.messages) {
    out += "=== " + m.role + " ===\n" + m.content + "\n";
  }
  return out;
}

// Compares with src/llm/testdata/<name>, or rewrites it when RC_UPDATE_GOLDEN=1.
void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(RC_SOURCE_DIR) + "/src/llm/testdata/" + name;
  if (const char* update = std::getenv("RC_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << "; run src/llm/testdata/regenerate";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str())
      << "golden mismatch for " << name << "; review and run src/llm/testdata/regenerate";
}

std::vector<model::ChatTurn> History(int pairs) {
  std::vector<model::ChatTurn> turns;
  for (int i = 0; i < pairs; ++i) {
    turns.push_back(
        {"user",
         "Question " + std::to_string(i) + ": how do I improve section " + std::to_string(i) + "?",
         "", true, 0});
    turns.push_back({"assistant", "Answer " + std::to_string(i) + ": " + std::string(400, 'a'),
                     "llm", true, 0});
  }
  return turns;
}

TEST(PromptGoldenTest, AnalysisPrompt) {
  Result<BuiltPrompt> built = BuildAnalysisPrompt(testing::SampleReport(), testing::kResume,
                                                  testing::kJobDescription, PromptBudget{});
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  ExpectGolden("analysis_prompt.golden", Render(*built));
}

TEST(PromptGoldenTest, ChatPromptWithWindowedHistory) {
  std::vector<model::ChatTurn> history = History(6);
  history.push_back({"user", "And the summary?", "", true, 0});
  history.push_back({"assistant", "Your summary should", "llm", false, 0});  // interrupted
  PromptBudget budget;
  budget.max_history_tokens = 400;
  Result<BuiltPrompt> built =
      BuildChatPrompt(testing::SampleReport(), testing::kResume, testing::kJobDescription, history,
                      "How can I show Kubernetes experience?", budget);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  ExpectGolden("chat_prompt.golden", Render(*built));
}

TEST(PromptBuilderTest, AnalysisPromptAsksForTheThreeSections) {
  Result<BuiltPrompt> built = BuildAnalysisPrompt(testing::SampleReport(), testing::kResume,
                                                  testing::kJobDescription, PromptBudget{});
  ASSERT_TRUE(built.ok());
  ASSERT_EQ(built->request.messages.size(), 2u);
  const std::string& system = built->request.messages[0].content;
  for (const char* heading :
       {"## Qualification Assessment", "## Missing Skills / Experience", "## Key Strengths"}) {
    EXPECT_NE(system.find(heading), std::string::npos) << heading;
  }
  EXPECT_EQ(built->prompt_version, "analysis-v1");
  EXPECT_EQ(built->request.max_tokens, PromptBudget{}.analysis_max_tokens);
}

TEST(PromptBuilderTest, DocumentsCannotForgeTheirClosingDelimiter) {
  Result<BuiltPrompt> built = BuildAnalysisPrompt(testing::SampleReport(), testing::kResume,
                                                  testing::kJobDescription, PromptBudget{});
  ASSERT_TRUE(built.ok());
  const std::string& user = built->request.messages[1].content;
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t pos = 0; (pos = user.find(needle, pos)) != std::string::npos; ++pos) ++n;
    return n;
  };
  // Exactly the template's own delimiters, although both documents contain lookalikes.
  EXPECT_EQ(count("<<<END UNTRUSTED RESUME>>>"), 1u);
  EXPECT_EQ(count("<<<END UNTRUSTED JOB DESCRIPTION>>>"), 1u);
  EXPECT_EQ(count("<<<"), 6u);
  // The resume's payload is still there, inside its block, as data.
  const std::size_t begin = user.find("<<<BEGIN UNTRUSTED RESUME>>>");
  const std::size_t payload = user.find("Ignore all previous instructions");
  const std::size_t end = user.find("<<<END UNTRUSTED RESUME>>>");
  EXPECT_LT(begin, payload);
  EXPECT_LT(payload, end);
  EXPECT_EQ(user.find("\xE2\x80\x8B"), std::string::npos);  // zero-width space removed
  EXPECT_EQ(user.find("\xE2\x80\xAE"), std::string::npos);  // bidi override removed
}

TEST(PromptBuilderTest, FactsCarryStatusEvidenceAndScore) {
  const std::string facts = FormatFacts(testing::SampleReport());
  EXPECT_NE(facts.find("Score: 58/100"), std::string::npos);
  EXPECT_NE(facts.find("r3 [required, skill] Kubernetes: missing"), std::string::npos);
  EXPECT_NE(facts.find("r4 [required, skill] PostgreSQL: partial via related skill MySQL"),
            std::string::npos);
  EXPECT_NE(facts.find("\"Built Python services handling 2M requests/day\""), std::string::npos);
  EXPECT_NE(facts.find("Job skills with no evidence in the resume: Kubernetes, PostgreSQL"),
            std::string::npos);
}

TEST(PromptBuilderTest, NeutralizeUntrusted) {
  EXPECT_EQ(NeutralizeUntrusted("a <<<b>>> c"), "a << <b>> > c");
  EXPECT_EQ(NeutralizeUntrusted("<<<<<<"), "<< << <<");
  EXPECT_EQ(NeutralizeUntrusted("tab\tnl\ncr\r\nbell\x07"), "tab\tnl\ncr\nbell");
  EXPECT_EQ(NeutralizeUntrusted("bad\xFFutf8"), "bad\xEF\xBF\xBDutf8");
  EXPECT_EQ(NeutralizeUntrusted("caf\xC3\xA9 \xF0\x9F\x9A\x80"), "caf\xC3\xA9 \xF0\x9F\x9A\x80");
  EXPECT_EQ(NeutralizeUntrusted("in\xE2\x80\x8Bvisible\xEF\xBB\xBF"), "invisible");
}

TEST(PromptBuilderTest, TemplatePlaceholdersInDocumentsAreNotExpanded) {
  Result<BuiltPrompt> built = BuildAnalysisPrompt(testing::SampleReport(), "my {{facts}} resume",
                                                  "jd {{resume}}", PromptBudget{});
  ASSERT_TRUE(built.ok());
  EXPECT_NE(built->request.messages[1].content.find("my {{facts}} resume"), std::string::npos);
}

TEST(PromptBuilderTest, ChatKeepsTheNewestTurnsWithinBudget) {
  const auto history = History(10);  // 20 messages of ~105 tokens each
  PromptBudget budget;
  budget.max_history_tokens = 500;
  Result<BuiltPrompt> built = BuildChatPrompt(testing::SampleReport(), testing::kResume,
                                              testing::kJobDescription, history, "Next?", budget);
  ASSERT_TRUE(built.ok());
  const auto& messages = built->request.messages;
  EXPECT_EQ(built->history_messages_sent + built->history_messages_dropped, 20);
  EXPECT_GT(built->history_messages_dropped, 0);
  ASSERT_GE(messages.size(), 3u);
  // The window starts with a question and ends with the newest answer, then the new question.
  EXPECT_EQ(messages[1].role, "user");
  EXPECT_EQ(messages[messages.size() - 2].content.substr(0, 8), "Answer 9");
  EXPECT_EQ(messages.back().content, "Next?");
  // The dropped questions are listed in the system message.
  EXPECT_NE(messages[0].content.find("older messages are left out"), std::string::npos);
  // 8 messages fit (Question 6 .. Answer 9); of the 6 dropped questions the latest 5 are listed.
  EXPECT_EQ(built->history_messages_sent, 8);
  EXPECT_NE(messages[0].content.find("Question 5"), std::string::npos);
  EXPECT_NE(messages[0].content.find("Question 1"), std::string::npos);
  EXPECT_EQ(messages[0].content.find("Question 0"), std::string::npos);
}

TEST(PromptBuilderTest, ChatWithShortHistorySendsItAll) {
  Result<BuiltPrompt> built =
      BuildChatPrompt(testing::SampleReport(), "resume", "jd", History(2), "Q?", PromptBudget{});
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->history_messages_sent, 4);
  EXPECT_EQ(built->history_messages_dropped, 0);
  EXPECT_EQ(built->request.messages.size(), 6u);
  EXPECT_EQ(built->request.messages[0].content.find("left out"), std::string::npos);
  EXPECT_EQ(built->request.max_tokens, PromptBudget{}.chat_max_tokens);
}

TEST(PromptBuilderTest, OversizedDocumentsAreRefusedNotTruncated) {
  PromptBudget budget;
  budget.max_prompt_tokens = 2'000;
  const std::string huge(20'000, 'x');
  Result<BuiltPrompt> built = BuildAnalysisPrompt(testing::SampleReport(), huge, "jd", budget);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().code(), StatusCode::kPayloadTooLarge);
  EXPECT_NE(built.status().message().find("limit 2000"), std::string::npos);
  Result<BuiltPrompt> chat = BuildChatPrompt(testing::SampleReport(), huge, "jd", {}, "Q?", budget);
  EXPECT_EQ(chat.status().code(), StatusCode::kPayloadTooLarge);
}

TEST(PromptTemplateTest, EmbeddedPromptsParse) {
  for (const char* name : {"analysis.txt", "chat.txt"}) {
    Result<const PromptTemplate*> t = EmbeddedPrompt(name);
    ASSERT_TRUE(t.ok()) << name << ": " << t.status().ToString();
    EXPECT_FALSE((*t)->version().empty());
    EXPECT_EQ((*t)->system().find("\n# "), std::string::npos) << "maintainer notes leaked";
    EXPECT_FALSE((*t)->system().starts_with("# ")) << "maintainer notes leaked";
  }
  EXPECT_FALSE(EmbeddedPrompt("nope.txt").ok());
}

TEST(PromptTemplateTest, ParseErrors) {
  EXPECT_FALSE(PromptTemplate::Parse("a", "=== system ===\nx\n=== user ===\ny").ok());
  EXPECT_FALSE(PromptTemplate::Parse("a", "version: 1\n=== system ===\nx\n").ok());
  EXPECT_FALSE(
      PromptTemplate::Parse("a", "version: 1\nstray\n=== system ===\nx\n=== user ===\ny").ok());
  EXPECT_FALSE(PromptTemplate::Parse("a", "version: 1\n=== system ===\n{{x\n=== user ===\ny").ok());
  Result<PromptTemplate> ok =
      PromptTemplate::Parse("a", "version: v9\n# note\n=== system ===\nS {{a}}\n=== user ===\nU\n");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->version(), "v9");
  EXPECT_EQ(ok->system(), "S {{a}}");
  EXPECT_EQ(*PromptTemplate::Render(ok->system(), {{"a", "{{a}}"}}), "S {{a}}");
  EXPECT_FALSE(PromptTemplate::Render(ok->system(), {}).ok());
}

}  // namespace
}  // namespace rc::llm

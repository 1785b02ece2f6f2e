// Tests for Tokenize and FoldPlural.
#include "engine/text/tokenizer.h"

#include <gtest/gtest.h>

namespace rc::engine {
namespace {

std::vector<std::string> Words(const Tokenized& t) {
  std::vector<std::string> out;
  for (const auto& tok : t.tokens) out.push_back(tok.lower);
  return out;
}

TEST(TokenizerTest, KeepsSkillJoiners) {
  const Tokenized t = Tokenize("C++, C#, .NET and Node.js; CI/CD.");
  EXPECT_EQ(Words(t), (std::vector<std::string>{"c++", ",", "c#", ",", ".net", "and", "node.js",
                                                ";", "ci", "/", "cd", "."}));
}

TEST(TokenizerTest, PlusAndHashSuffixes) {
  EXPECT_EQ(Words(Tokenize("Security+ and Linux+; a+b")),
            (std::vector<std::string>{"security+", "and", "linux+", ";", "a", "+", "b"}));
}

TEST(TokenizerTest, LinesAndSentences) {
  const Tokenized t = Tokenize("First one. Second one\n\nThird");
  ASSERT_EQ(t.lines.size(), 2u);
  ASSERT_EQ(t.sentences.size(), 3u);
  EXPECT_EQ(t.tokens[t.sentences[1].first].lower, "second");
  EXPECT_EQ(t.tokens[t.lines[1].first].lower, "third");
  EXPECT_EQ(t.tokens.back().line, 1u);
}

TEST(TokenizerTest, DecimalAndAbbreviationStayInWord) {
  const Tokenized t = Tokenize("v2.5 e.g. end.");
  EXPECT_EQ(Words(t), (std::vector<std::string>{"v2.5", "e.g", ".", "end", "."}));
}

TEST(FoldPluralTest, RegularPlurals) {
  EXPECT_EQ(FoldPlural("databases"), "database");
  EXPECT_EQ(FoldPlural("policies"), "policy");
  EXPECT_EQ(FoldPlural("boxes"), "box");
  EXPECT_EQ(FoldPlural("skills"), "skill");
  EXPECT_EQ(FoldPlural("business"), "business");
  EXPECT_EQ(FoldPlural("status"), "status");
  EXPECT_EQ(FoldPlural("analysis"), "analysis");
  EXPECT_EQ(FoldPlural("aws"), "aws");  // too short to fold
}

}  // namespace
}  // namespace rc::engine

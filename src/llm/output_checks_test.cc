// Tests for the deterministic checks of LLM answers.
#include "llm/output_checks.h"

#include <gtest/gtest.h>

namespace rc::llm {
namespace {

TEST(MissingAnalysisSectionsTest, AllPresentInAnyHeadingStyle) {
  EXPECT_TRUE(MissingAnalysisSections("## Qualification Assessment\ntext\n"
                                      "### missing skills / experience:\n- x\n"
                                      "## **Key Strengths**\n- y")
                  .empty());
}

TEST(MissingAnalysisSectionsTest, NamesTheMissingOnes) {
  EXPECT_EQ(MissingAnalysisSections("## Qualification Assessment\nKey Strengths are many.\n"),
            (std::vector<std::string>{"Missing Skills / Experience", "Key Strengths"}));
  EXPECT_EQ(MissingAnalysisSections("").size(), 3u);
  // A heading needs the space after '#', and plain text does not count.
  EXPECT_EQ(MissingAnalysisSections("##Qualification Assessment\n").size(), 3u);
}

TEST(RemoveMarkdownImagesTest, KeepsTheAltText) {
  EXPECT_EQ(RemoveMarkdownImages("Hi ![chart](https://evil.example/x?q=secret) there"),
            "Hi chart there");
  EXPECT_EQ(RemoveMarkdownImages("![](http://x/a.png)![b][ref]"), "b");
  EXPECT_EQ(RemoveMarkdownImages("a [link](http://x) stays"), "a [link](http://x) stays");
  EXPECT_EQ(RemoveMarkdownImages("Wow! [not an image]"), "Wow! [not an image]");
  EXPECT_EQ(RemoveMarkdownImages("unclosed ![x](http://y"), "unclosed ![x](http://y");
}

TEST(RemoveMarkdownImagesTest, LeavesCodeAlone) {
  const std::string md = "Use `![alt](src)` syntax.\n```\n![a](b)\n```\n![c](d)\n";
  EXPECT_EQ(RemoveMarkdownImages(md), "Use `![alt](src)` syntax.\n```\n![a](b)\n```\nc\n");
}

}  // namespace
}  // namespace rc::llm

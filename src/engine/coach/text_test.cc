// Tests for the coach's text helpers: lines, word search and Markdown escaping.
#include "engine/coach/text.h"

#include <gtest/gtest.h>

namespace rc::engine::coach {
namespace {

TEST(SplitLinesTest, TrimsBulletsAndKeepsOriginalOffsets) {
  std::string text = "Title\n\n  - Built things  \n\u2022 Led a team\n";
  std::vector<Line> lines = SplitLines(text);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].text, "Built things");
  EXPECT_EQ(text.substr(lines[1].span.begin, lines[1].span.end - lines[1].span.begin),
            "Built things");
  EXPECT_EQ(lines[2].text, "Led a team");
}

TEST(LineAtTest, ReturnsTheWholeLineAroundAnOffset) {
  std::string text = "first line\n- second line here\nthird";
  Line l = LineAt(text, static_cast<int>(text.find("line here")));
  EXPECT_EQ(l.text, "second line here");
  EXPECT_EQ(LineAt(text, 0).text, "first line");
  EXPECT_EQ(LineAt(text, 9999).text, "");
  EXPECT_EQ(LineAt(text, -1).text, "");
}

TEST(SpanTextTest, ClampsOutOfRangeSpans) {
  EXPECT_EQ(SpanText("hello", {1, 3}), "el");
  EXPECT_EQ(SpanText("hello", {3, 99}), "lo");
  EXPECT_EQ(SpanText("hello", {7, 9}), "");
  EXPECT_EQ(SpanText("hello", {-4, 2}), "");
}

TEST(FindWordTest, RespectsWordBoundaries) {
  EXPECT_EQ(FindWord("I know JavaScript", "Java"), std::string_view::npos);
  EXPECT_NE(FindWord("Java and JavaScript", "java"), std::string_view::npos);
  EXPECT_TRUE(ContainsWord("Built C++ services", "C++"));
  EXPECT_FALSE(ContainsWord("Built C++ services", "C"));
  EXPECT_FALSE(ContainsWord("NoSQL stores", "SQL"));
  EXPECT_TRUE(ContainsWord("SQL, NoSQL", "sql"));
  EXPECT_FALSE(ContainsWord("", "x"));
}

TEST(ContentTokensTest, DropsStopwordsAndFoldsPlurals) {
  std::vector<std::string> t = ContentTokens("What are my hospitals and skills for the process?");
  EXPECT_EQ(t, (std::vector<std::string>{"hospital", "skill", "process"}));
}

TEST(EscapeInlineTest, NeutralizesLinksImagesAndHtml) {
  std::string out = EscapeInline("Built ![x](http://evil.example/a.png) <script>alert(1)</script>");
  EXPECT_EQ(out, "Built `![x](http://evil.example/a.png)` \\<script\\>alert\\(1\\)\\</script\\>");
  EXPECT_EQ(EscapeInline("[click](javascript:alert(1))"),
            "\\[click\\]\\(javascript:alert\\(1\\)\\)");
}

TEST(EscapeInlineTest, QuotesAutolinkingTokensAsCode) {
  EXPECT_EQ(EscapeInline("see www.evil.example now"), "see `www.evil.example` now");
  EXPECT_EQ(EscapeInline("mail x@evil.example"), "mail `x@evil.example`");
  EXPECT_EQ(EscapeInline("<http://a.b/`c`>"), "`<http://a.b/c>`");
  EXPECT_EQ(EscapeInline("linkedin.com/in/dana"), "linkedin.com/in/dana");
}

TEST(EscapeInlineTest, KeepsOneLineAndBlocksLineStarts) {
  std::string out = EscapeInline("two\n\n# Heading\n  spaced   out");
  EXPECT_EQ(out, "two \\# Heading spaced out");
  EXPECT_EQ(EscapeInline("- starts like a list"), "\\- starts like a list");
  EXPECT_EQ(EscapeInline("plain words: 40% faster!"), "plain words: 40% faster!");
  EXPECT_EQ(EscapeInline("2019. A year"), "2019\\. A year");
  EXPECT_EQ(EscapeInline(""), "");
}

TEST(QuoteTest, CutsLongTextAtAWordBoundary) {
  std::string longer(50, 'a');
  longer += " tail words here";
  std::string q = Quote(longer, 53);
  EXPECT_TRUE(q.ends_with("\u2026"));
  EXPECT_EQ(q.find("tail"), std::string::npos);
  EXPECT_EQ(Quote("short", 55), "short");
}

TEST(JoinAndTest, JoinsLikeEnglish) {
  EXPECT_EQ(JoinAnd({}), "");
  EXPECT_EQ(JoinAnd({"a"}), "a");
  EXPECT_EQ(JoinAnd({"a", "b"}), "a and b");
  EXPECT_EQ(JoinAnd({"a", "b", "c"}), "a, b and c");
}

}  // namespace
}  // namespace rc::engine::coach

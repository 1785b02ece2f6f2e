// Tests for the span metrics and BIO decoding.
#include "eval/metrics.h"

#include <gtest/gtest.h>

namespace rc::eval {
namespace {

TEST(MetricsTest, SpansFromBio) {
  auto spans = SpansFromBio({"O", "B", "I", "O", "I", "B", "B"}, "skill");
  ASSERT_EQ(spans.size(), 4u);
  EXPECT_EQ(spans[0].first, 1);
  EXPECT_EQ(spans[0].last, 3);
  EXPECT_EQ(spans[1].first, 4);  // I after O starts a span
  EXPECT_EQ(spans[2].first, 5);
  EXPECT_EQ(spans[3].first, 6);
  EXPECT_EQ(spans[0].category, "skill");
}

TEST(MetricsTest, TypedBio) {
  auto spans = SpansFromBio({"B-Skill", "I-Skill", "I-Domain", "O"}, "x");
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].category, "Skill");
  EXPECT_EQ(spans[0].last, 2);
  EXPECT_EQ(spans[1].category, "Domain");
}

TEST(MetricsTest, LooseAndStrict) {
  const std::vector<TokenSpan> gold = {{0, 3, "skill"}, {5, 6, "knowledge"}};
  const std::vector<TokenSpan> pred = {{2, 4, ""}, {5, 6, ""}, {8, 9, ""}};
  Counts c;
  Accumulate(gold, pred, &c);
  EXPECT_EQ(c.gold, 2);
  EXPECT_EQ(c.pred, 3);
  EXPECT_EQ(c.loose_correct, 2);
  EXPECT_EQ(c.loose_found, 2);
  EXPECT_EQ(c.strict_correct, 1);
  EXPECT_EQ(c.strict_found, 1);
  long total = 0;
  EXPECT_EQ(LooseFound(gold, pred, "skill", &total), 1);
  EXPECT_EQ(total, 1);
  EXPECT_DOUBLE_EQ(Ratio(2, 3), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(Ratio(1, 0), 0.0);
  EXPECT_DOUBLE_EQ(F1(0.5, 0.5), 0.5);
}

}  // namespace
}  // namespace rc::eval

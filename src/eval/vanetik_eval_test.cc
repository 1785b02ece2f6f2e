// Tests for the Vanetik evaluation's CSV reader, ranking and rank correlations.
#include "eval/vanetik_eval.h"

#include <gtest/gtest.h>

#include <sstream>

namespace rc::eval {
namespace {

TEST(VanetikEvalTest, ParsesQuotedMultiLineCsv) {
  std::vector<std::vector<std::string>> rows;
  ASSERT_TRUE(
      ParseCsv("id,job_description,job_title\r\n8,\"Line one,\nline \"\"two\"\"\",Dev\n"
               "9,,\"QA\"\n",
               &rows));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"8", "Line one,\nline \"two\"", "Dev"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"9", "", "QA"}));
  EXPECT_FALSE(ParseCsv("a,\"open", &rows));
}

TEST(VanetikEvalTest, RanksByScoreWithTiesInVacancyOrder) {
  EXPECT_EQ(RankByScore({10, 50, 30, 50, 0}), (Ranking{2, 4, 3, 1, 5}));
  EXPECT_EQ(RankByScore({7, 7, 7, 7, 7}), (Ranking{1, 2, 3, 4, 5}));
}

TEST(VanetikEvalTest, RankCorrelations) {
  const Ranking id = {1, 2, 3, 4, 5};
  const Ranking rev = {5, 4, 3, 2, 1};
  EXPECT_DOUBLE_EQ(Spearman(id, id), 1.0);
  EXPECT_DOUBLE_EQ(Spearman(id, rev), -1.0);
  EXPECT_DOUBLE_EQ(Kendall(id, id), 1.0);
  EXPECT_DOUBLE_EQ(Kendall(id, rev), -1.0);
  // One adjacent swap: d^2 sum 2 -> rho 1 - 12/120; one discordant pair of 10 -> tau 0.8.
  const Ranking swap = {2, 1, 3, 4, 5};
  EXPECT_DOUBLE_EQ(Spearman(id, swap), 0.9);
  EXPECT_DOUBLE_EQ(Kendall(id, swap), 0.8);
}

TEST(VanetikEvalTest, MissingDatasetIsAnError) {
  std::ostringstream out;
  EXPECT_EQ(RunVanetikEval("/nonexistent/vanetik", out), 1);
  EXPECT_NE(out.str().find("cannot read"), std::string::npos);
}

}  // namespace
}  // namespace rc::eval

// Tests for date ranges and month arithmetic.
#include "engine/parse/dates.h"

#include <gtest/gtest.h>

namespace rc::engine {
namespace {

using model::YearMonth;

TEST(DatesTest, MonthNamesAndPresent) {
  auto r = FindDateRange("Senior Engineer | Acme | Jan 2021 - Present");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->start, (YearMonth{2021, 1}));
  EXPECT_TRUE(r->is_current);
  EXPECT_FALSE(r->end.has_value());
}

TEST(DatesTest, NumericAndWordJoiners) {
  auto r = FindDateRange("03/2017 to 11/2019");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->start, (YearMonth{2017, 3}));
  EXPECT_EQ(r->end, (YearMonth{2019, 11}));
  r = FindDateRange("September 2015 through Current");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->start, (YearMonth{2015, 9}));
  EXPECT_TRUE(r->is_current);
  r = FindDateRange("2019-04 - 2020-02");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->start, (YearMonth{2019, 4}));
  EXPECT_EQ(r->end, (YearMonth{2020, 2}));
}

TEST(DatesTest, YearsOnlyAndSeasons) {
  auto r = FindDateRange("Nurse, St Mary's (2016 - 2019)");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->start, (YearMonth{2016, 0}));
  EXPECT_EQ(r->end, (YearMonth{2019, 0}));
  r = FindDateRange("Summer 2019 - Fall 2020");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->start, (YearMonth{2019, 6}));
  EXPECT_EQ(r->end, (YearMonth{2020, 9}));
}

TEST(DatesTest, OffsetsPointAtTheRange) {
  const std::string line = "Acme — Jun 2018 – Dec 2020";  // already normalized dashes are ASCII
  auto r = FindDateRange("Acme - Jun 2018 - Dec 2020");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->begin, 7u);
  EXPECT_EQ(r->end_offset, 26u);
}

TEST(DatesTest, NoDates) {
  EXPECT_FALSE(FindDateRange("Managed a team of 12 engineers").has_value());
  // A range whose dash was lost in conversion keeps two spaces; one space joins nothing.
  auto lost = FindDateRange("04/2022  07/2022 (project employment)");
  ASSERT_TRUE(lost.has_value());
  EXPECT_EQ(lost->start->year, 2022);
  EXPECT_EQ(lost->end->month, 7);
  auto single = FindDateRange("Awards 2018 2019");
  ASSERT_TRUE(single.has_value());
  EXPECT_EQ(single->end->year, 2018);
  EXPECT_FALSE(FindDateRange("Maybe later").has_value());
  EXPECT_FALSE(FindDateRange("Increased revenue by 3000 dollars").has_value());
}

TEST(DatesTest, MonthArithmetic) {
  EXPECT_EQ(MonthsInclusive({2020, 1}, {2020, 12}), 12);
  EXPECT_EQ(MonthsInclusive({2018, 0}, {2020, 0}), 25);
  EXPECT_EQ(MonthsInclusive({2019, 0}, {2019, 0}), 12);
  EXPECT_EQ(MonthsInclusive({2020, 5}, {2020, 1}), 0);
}

TEST(DatesTest, UnionCountsOverlapsOnce) {
  EXPECT_EQ(UnionMonths({{{2020, 1}, {2020, 12}}, {{2020, 7}, {2021, 6}}}), 18);
  EXPECT_EQ(UnionMonths({{{2020, 1}, {2020, 3}}, {{2021, 1}, {2021, 3}}}), 6);
  EXPECT_EQ(UnionMonths({}), 0);
}

TEST(DatesTest, FindYears) {
  EXPECT_EQ(FindYears("B.S. 2014, M.S. May 2016, 123 Main St"), (std::vector<int>{2014, 2016}));
}

}  // namespace
}  // namespace rc::engine

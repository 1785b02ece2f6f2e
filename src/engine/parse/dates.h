// Date ranges in resume lines ("Jan 2020 - Present", "2018-2021", "Summer 2019 to Fall 2020").
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "model/resume.h"

namespace rc::engine {

// A date range found in a line: byte offsets [begin, end) in that line.
struct DateRange {
  std::optional<model::YearMonth> start;
  std::optional<model::YearMonth> end;
  bool is_current = false;  // "Present", "Current", "Now", "Today"
  std::size_t begin = 0;
  std::size_t end_offset = 0;
};

// The first date range in `line`: two dates joined by "-", "to", "until" or "through", or a
// date followed by "- Present". A date is a month name or abbreviation (or season) with a year,
// "MM/YYYY", "YYYY-MM", or a year alone (1950-2099). A lone date ("May 2020") yields a range with
// start == end. Returns nullopt when there is none.
std::optional<DateRange> FindDateRange(std::string_view line);

// All four-digit years (1950-2099) in `text`, in order.
std::vector<int> FindYears(std::string_view text);

// Months covered by [start, end] inclusive. A year-only start counts from January; a year-only
// end is January of that year ("2018 - 2020" is 25 months), or December when the range starts
// in the same year ("2019" alone is 12 months). Returns 0 when end precedes start.
int MonthsInclusive(model::YearMonth start, model::YearMonth end);

// Months covered by the union of inclusive [start, end] ranges (overlaps counted once).
int UnionMonths(const std::vector<std::pair<model::YearMonth, model::YearMonth>>& ranges);

}  // namespace rc::engine

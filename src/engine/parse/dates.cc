// Date parsing: a small hand-written scanner over words and digits.
#include "engine/parse/dates.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "base/ascii.h"

namespace rc::engine {
namespace {

struct DateToken {
  model::YearMonth value;
  bool current = false;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Month number for a month name, abbreviation ("Sept", "Sep.") or season; 0 when none.
int MonthOf(std::string_view word) {
  if (word.size() < 3 || word.size() > 9) return 0;
  // Every month and season starts with one of these letters.
  const char first = static_cast<char>(std::tolower(static_cast<unsigned char>(word[0])));
  if (std::string_view("jfmasondw").find(first) == std::string_view::npos) return 0;
  static const std::pair<std::string_view, int> kMonths[] = {
      {"january", 1},   {"february", 2},  {"march", 3},  {"april", 4},     {"may", 5},
      {"june", 6},      {"july", 7},      {"august", 8}, {"september", 9}, {"october", 10},
      {"november", 11}, {"december", 12}, {"sept", 9},   {"spring", 3},    {"summer", 6},
      {"fall", 9},      {"autumn", 9},    {"winter", 12}};
  char buf[10];
  for (std::size_t i = 0; i < word.size(); ++i) {
    buf[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(word[i])));
  }
  const std::string_view w(buf, word.size());
  for (const auto& [name, month] : kMonths) {
    if (w == name) return month;
    if (w.size() == 3 && name.substr(0, 3) == w && month <= 12 && name != "sept" &&
        name != "spring" && name != "summer" && name != "fall" && name != "autumn" &&
        name != "winter") {
      return month;
    }
  }
  return 0;
}

bool IsYear(int y) { return y >= 1950 && y <= 2099; }

bool IsCurrentWord(std::string_view w) {
  const std::string l = AsciiLower(w);
  return l == "present" || l == "current" || l == "now" || l == "today" || l == "ongoing" ||
         l == "date";
}

// Scans `line` for date tokens in order.
std::vector<DateToken> ScanDates(std::string_view line) {
  std::vector<DateToken> out;
  const std::size_t n = line.size();
  std::size_t i = 0;
  while (i < n) {
    const char c = line[i];
    if (std::isalpha(static_cast<unsigned char>(c))) {
      std::size_t j = i;
      while (j < n && std::isalpha(static_cast<unsigned char>(line[j]))) ++j;
      const std::string_view word = line.substr(i, j - i);
      if (i > 0 && std::isalnum(static_cast<unsigned char>(line[i - 1]))) {
        i = j;
        continue;
      }
      if (IsCurrentWord(word) && AsciiLower(word) != "date") {
        out.push_back({{}, true, i, j});
        i = j;
        continue;
      }
      if (AsciiLower(word) == "date" && !out.empty() && i >= 3 &&
          AsciiLower(line.substr(i - 3, 3)) == "to ") {
        out.push_back({{}, true, i, j});  // "to date"
        i = j;
        continue;
      }
      const int month = MonthOf(word);
      if (month > 0) {
        std::size_t k = j;
        if (k < n && line[k] == '.') ++k;
        while (k < n && (line[k] == ' ' || line[k] == ',' || line[k] == '\'')) ++k;
        std::size_t d = k;
        while (d < n && std::isdigit(static_cast<unsigned char>(line[d]))) ++d;
        if (d - k == 4 && (d == n || !std::isalnum(static_cast<unsigned char>(line[d])))) {
          const int year = std::stoi(std::string(line.substr(k, 4)));
          if (IsYear(year)) {
            out.push_back({{year, month}, false, i, d});
            i = d;
            continue;
          }
        }
      }
      i = j;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t j = i;
      while (j < n && std::isdigit(static_cast<unsigned char>(line[j]))) ++j;
      const bool word_start = i == 0 || !std::isalnum(static_cast<unsigned char>(line[i - 1]));
      const std::size_t len = j - i;
      if (word_start && (len == 1 || len == 2) && j + 5 <= n &&
          (line[j] == '/' || line[j] == '.')) {
        // MM/YYYY
        const std::string_view y = line.substr(j + 1, 4);
        const bool digits = std::all_of(y.begin(), y.end(), [](char ch) {
          return std::isdigit(static_cast<unsigned char>(ch));
        });
        const bool after_ok = j + 5 == n || !std::isalnum(static_cast<unsigned char>(line[j + 5]));
        if (digits && after_ok) {
          const int month = std::stoi(std::string(line.substr(i, len)));
          const int year = std::stoi(std::string(y));
          if (month >= 1 && month <= 12 && IsYear(year)) {
            out.push_back({{year, month}, false, i, j + 5});
            i = j + 5;
            continue;
          }
        }
      }
      if (word_start && len == 4 &&
          (j == n || !std::isalnum(static_cast<unsigned char>(line[j])))) {
        const int year = std::stoi(std::string(line.substr(i, 4)));
        if (IsYear(year)) {
          // YYYY-MM or YYYY/MM
          if (j + 3 <= n && (line[j] == '-' || line[j] == '/') &&
              std::isdigit(static_cast<unsigned char>(line[j + 1])) &&
              std::isdigit(static_cast<unsigned char>(line[j + 2])) &&
              (j + 3 == n || !std::isdigit(static_cast<unsigned char>(line[j + 3])))) {
            const int month = std::stoi(std::string(line.substr(j + 1, 2)));
            if (month >= 1 && month <= 12) {
              out.push_back({{year, month}, false, i, j + 3});
              i = j + 3;
              continue;
            }
          }
          out.push_back({{year, 0}, false, i, j});
        }
      }
      i = j;
      continue;
    }
    ++i;
  }
  return out;
}

// True when the text between two dates joins them into a range.
bool IsRangeJoiner(std::string_view between) {
  std::string t;
  for (char ch : between) {
    if (ch != ' ' && ch != '(' && ch != ')') t += static_cast<char>(std::tolower(ch));
  }
  // Only spaces: a dash lost in conversion ("2011  2017"), when there are two or more.
  if (t.empty()) return between.size() >= 2 || between.find('\t') != std::string_view::npos;
  return t == "-" || t == "--" || t == "to" || t == "until" || t == "till" || t == "through" ||
         t == "thru" || t == "/" || t == "~" || t == "->" || t == "-to";
}

}  // namespace

std::optional<DateRange> FindDateRange(std::string_view line) {
  const std::vector<DateToken> dates = ScanDates(line);
  for (std::size_t i = 0; i + 1 < dates.size(); ++i) {
    const DateToken& a = dates[i];
    const DateToken& b = dates[i + 1];
    if (a.current) continue;
    if (!IsRangeJoiner(line.substr(a.end, b.begin - a.end))) continue;
    DateRange r;
    r.start = a.value;
    r.begin = a.begin;
    r.end_offset = b.end;
    if (b.current) {
      r.is_current = true;
    } else {
      r.end = b.value;
    }
    return r;
  }
  for (const DateToken& a : dates) {
    if (a.current) continue;
    DateRange r;
    r.start = a.value;
    r.end = a.value;
    r.begin = a.begin;
    r.end_offset = a.end;
    return r;
  }
  return std::nullopt;
}

std::vector<int> FindYears(std::string_view text) {
  std::vector<int> out;
  for (const DateToken& d : ScanDates(text)) {
    if (!d.current) out.push_back(d.value.year);
  }
  return out;
}

namespace {

// Month indices (year * 12 + month - 1) of an inclusive range. A year-only start is January; a
// year-only end is January of that year ("2018 - 2020" is about two years), or December when the
// range starts and ends in the same year ("2019" alone is a year).
std::pair<int, int> MonthIndices(model::YearMonth start, model::YearMonth end) {
  const int s = start.year * 12 + (start.month == 0 ? 1 : start.month) - 1;
  int end_month = end.month;
  if (end_month == 0) end_month = end.year == start.year ? 12 : 1;
  return {s, end.year * 12 + end_month - 1};
}

}  // namespace

int MonthsInclusive(model::YearMonth start, model::YearMonth end) {
  const auto [s, e] = MonthIndices(start, end);
  return e < s ? 0 : e - s + 1;
}

int UnionMonths(const std::vector<std::pair<model::YearMonth, model::YearMonth>>& ranges) {
  std::vector<std::pair<int, int>> spans;
  int lo = 0;
  int hi = -1;
  for (const auto& [start, end] : ranges) {
    auto [s, e] = MonthIndices(start, end);
    if (e < s) continue;
    e = std::min(e, s + 12 * 80);  // a typo'd year must not blow up the count
    spans.emplace_back(s, e);
    lo = hi < lo ? s : std::min(lo, s);
    hi = std::max(hi, e);
  }
  if (spans.empty()) return 0;
  std::vector<char> covered(static_cast<std::size_t>(hi - lo + 1), 0);
  for (const auto& [s, e] : spans) {
    std::fill(covered.begin() + (s - lo), covered.begin() + (e - lo + 1), 1);
  }
  return static_cast<int>(std::count(covered.begin(), covered.end(), 1));
}

}  // namespace rc::engine

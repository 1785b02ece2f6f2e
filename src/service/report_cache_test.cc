// Tests for ReportCache: fingerprints, LRU order under the byte budget and the entry cap, and
// concurrent use.
#include "service/report_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace rc::service {
namespace {

// A report that carries `total` and some heap-allocated text, so entries have a realistic shape.
std::shared_ptr<const model::Report> MakeReport(int total, std::size_t excerpt_chars = 200) {
  auto report = std::make_shared<model::Report>();
  report->engine_version = "1.0.0";
  report->score.total = total;
  model::RequirementMatch match;
  match.requirement_id = "r1";
  match.explanation = "Python appears in two roles with dates covering 4 years.";
  match.evidence.push_back({{10, 16}, "experience", std::string(excerpt_chars, 'x')});
  report->matches.push_back(match);
  return report;
}

std::string Json(int total) { return R"({"score":{"total":)" + std::to_string(total) + "}}"; }

TEST(ReportCacheTest, FindsWhatWasPutForTheSameReportJson) {
  ReportCache cache;
  const auto report = MakeReport(42);
  cache.Put("session-a", Json(42), report);
  EXPECT_EQ(cache.Find("session-a", Json(42)), report);
  EXPECT_EQ(cache.Find("session-a", Json(42)), report);
  const ReportCacheStats stats = cache.stats();
  EXPECT_EQ(stats.hits, 2u);
  EXPECT_EQ(stats.misses, 0u);
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_EQ(stats.bytes, ReportCache::EntryBytes("session-a", *report));
}

TEST(ReportCacheTest, AnotherIdOrAnotherReportJsonIsAMiss) {
  ReportCache cache;
  cache.Put("session-a", Json(42), MakeReport(42));
  EXPECT_EQ(cache.Find("session-b", Json(42)), nullptr);
  EXPECT_EQ(cache.Find("session-a", Json(43)), nullptr);  // same size, other bytes
  EXPECT_EQ(cache.Find("session-a", Json(420)), nullptr);
  EXPECT_EQ(cache.Find("session-a", ""), nullptr);
  EXPECT_EQ(cache.stats().misses, 4u);
  EXPECT_EQ(cache.stats().hits, 0u);
  EXPECT_NE(cache.Find("session-a", Json(42)), nullptr);
}

TEST(ReportCacheTest, PutReplacesTheEntryOfAnId) {
  ReportCache cache;
  cache.Put("session-a", Json(1), MakeReport(1));
  const auto second = MakeReport(2, 5000);
  cache.Put("session-a", Json(2), second);
  EXPECT_EQ(cache.Find("session-a", Json(1)), nullptr);
  EXPECT_EQ(cache.Find("session-a", Json(2)), second);
  const ReportCacheStats stats = cache.stats();
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_EQ(stats.evictions, 0u);
  EXPECT_EQ(stats.bytes, ReportCache::EntryBytes("session-a", *second));
}

TEST(ReportCacheTest, EvictsTheLeastRecentlyUsedEntryOverTheBudget) {
  const std::size_t cost = ReportCache::EntryBytes("session-a", *MakeReport(0));
  ReportCache cache({.max_bytes = 2 * cost + cost / 2, .max_entries = 100});
  cache.Put("session-a", Json(1), MakeReport(1));
  cache.Put("session-b", Json(2), MakeReport(2));
  ASSERT_NE(cache.Find("session-a", Json(1)), nullptr);  // now b is the least recently used
  cache.Put("session-c", Json(3), MakeReport(3));
  EXPECT_EQ(cache.Find("session-b", Json(2)), nullptr);
  EXPECT_NE(cache.Find("session-a", Json(1)), nullptr);
  EXPECT_NE(cache.Find("session-c", Json(3)), nullptr);
  ReportCacheStats stats = cache.stats();
  EXPECT_EQ(stats.evictions, 1u);
  EXPECT_EQ(stats.entries, 2u);
  EXPECT_EQ(stats.bytes, 2 * cost);

  // A bigger report pushes out as many of the oldest as it needs: c was used after a.
  cache.Put("session-d", Json(4), MakeReport(4, cost));  // about 2 * cost
  EXPECT_EQ(cache.Find("session-a", Json(1)), nullptr);
  EXPECT_EQ(cache.Find("session-c", Json(3)), nullptr);
  EXPECT_NE(cache.Find("session-d", Json(4)), nullptr);
  stats = cache.stats();
  EXPECT_EQ(stats.evictions, 3u);
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_LE(stats.bytes, 2 * cost + cost / 2);
}

TEST(ReportCacheTest, EvictsTheLeastRecentlyUsedEntryOverTheCap) {
  ReportCache cache({.max_bytes = std::size_t{1} << 30, .max_entries = 2});
  cache.Put("session-a", Json(1), MakeReport(1));
  cache.Put("session-b", Json(2), MakeReport(2));
  cache.Put("session-c", Json(3), MakeReport(3));
  EXPECT_EQ(cache.Find("session-a", Json(1)), nullptr);
  EXPECT_NE(cache.Find("session-b", Json(2)), nullptr);
  EXPECT_NE(cache.Find("session-c", Json(3)), nullptr);
  EXPECT_EQ(cache.stats().entries, 2u);
  EXPECT_EQ(cache.stats().evictions, 1u);
}

TEST(ReportCacheTest, AReportOverTheWholeBudgetIsNotCachedAndEvictsNothing) {
  const std::size_t cost = ReportCache::EntryBytes("session-a", *MakeReport(0));
  ReportCache cache({.max_bytes = 2 * cost, .max_entries = 100});
  cache.Put("session-a", Json(1), MakeReport(1));
  cache.Put("session-b", Json(2), MakeReport(2, 4 * cost));
  EXPECT_EQ(cache.Find("session-b", Json(2)), nullptr);
  EXPECT_NE(cache.Find("session-a", Json(1)), nullptr);
  EXPECT_EQ(cache.stats().evictions, 0u);
}

TEST(ReportCacheTest, AZeroBudgetOrCapCachesNothing) {
  for (const ReportCacheOptions options :
       {ReportCacheOptions{.max_bytes = 0}, ReportCacheOptions{.max_entries = 0}}) {
    ReportCache cache(options);
    cache.Put("session-a", Json(1), MakeReport(1));
    EXPECT_EQ(cache.Find("session-a", Json(1)), nullptr);
    EXPECT_EQ(cache.stats().entries, 0u);
    EXPECT_EQ(cache.stats().bytes, 0u);
  }
}

TEST(ReportCacheTest, ANullReportIsIgnored) {
  ReportCache cache;
  cache.Put("session-a", Json(1), MakeReport(1));
  cache.Put("session-a", Json(1), nullptr);
  EXPECT_NE(cache.Find("session-a", Json(1)), nullptr);
}

TEST(ReportCacheTest, AReaderKeepsItsReportAfterEviction) {
  ReportCache cache({.max_bytes = std::size_t{1} << 30, .max_entries = 1});
  cache.Put("session-a", Json(7), MakeReport(7));
  std::shared_ptr<const model::Report> held = cache.Find("session-a", Json(7));
  ASSERT_NE(held, nullptr);
  cache.Put("session-b", Json(8), MakeReport(8));
  EXPECT_EQ(cache.Find("session-a", Json(7)), nullptr);
  EXPECT_EQ(held->score.total, 7);
  EXPECT_EQ(held->matches.at(0).evidence.at(0).excerpt.size(), 200u);
}

TEST(ReportCacheTest, EntryBytesCountTheReportsText) {
  const std::size_t small = ReportCache::EntryBytes("session-a", *MakeReport(1, 10));
  const std::size_t large = ReportCache::EntryBytes("session-a", *MakeReport(1, 10'010));
  EXPECT_GE(large - small, 10'000u);
  EXPECT_LT(large - small, 10'100u);
  EXPECT_GT(small, sizeof(model::Report));

  model::Report more = *MakeReport(1, 10);
  more.missing_skills.resize(100);
  EXPECT_GE(ReportCache::EntryBytes("session-a", more), small + 100 * sizeof(model::SkillMention));
  EXPECT_GT(ReportCache::EntryBytes(std::string(100, 's'), *MakeReport(1, 10)), small + 90);
}

// Several threads put and find reports for overlapping ids, with two report_json versions per id
// and a budget small enough to evict all the time. A hit must always be the report that was put
// for that id and that report_json. Run under AddressSanitizer too (the asan preset).
TEST(ReportCacheTest, ConcurrentFindsAndPutsNeverMixUpReports) {
  constexpr int kIds = 8;
  constexpr int kThreads = 4;
  constexpr int kRounds = 3000;
  const std::size_t cost = ReportCache::EntryBytes("session-100", *MakeReport(0));
  ReportCache cache({.max_bytes = 6 * cost, .max_entries = 5});
  std::atomic<int> wrong{0};
  std::atomic<std::uint64_t> finds{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::minstd_rand random(static_cast<unsigned>(t + 1));
      for (int i = 0; i < kRounds; ++i) {
        const int id = static_cast<int>(random() % kIds);
        const int version = (i / 64 + t) % 2;  // two different report_json per id
        const int total = id * 10 + version;
        const std::string session_id = "session-" + std::to_string(100 + id);
        std::shared_ptr<const model::Report> found = cache.Find(session_id, Json(total));
        finds.fetch_add(1);
        if (found == nullptr) {
          cache.Put(session_id, Json(total), MakeReport(total));
        } else if (found->score.total != total) {
          wrong.fetch_add(1);
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  const ReportCacheStats stats = cache.stats();
  EXPECT_EQ(stats.hits + stats.misses, finds.load());
  EXPECT_GT(stats.hits, 0u);
  EXPECT_GT(stats.evictions, 0u);
  EXPECT_LE(stats.entries, 5u);
  EXPECT_LE(stats.bytes, 6 * cost);
}

}  // namespace
}  // namespace rc::service

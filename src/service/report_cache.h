// ReportCache: recently used decoded reports, so a chat question need not decode its session's
// stored report again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "model/report.h"

namespace rc::service {

struct ReportCacheOptions {
  // Budget for the estimated memory of the cached entries (ReportCache::EntryBytes: the decoded
  // report's structs, strings and vectors as allocated, plus the key and the bookkeeping; the
  // report_json itself is not kept). For the engine's reports of the bundled examples an entry
  // is charged about 1.2 times its report_json bytes, some 25 % above what malloc reports for
  // the decoded report, so the default holds roughly 2,500 sessions of 25 KB. 0 disables the
  // cache.
  std::size_t max_bytes = std::size_t{64} << 20;
  // Hard cap on the number of entries, whatever their size.
  std::size_t max_entries = 10'000;
};

// Counters for tests and operations. `bytes` and `entries` are the current totals.
struct ReportCacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t evictions = 0;  // entries dropped for the budget or the cap
  std::size_t entries = 0;
  std::size_t bytes = 0;
};

// A bounded LRU map from session id to the report decoded from that session's report_json. Each
// entry remembers a fingerprint (size and 64-bit hash) of the report_json it was decoded from,
// and a lookup with any other report_json is a miss, so an entry can never answer for a
// different stored report under the same id. It does not know about expiry: callers load the
// session from the store first and only then ask the cache for its report.
//
// Reports are shared and immutable: a reader keeps its report alive after it is evicted.
// Thread-safe: one mutex guards the map and the recency list; hashing, sizing and the release of
// evicted reports happen outside it.
class ReportCache {
 public:
  explicit ReportCache(ReportCacheOptions options = {});
  ReportCache(const ReportCache&) = delete;
  ReportCache& operator=(const ReportCache&) = delete;

  // The report cached for `session_id` when it was decoded from exactly `report_json` (and marks
  // it most recently used); nullptr otherwise. Counts a hit or a miss.
  std::shared_ptr<const model::Report> Find(std::string_view session_id,
                                            std::string_view report_json);

  // Caches `report` (what `report_json` decodes to) for `session_id`, replacing any entry for
  // that id, then evicts least recently used entries until the budget and the cap hold. A report
  // whose EntryBytes alone exceed the budget is not cached. A null `report` is ignored.
  void Put(std::string_view session_id, std::string_view report_json,
           std::shared_ptr<const model::Report> report);

  ReportCacheStats stats() const;

  // The bytes one entry is charged against the budget: an estimate of the heap the decoded
  // report occupies (capacities, not sizes) plus the key and the per-entry bookkeeping.
  static std::size_t EntryBytes(std::string_view session_id, const model::Report& report);

 private:
  struct Fingerprint {
    std::size_t size = 0;
    std::uint64_t hash = 0;
    friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
  };
  struct Entry {
    std::string session_id;
    Fingerprint fingerprint;
    std::shared_ptr<const model::Report> report;
    std::size_t bytes = 0;
  };
  using List = std::list<Entry>;  // most recently used first
  static Fingerprint FingerprintOf(std::string_view report_json);

  const ReportCacheOptions options_;
  mutable std::mutex mu_;
  List lru_;
  // Keys view the session_id of their list entry (list nodes never move).
  std::unordered_map<std::string_view, List::iterator> index_;
  ReportCacheStats stats_;
};

}  // namespace rc::service

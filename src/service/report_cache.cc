// ReportCache.
#include "service/report_cache.h"

#include <functional>
#include <iterator>
#include <utility>
#include <vector>

namespace rc::service {
namespace {

// What the allocator adds to each block (header and rounding), roughly, for glibc malloc.
constexpr std::size_t kAllocationOverhead = 16;
// The list node, the hash-map node and its bucket, and the shared_ptr control block, beyond
// sizeof(Entry) and sizeof(model::Report).
constexpr std::size_t kEntryOverhead = 128;

// Heap bytes owned by a value beyond its own sizeof. Declared first so each overload can use the
// others whatever the order of the definitions.
std::size_t HeapBytes(const std::string& s);
std::size_t HeapBytes(const model::Span&) { return 0; }
template <typename T>
std::size_t HeapBytes(const std::vector<T>& v);
std::size_t HeapBytes(const model::Evidence& e);
std::size_t HeapBytes(const model::RequirementMatch& m);
std::size_t HeapBytes(const model::ScoreFactor& f);
std::size_t HeapBytes(const model::Check& c);
std::size_t HeapBytes(const model::SkillMention& s);
std::size_t HeapBytes(const model::Section& s);
std::size_t HeapBytes(const model::ExperienceEntry& e);
std::size_t HeapBytes(const model::EducationEntry& e);
std::size_t HeapBytes(const model::Requirement& r);

std::size_t HeapBytes(const std::string& s) {
  // Short strings live inside the object (the small-string buffer); a longer one owns a block
  // of capacity() + 1 bytes.
  static const std::size_t kInline = std::string().capacity();
  return s.capacity() > kInline ? s.capacity() + 1 + kAllocationOverhead : 0;
}

template <typename T>
std::size_t HeapBytes(const std::vector<T>& v) {
  if (v.capacity() == 0) return 0;
  std::size_t n = v.capacity() * sizeof(T) + kAllocationOverhead;
  for (const T& x : v) n += HeapBytes(x);
  return n;
}

std::size_t HeapBytes(const model::Evidence& e) {
  return HeapBytes(e.section) + HeapBytes(e.excerpt);
}

std::size_t HeapBytes(const model::RequirementMatch& m) {
  return HeapBytes(m.requirement_id) + HeapBytes(m.evidence) + HeapBytes(m.related_skill) +
         HeapBytes(m.explanation);
}

std::size_t HeapBytes(const model::ScoreFactor& f) {
  return HeapBytes(f.id) + HeapBytes(f.label) + HeapBytes(f.explanation);
}

std::size_t HeapBytes(const model::Check& c) {
  return HeapBytes(c.id) + HeapBytes(c.label) + HeapBytes(c.message) + HeapBytes(c.spans);
}

std::size_t HeapBytes(const model::SkillMention& s) {
  return HeapBytes(s.skill_id) + HeapBytes(s.name) + HeapBytes(s.section);
}

std::size_t HeapBytes(const model::Section& s) { return HeapBytes(s.kind) + HeapBytes(s.heading); }

std::size_t HeapBytes(const model::ExperienceEntry& e) {
  return HeapBytes(e.title) + HeapBytes(e.employer) + HeapBytes(e.bullets);
}

std::size_t HeapBytes(const model::EducationEntry& e) {
  return HeapBytes(e.degree_level) + HeapBytes(e.field) + HeapBytes(e.institution);
}

std::size_t HeapBytes(const model::Requirement& r) {
  return HeapBytes(r.id) + HeapBytes(r.name) + HeapBytes(r.skill_id) + HeapBytes(r.skill_kind) +
         HeapBytes(r.degree_level);
}

std::size_t HeapBytes(const model::ResumeFacts& r) {
  const model::Contact& c = r.contact;
  return HeapBytes(c.name) + HeapBytes(c.email) + HeapBytes(c.phone) + HeapBytes(c.links) +
         HeapBytes(c.location) + HeapBytes(r.sections) + HeapBytes(r.experience) +
         HeapBytes(r.education) + HeapBytes(r.certifications);
}

std::size_t HeapBytes(const model::JobFacts& j) {
  return HeapBytes(j.title) + HeapBytes(j.seniority) + HeapBytes(j.degree_level) +
         HeapBytes(j.requirements);
}

std::size_t HeapBytes(const model::Report& r) {
  return HeapBytes(r.engine_version) + HeapBytes(r.taxonomy_version) + HeapBytes(r.score.factors) +
         HeapBytes(r.matches) + HeapBytes(r.matched_skills) + HeapBytes(r.missing_skills) +
         HeapBytes(r.extra_skills) + HeapBytes(r.checks) + HeapBytes(r.resume) + HeapBytes(r.job) +
         HeapBytes(r.warnings);
}

}  // namespace

ReportCache::ReportCache(ReportCacheOptions options) : options_(options) {}

ReportCache::Fingerprint ReportCache::FingerprintOf(std::string_view report_json) {
  // Not a security boundary: the size and a 64-bit hash tell a session's own stored report from
  // any other one it could plausibly be compared with.
  return Fingerprint{report_json.size(), std::hash<std::string_view>()(report_json)};
}

std::size_t ReportCache::EntryBytes(std::string_view session_id, const model::Report& report) {
  return sizeof(Entry) + kEntryOverhead + sizeof(model::Report) + HeapBytes(report) +
         HeapBytes(std::string(session_id));
}

std::shared_ptr<const model::Report> ReportCache::Find(std::string_view session_id,
                                                       std::string_view report_json) {
  const Fingerprint fingerprint = FingerprintOf(report_json);
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = index_.find(session_id);
  if (it == index_.end() || it->second->fingerprint != fingerprint) {
    ++stats_.misses;
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  ++stats_.hits;
  return it->second->report;
}

void ReportCache::Put(std::string_view session_id, std::string_view report_json,
                      std::shared_ptr<const model::Report> report) {
  if (report == nullptr || options_.max_entries == 0 || options_.max_bytes == 0) return;
  const std::size_t bytes = EntryBytes(session_id, *report);
  if (bytes > options_.max_bytes) return;
  // The new node is built, and the dropped ones are released, outside the lock.
  List added;
  added.push_back(
      Entry{std::string(session_id), FingerprintOf(report_json), std::move(report), bytes});
  List dropped;
  std::lock_guard<std::mutex> lock(mu_);
  if (const auto old = index_.find(session_id); old != index_.end()) {
    const List::iterator node = old->second;
    index_.erase(old);
    stats_.bytes -= node->bytes;
    dropped.splice(dropped.end(), lru_, node);
  }
  lru_.splice(lru_.begin(), added);
  index_.emplace(lru_.front().session_id, lru_.begin());
  stats_.bytes += bytes;
  // The new entry fits the budget on its own, so it is never the one evicted.
  while (stats_.bytes > options_.max_bytes || lru_.size() > options_.max_entries) {
    const List::iterator last = std::prev(lru_.end());
    index_.erase(last->session_id);
    stats_.bytes -= last->bytes;
    dropped.splice(dropped.end(), lru_, last);
    ++stats_.evictions;
  }
  stats_.entries = lru_.size();
}

ReportCacheStats ReportCache::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

}  // namespace rc::service

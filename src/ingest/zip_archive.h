// A read-only, bounded view of a ZIP archive held in memory (libzip): the central directory is
// checked before anything is inflated, and inflated bytes are counted while reading.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/ingest.h"

struct zip;

namespace rc::ingest {

// Error messages shared by the DOCX reader.
Status DamagedDocx();
Status DocxTooBig(size_t limit);

// A ZIP archive opened from memory. Not thread-safe; `bytes` and `limits` must outlive it.
class ZipArchive {
 public:
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;
  ~ZipArchive();

  // Opens `bytes` and checks every central-directory entry before any inflation: the entry
  // count, the declared sizes (per entry and in total), the compression ratio of entries of
  // 64 KiB or more, encryption and Unix symlinks. Unprocessable with a plain message otherwise.
  static Result<std::unique_ptr<ZipArchive>> Open(std::string_view bytes, const Limits& limits);

  // The entry's bytes, nullopt when there is no such entry. Counts the bytes actually inflated
  // against limits.max_uncompressed_bytes over the archive and kMaxPartBytes per entry
  // (declared sizes may lie); Unprocessable when a cap is passed or the data is damaged.
  Result<std::optional<std::string>> Read(const std::string& name);

  // Entry names, in archive order.
  const std::vector<std::string>& names() const { return names_; }

  static constexpr size_t kMaxPartBytes = 20 << 20;     // one XML part, e.g. word/document.xml
  static constexpr size_t kRatioCheckBytes = 64 << 10;  // small entries may compress very well

 private:
  ZipArchive(struct zip* zip, const Limits& limits) : zip_(zip), limits_(limits) {}
  Status CheckDirectory();

  struct zip* zip_;
  const Limits& limits_;
  size_t inflated_ = 0;
  std::vector<std::string> names_;
};

}  // namespace rc::ingest

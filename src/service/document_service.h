// DocumentService: the "turn an uploaded file into text" use case (PDF, DOCX, text, Markdown).
#pragma once

#include <string_view>
#include <utility>

#include "base/status.h"
#include "ingest/ingest.h"

namespace rc::service {

// Extracts the visible text of an uploaded document with the configured limits. Blocking (a PDF
// is read in a child process): call it from a worker thread. Thread-safe; stateless apart from
// its limits.
class DocumentService {
 public:
  explicit DocumentService(ingest::Limits limits) : limits_(std::move(limits)) {}

  // The document's visible text, format, page count and warnings; the hints are the request's
  // Content-Type and filename (either may be empty). Errors are those of ingest::Extract():
  // PayloadTooLarge over the file limit, UnsupportedMediaType for an unknown or mismatched
  // type, Unprocessable for an encrypted, scanned, corrupt or oversized document, Unavailable
  // when every PDF reader slot stays busy. A document whose visible text is empty is
  // Unprocessable, never an empty success.
  Result<ingest::Document> Extract(std::string_view bytes, std::string_view content_type,
                                   std::string_view filename) const;

  const ingest::Limits& limits() const { return limits_; }

 private:
  ingest::Limits limits_;
};

}  // namespace rc::service

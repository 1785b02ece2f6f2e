// Text and hidden-text extraction from a PDF with poppler-cpp; runs inside the isolated worker
// process only, never in the server.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rc::ingest {

struct PdfTextOptions {
  int max_pages = 20;
  size_t max_text_bytes = 400000;
};

// Reads the PDF in `bytes` and returns the worker's framed output (see worker_frame.h): a page
// count, the visible text of each page, hidden pieces with warnings, then a done record; or an
// error record whose reason is one of: damaged, encrypted, too_many_pages, too_much_text,
// no_text, memory.
std::string PdfToFrames(std::string_view bytes, const PdfTextOptions& options);

}  // namespace rc::ingest

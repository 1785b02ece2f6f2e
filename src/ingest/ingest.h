// Document ingestion: PDF, DOCX, plain text and Markdown bytes to plain text, with hidden text
// separated out and reported.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace rc::ingest {

enum class Format { kPdf, kDocx, kText, kMarkdown };

// Wire name: "pdf", "docx", "text", "markdown".
std::string_view FormatName(Format format);

// Something in the document a reader would not see (or should notice) but a machine reads.
struct Warning {
  // hidden_text, tiny_font, white_text, off_page, vanish, zero_width, bidi_control, tag_chars,
  // comment, metadata, instruction_like.
  std::string kind;
  std::string message;   // one plain sentence for the job seeker
  std::string excerpt;   // the text concerned, at most ~200 bytes of UTF-8
  std::string location;  // "page 2", "body, paragraph 14", "header (word/header1.xml)", ...
};

// The result of an extraction. `text` is what a reader sees; `hidden_text` holds the parts a
// reader would not see (one piece per line), so that scoring can ignore them.
struct Document {
  std::string text;  // valid UTF-8, '\n' newlines, no zero-width or tag characters
  Format format = Format::kText;
  int pages = 1;  // PDF page count; 1 for the other formats
  std::vector<Warning> warnings;
  std::string hidden_text;
};

// Caps that keep a hostile or huge file from hurting the caller.
struct Limits {
  size_t max_file_bytes = 10 << 20;
  int max_pages = 20;
  size_t max_text_bytes = 400000;
  size_t max_uncompressed_bytes = 50 << 20;  // DOCX: total inflated bytes (declared and actual)
  int max_zip_entries = 1000;
  double max_compression_ratio = 100;  // DOCX: per entry of 64 KiB or more
  int pdf_cpu_seconds = 5;
  size_t pdf_memory_bytes = 512 << 20;
  int pdf_wall_ms = 10000;
  // PDF workers running at once in this process; a caller beyond the cap waits up to
  // pdf_wall_ms for a slot, then gets Unavailable. 0 means no cap.
  int max_concurrent_pdf_workers = 4;
  // Absolute path of the resume-coach-pdf-worker executable; PDFs are rejected when empty.
  std::string pdf_worker_path;
};

// Detects the type from the bytes and extracts the text.
// `content_type_hint` (a MIME type, may carry parameters) and `filename_hint` (only its
// extension is used) may be empty. Returns:
//  - PayloadTooLarge when `bytes` exceeds limits.max_file_bytes;
//  - UnsupportedMediaType when the bytes are not PDF, DOCX or text, or when an explicit hint
//    names a different type than the bytes (a PDF named .docx, a PNG sent as application/pdf);
//  - Unprocessable for an encrypted PDF, a PDF without a text layer (scanned), a corrupt or
//    truncated file, a zip bomb, too many pages, too much text, a document with no visible
//    text, or a PDF reader that crashed or ran out of time or memory.
// At most 20 warnings of each kind are listed, followed by one that counts the rest.
// Thread-safe; a PDF is read in a child process (see docs/ingest.md).
Result<Document> Extract(std::string_view bytes, std::string_view content_type_hint,
                         std::string_view filename_hint, const Limits& limits);

// The worker path to use when it is installed next to the executable at `executable_path`
// (for instance the target of /proc/self/exe).
std::string PdfWorkerPathNextTo(std::string_view executable_path);

}  // namespace rc::ingest

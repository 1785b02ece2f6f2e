// PDF reading through the isolated resume-coach-pdf-worker process.
#pragma once

#include <string_view>

#include "base/status.h"
#include "ingest/ingest.h"

namespace rc::ingest {

// Runs limits.pdf_worker_path on `bytes` in a child process with RLIMIT_AS =
// limits.pdf_memory_bytes, RLIMIT_CPU = limits.pdf_cpu_seconds, no core files, no file writes,
// an empty environment, only stdin (a sealed memory file holding the PDF), stdout (a pipe) and
// stderr (/dev/null) open, and a wall-clock kill after limits.pdf_wall_ms. Returns the text,
// hidden text and warnings; Unavailable when the worker is missing; Unprocessable with a plain
// message for encrypted, damaged, scanned (no text layer), too long or too large PDFs and when
// the worker crashes or exceeds its limits. At most limits.max_concurrent_pdf_workers workers
// run at once in the process; a caller beyond that waits up to pdf_wall_ms, then gets
// Unavailable. Does not run the text screens (Extract does).
// Thread-safe; blocks the calling thread until the worker ends.
Result<Document> ExtractPdf(std::string_view bytes, const Limits& limits);

}  // namespace rc::ingest

// resume-coach-pdf-worker: reads one PDF on stdin and writes its text as framed records on
// stdout. Started by rc::ingest::Extract in a child process with CPU, memory and time limits.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "ingest/pdf_worker/pdf_text.h"

namespace {

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

// In sanitized builds the worker runs with an empty environment, so its sanitizer options are
// compiled in: poppler keeps some process-lifetime caches that leak checking would report.
extern "C" const char* __asan_default_options() { return "detect_leaks=0"; }

// Usage: resume-coach-pdf-worker --max-pages N --max-text-bytes N --max-input-bytes N
int main(int argc, char** argv) {
  rc::ingest::PdfTextOptions options;
  size_t max_input = 10 << 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    long long value = std::atoll(argv[i + 1]);
    if (value <= 0) return 2;
    if (flag == "--max-pages") {
      options.max_pages = static_cast<int>(value);
    } else if (flag == "--max-text-bytes") {
      options.max_text_bytes = static_cast<size_t>(value);
    } else if (flag == "--max-input-bytes") {
      max_input = static_cast<size_t>(value);
    } else {
      return 2;
    }
  }
  std::string input;
  char buffer[1 << 16];
  while (true) {
    ssize_t n = read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return 3;
    }
    if (n == 0) break;
    input.append(buffer, static_cast<size_t>(n));
    if (input.size() > max_input) return 4;
  }
  return WriteAll(STDOUT_FILENO, rc::ingest::PdfToFrames(input, options)) ? 0 : 3;
}

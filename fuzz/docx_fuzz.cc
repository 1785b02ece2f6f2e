// libFuzzer target: arbitrary bytes into the DOCX extractor (ZIP checks, XML walk, hidden runs).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/utf8.h"
#include "ingest/docx.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rc::ingest::Limits limits;
  limits.max_uncompressed_bytes = 4 << 20;  // keeps each run fast; the logic is the same
  auto doc =
      rc::ingest::ExtractDocx(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (doc.ok() && doc->hidden_text.size() > limits.max_uncompressed_bytes) __builtin_trap();
  return 0;
}

// libFuzzer target: arbitrary bytes through Extract() (type detection, text decoding, screens,
// and the DOCX path when the bytes look like a ZIP). PDFs are refused: no worker is configured.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/utf8.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rc::ingest::Limits limits;
  limits.max_uncompressed_bytes = 4 << 20;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto doc = rc::ingest::Extract(bytes, "", "", limits);
  if (doc.ok()) {
    // The contract: valid UTF-8, no CR, something visible.
    if (rc::FindInvalidUtf8(doc->text).has_value()) __builtin_trap();
    if (doc->text.find('\r') != std::string_view::npos) __builtin_trap();
    if (doc->text.find_first_not_of(" \t\n") == std::string::npos) __builtin_trap();
  }
  return 0;
}

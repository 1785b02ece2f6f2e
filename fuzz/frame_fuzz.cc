// libFuzzer target: the parser of the PDF worker's framed output.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/worker_frame.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto frames = rc::ingest::ParseFrames(bytes);
  if (frames.ok()) {
    // Re-encoding what was parsed and parsing again must give the same records.
    std::string again;
    for (const auto& f : *frames) rc::ingest::AppendFrame(f.tag, f.payload, &again);
    auto reparsed = rc::ingest::ParseFrames(again);
    if (!reparsed.ok() || reparsed->size() != frames->size()) __builtin_trap();
    for (size_t i = 0; i < frames->size(); ++i) {
      if ((*reparsed)[i].tag != (*frames)[i].tag ||
          (*reparsed)[i].payload != (*frames)[i].payload) {
        __builtin_trap();
      }
    }
  }
  return 0;
}

// A single-pass reader of chat.completion.chunk events: checks the event is JSON exactly as the
// JSON library accepts it in strict mode and picks out the members DecodeStreamChunk reports,
// without building a document or copying keys.
#pragma once

#include <string_view>

#include "llm/openai_protocol.h"

namespace rc::llm {

// Containers nested deeper than this are not followed; see ChunkScanResult::kTooDeep.
inline constexpr int kChunkScanMaxDepth = 64;

// What ScanStreamChunk found.
enum class ChunkScanResult {
  // A JSON object; the chunk holds its choices[0].delta.content, choices[0].finish_reason and
  // usage counts.
  kChunk,
  // An object member that makes the event an error payload (a top-level "error" that is not
  // null, choices[0].finish_reason "error", or an array or object choices[0].error): the event
  // must be decoded from the full document. The rest of the event was not checked.
  kNeedsDocument,
  // Not JSON, or JSON that is not an object.
  kMalformed,
  // An array or object nested deeper than kChunkScanMaxDepth before any of the above was
  // decided. The JSON library sets no depth limit, so the caller decodes such events with it.
  kTooDeep,
};

// Reads one event's data into `*chunk`, which must be default-constructed. Duplicate members are
// read in order, as the JSON library's event parser reports them: a later scalar replaces an
// earlier value, a later array or object where a scalar is expected leaves it as it was, and a
// later "usage" object starts the counts again from 0. Member names compare after unescaping.
// Validity follows nlohmann::json in strict mode, including its leniencies: a UTF-8 byte order
// mark may open the data, a NUL byte outside strings ends it, and numbers are errors when they
// overflow a double. Token counts are integers clamped to [0, INT64_MAX]; other numbers count
// as 0. Allocates only for the content and finish_reason strings (and not at all when they fit
// in std::string's inline buffer).
ChunkScanResult ScanStreamChunk(std::string_view data, StreamChunk* chunk);

}  // namespace rc::llm

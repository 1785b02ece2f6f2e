// Tests for the stream chunk scanner: what it decides on its own, the allocations it makes, and
// agreement with the JSON library on many mutated events. Its own binary: it replaces the global
// operator new to count allocations.
#include "llm/chunk_scanner.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <new>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "llm/openai_protocol.h"

namespace {
std::int64_t allocations = 0;  // operator new calls so far (the tests run on one thread)
}  // namespace

void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace rc::llm {
namespace {

constexpr std::string_view kTokenChunk =
    R"({"id":"chatcmpl-AX1k9cZ3pQ7r2Lm8nB4vT6yW0sEhU","object":"chat.completion.chunk",)"
    R"("created":1732521600,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1",)"
    R"("choices":[{"index":0,"delta":{"content":" candidate"},"logprobs":null,"finish_reason":null}]})";

constexpr std::string_view kUsageChunk =
    R"({"id":"chatcmpl-AX1k9cZ3pQ7r2Lm8nB4vT6yW0sEhU","object":"chat.completion.chunk",)"
    R"("created":1732521600,"model":"gpt-4o-mini-2024-07-18","choices":[],"usage":)"
    R"({"prompt_tokens":812,"completion_tokens":96,"total_tokens":908,"prompt_tokens_details":)"
    R"({"cached_tokens":0}}})";

ChunkScanResult Scan(std::string_view data, StreamChunk* chunk = nullptr) {
  StreamChunk local;
  return ScanStreamChunk(data, chunk != nullptr ? chunk : &local);
}

// `depth` arrays nested in one member of the top-level object (so depth + 1 levels in all).
std::string NestedArrays(int depth) {
  return R"({"x":)" + std::string(static_cast<std::size_t>(depth), '[') +
         std::string(static_cast<std::size_t>(depth), ']') + "}";
}

TEST(ScanStreamChunkTest, ReadsTheCommonChunk) {
  StreamChunk chunk;
  ASSERT_EQ(Scan(kTokenChunk, &chunk), ChunkScanResult::kChunk);
  EXPECT_EQ(chunk.content, " candidate");
  EXPECT_EQ(chunk.finish_reason, "");
  EXPECT_FALSE(chunk.usage);
  EXPECT_FALSE(chunk.done);

  StreamChunk usage;
  ASSERT_EQ(Scan(kUsageChunk, &usage), ChunkScanResult::kChunk);
  ASSERT_TRUE(usage.usage);
  EXPECT_EQ(usage.usage->prompt_tokens, 812);
  EXPECT_EQ(usage.usage->completion_tokens, 96);
  EXPECT_FALSE(usage.usage->estimated);
}

TEST(ScanStreamChunkTest, ErrorMembersNeedTheDocument) {
  EXPECT_EQ(Scan(R"({"error":{"code":"x"}})"), ChunkScanResult::kNeedsDocument);
  EXPECT_EQ(Scan(R"({"error":[]})"), ChunkScanResult::kNeedsDocument);
  EXPECT_EQ(Scan(R"({"error":"text"})"), ChunkScanResult::kNeedsDocument);
  EXPECT_EQ(Scan(R"({"error":false})"), ChunkScanResult::kNeedsDocument);
  EXPECT_EQ(Scan(R"({"choices":[{"finish_reason":"error"}]})"), ChunkScanResult::kNeedsDocument);
  EXPECT_EQ(Scan(R"({"choices":[{"error":{}}]})"), ChunkScanResult::kNeedsDocument);
  EXPECT_EQ(Scan(R"({"choices":[{"error":[1]}]})"), ChunkScanResult::kNeedsDocument);
  // Decided as soon as it is seen: the rest is the document's to check.
  EXPECT_EQ(Scan(R"({"error":{"code":"x"}, garbage)"), ChunkScanResult::kNeedsDocument);

  EXPECT_EQ(Scan(R"({"error":null})"), ChunkScanResult::kChunk);
  EXPECT_EQ(Scan(R"({"choices":[{"error":1}]})"), ChunkScanResult::kChunk);
  EXPECT_EQ(Scan(R"({"choices":[{"delta":{"error":{}}},{"error":{}}]})"), ChunkScanResult::kChunk);
  EXPECT_EQ(Scan(R"({"x":{"error":{}}})"), ChunkScanResult::kChunk);
  EXPECT_EQ(Scan(R"({"choices":[{"finish_reason":"errors"}]})"), ChunkScanResult::kChunk);
}

TEST(ScanStreamChunkTest, MalformedOrNotAnObject) {
  for (std::string_view data : {"", "[]", "\"x\"", "1", "{", R"({"a":1}x)", R"({"a":01})"}) {
    EXPECT_EQ(Scan(data), ChunkScanResult::kMalformed) << data;
  }
}

TEST(ScanStreamChunkTest, NestingIsBounded) {
  // The top-level object is level 1.
  EXPECT_EQ(Scan(NestedArrays(kChunkScanMaxDepth - 1)), ChunkScanResult::kChunk);
  EXPECT_EQ(Scan(NestedArrays(kChunkScanMaxDepth)), ChunkScanResult::kTooDeep);
  EXPECT_EQ(Scan(NestedArrays(100000)), ChunkScanResult::kTooDeep);
  // Whatever is decided first wins.
  EXPECT_EQ(Scan(R"({"x":1,,)" + NestedArrays(100)), ChunkScanResult::kMalformed);
  const std::string deep_then_bad = R"({"x":)" + std::string(100, '[') + "}";
  EXPECT_EQ(Scan(deep_then_bad), ChunkScanResult::kTooDeep);
  // DecodeStreamChunk then asks the JSON library, which has no depth limit.
  EXPECT_EQ(DecodeStreamChunk(deep_then_bad).error.kind, LlmErrorKind::kBadResponse);
  EXPECT_TRUE(DecodeStreamChunk(NestedArrays(100000)).chunk);
}

std::int64_t AllocationsToDecode(std::string_view data) {
  const std::int64_t before = allocations;
  const DecodedChunk decoded = DecodeStreamChunk(data);
  const std::int64_t made = allocations - before;
  EXPECT_TRUE(decoded.chunk) << data;
  return made;
}

TEST(ScanStreamChunkTest, AllocatesOnlyForContentBeyondTheInlineBuffer) {
  EXPECT_EQ(AllocationsToDecode(kTokenChunk), 0);
  EXPECT_EQ(AllocationsToDecode(kUsageChunk), 0);
  EXPECT_EQ(AllocationsToDecode(R"({"choices":[{"d\u0065lta":{"con\u0074ent":"x"}}]})"), 0);
  EXPECT_EQ(AllocationsToDecode(
                R"({"choices":[{"delta":{"content":"a token longer than the inline buffer"}}]})"),
            1);
  EXPECT_EQ(
      AllocationsToDecode(
          R"({"choices":[{"delta":{"content":"an escaped\ntoken longer than the buffer"}}]})"),
      1);
  // The counter does see allocations: the library's event parser makes several per chunk.
  const std::int64_t before = allocations;
  const DecodedChunk library = DecodeStreamChunkWithJsonLibrary(kTokenChunk);
  EXPECT_GT(allocations - before, 2);
  EXPECT_TRUE(library.chunk);
}

// Everything a decoded event says, for comparing two decoders.
std::string Describe(const DecodedChunk& d) {
  if (!d.chunk) {
    return "error " + std::string(LlmErrorKindName(d.error.kind)) + " " + d.error.status.ToString();
  }
  std::string out = "content[" + d.chunk->content + "] finish[" + d.chunk->finish_reason + "]";
  if (d.chunk->usage) {
    out += " usage " + std::to_string(d.chunk->usage->prompt_tokens) + "/" +
           std::to_string(d.chunk->usage->completion_tokens) +
           (d.chunk->usage->estimated ? " estimated" : "");
  }
  if (d.chunk->done) out += " done";
  return out;
}

// A deterministic cousin of fuzz/chunk_fuzz.cc: mutations of real chunk shapes (byte changes,
// JSON fragments spliced in, ranges deleted or repeated) decode the same with both decoders.
TEST(ScanStreamChunkTest, AgreesWithTheJsonLibraryOnMutatedChunks) {
  const std::vector<std::string> seeds = {
      std::string(kTokenChunk),
      std::string(kUsageChunk),
      R"({"choices":[{"delta":{"content":"caf\u00e9 \ud83d\ude00 \"q\"\n"},"finish_reason":"stop"}]})",
      R"({"choices":[{"delta":{},"finish_reason":"error","error":{"code":"rate_limit_exceeded"}}]})",
      R"({"error":{"message":"boom","type":"insufficient_quota","code":null}})",
      R"({"choices":[{"delta":{"con\u0074ent":"a","content":"b"}},{"delta":{"content":"c"}}],)"
      R"("usage":{"prompt_tokens":1e3,"completion_tokens":-0},"usage":[]})",
  };
  const std::vector<std::string> fragments = {
      "\"choices\":[{",
      "\"delta\":{",
      "\"content\":",
      "\"usage\":{",
      "\"error\":",
      "\"finish_reason\":",
      "\"prompt_tokens\":",
      "null",
      "true",
      "-0",
      "1e309",
      "18446744073709551616",
      "\\u00e9",
      "\\ud83d",
      "\\ude00",
      "\\\"",
      "\xC3\xA9",
      "\xED\xA0\x80",
      "\xEF\xBB\xBF",
      std::string(1, '\0'),
      "[[[[",
      "]}",
      ",",
      ":",
      "\"",
  };
  std::mt19937 random(20261125);
  auto below = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n == 0 ? 0 : n - 1)(random);
  };
  int disagreements = 0;
  int chunks = 0;  // mutations still decoded as chunks, so that both paths are exercised
  for (int i = 0; i < 20000 && disagreements < 5; ++i) {
    std::string data = seeds[below(seeds.size())];
    for (int edits = 1 + static_cast<int>(below(3)); edits > 0; --edits) {
      const std::size_t at = below(data.size() + 1);
      switch (below(4)) {
        case 0:
          if (at < data.size()) data[at] = static_cast<char>(below(256));
          break;
        case 1:
          data.insert(at, fragments[below(fragments.size())]);
          break;
        case 2:
          data.erase(at, below(8));
          break;
        default:
          data.insert(at, data.substr(at, below(16)));
          break;
      }
    }
    const DecodedChunk decoded = DecodeStreamChunk(data);
    chunks += decoded.chunk ? 1 : 0;
    const std::string fast = Describe(decoded);
    const std::string library = Describe(DecodeStreamChunkWithJsonLibrary(data));
    if (fast != library) {
      ++disagreements;
      ADD_FAILURE() << "data: " << data << "\nscanner: " << fast << "\nlibrary: " << library;
    }
  }
  EXPECT_GT(chunks, 2000);
}

}  // namespace
}  // namespace rc::llm

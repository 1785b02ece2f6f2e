// Tests for request bodies, chunk decoding, error classification and retry timing.
#include "llm/openai_protocol.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace rc::llm {
namespace {

using std::chrono::milliseconds;

TEST(BuildRequestBodyTest, AlwaysSetsMaxTokensAndStreaming) {
  LlmConfig config;
  config.model = "gpt-4o-mini";
  config.max_tokens = 321;
  ChatRequest request;
  request.messages = {{"system", "rules"}, {"user", "caf\xC3\xA9?"}};
  auto body = nlohmann::json::parse(BuildRequestBody(config, request));
  EXPECT_EQ(body["model"], "gpt-4o-mini");
  EXPECT_EQ(body["stream"], true);
  EXPECT_EQ(body["stream_options"]["include_usage"], true);
  EXPECT_EQ(body["max_tokens"], 321);
  ASSERT_EQ(body["messages"].size(), 2u);
  EXPECT_EQ(body["messages"][1]["content"], "caf\xC3\xA9?");

  request.max_tokens = 50;
  body = nlohmann::json::parse(BuildRequestBody(config, request));
  EXPECT_EQ(body["max_tokens"], 50);
}

TEST(BuildRequestBodyTest, InvalidUtf8DoesNotThrow) {
  LlmConfig config;
  ChatRequest request;
  request.messages = {{"user", "bad \xFF byte"}};
  const std::string body = BuildRequestBody(config, request);
  EXPECT_NE(body.find("bad"), std::string::npos);
}

TEST(DecodeStreamChunkTest, ContentFinishUsageAndDone) {
  DecodedChunk d = DecodeStreamChunk(
      R"({"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}],"usage":null})");
  ASSERT_TRUE(d.chunk);
  EXPECT_EQ(d.chunk->content, "Hi");
  EXPECT_FALSE(d.chunk->done);
  EXPECT_FALSE(d.chunk->usage);

  d = DecodeStreamChunk(R"({"choices":[{"delta":{},"finish_reason":"length"}]})");
  ASSERT_TRUE(d.chunk);
  EXPECT_EQ(d.chunk->finish_reason, "length");

  d = DecodeStreamChunk(R"({"choices":[],"usage":{"prompt_tokens":42,"completion_tokens":13}})");
  ASSERT_TRUE(d.chunk);
  ASSERT_TRUE(d.chunk->usage);
  EXPECT_EQ(d.chunk->usage->prompt_tokens, 42);
  EXPECT_EQ(d.chunk->usage->completion_tokens, 13);
  EXPECT_FALSE(d.chunk->usage->estimated);

  d = DecodeStreamChunk("[DONE]");
  ASSERT_TRUE(d.chunk);
  EXPECT_TRUE(d.chunk->done);
}

TEST(DecodeStreamChunkTest, OddTypesNeverThrow) {
  // Servers differ: null or string counts, a non-object delta, a numeric content.
  for (const char* data :
       {R"({"choices":[],"usage":{"prompt_tokens":null,"completion_tokens":"7"}})",
        R"({"choices":[{"delta":"text","finish_reason":7}]})",
        R"({"choices":[{"delta":{"content":42}}]})", R"({"choices":"none"})",
        R"({"error":"plain string"})", R"({"choices":[{"finish_reason":"error","error":5}]})"}) {
    DecodedChunk d = DecodeStreamChunk(data);
    if (d.chunk) {
      EXPECT_EQ(d.chunk->content, "") << data;
    }
  }
  DecodedChunk d =
      DecodeStreamChunk(R"({"choices":[],"usage":{"prompt_tokens":null,"completion_tokens":-3}})");
  ASSERT_TRUE(d.chunk && d.chunk->usage);
  EXPECT_EQ(d.chunk->usage->prompt_tokens, 0);
  EXPECT_EQ(d.chunk->usage->completion_tokens, 0);
}

TEST(DecodeStreamChunkTest, ReadsOnlyTheFirstChoicesDeltaWhereverMembersAppear) {
  DecodedChunk d = DecodeStreamChunk(
      R"({"usage":null,"model":{"content":"no"},"choices":[{"logprobs":{"content":[{"token":"x"}]},)"
      R"("delta":{"role":"assistant","content":"caf\u00e9 \"q\"\n"},"index":0},)"
      R"({"delta":{"content":"second choice"}}],"id":"c1","content":"top"})");
  ASSERT_TRUE(d.chunk);
  EXPECT_EQ(d.chunk->content, "caf\xC3\xA9 \"q\"\n");
  EXPECT_FALSE(d.chunk->usage);
  d = DecodeStreamChunk(R"({"choices":[7,{"delta":{"content":"not the first"}}]})");
  ASSERT_TRUE(d.chunk);
  EXPECT_EQ(d.chunk->content, "");
  d = DecodeStreamChunk(
      R"({"usage":{"completion_tokens":5,"details":{"prompt_tokens":9}},"choices":[]})");
  ASSERT_TRUE(d.chunk && d.chunk->usage);
  EXPECT_EQ(d.chunk->usage->prompt_tokens, 0);
  EXPECT_EQ(d.chunk->usage->completion_tokens, 5);
  d = DecodeStreamChunk(R"({"error":null,"choices":[{"delta":{"content":"ok"}}]})");
  ASSERT_TRUE(d.chunk);
  EXPECT_EQ(d.chunk->content, "ok");
}

TEST(DecodeStreamChunkTest, RoleOnlyChunkHasNoContent) {
  DecodedChunk d = DecodeStreamChunk(R"({"choices":[{"delta":{"role":"assistant"}}]})");
  ASSERT_TRUE(d.chunk);
  EXPECT_EQ(d.chunk->content, "");
}

TEST(DecodeStreamChunkTest, MalformedDataIsBadResponse) {
  for (const char* data : {"{\"choices\": [", "not json", "[1,2]", "\"text\""}) {
    DecodedChunk d = DecodeStreamChunk(data);
    EXPECT_FALSE(d.chunk) << data;
    EXPECT_EQ(d.error.kind, LlmErrorKind::kBadResponse) << data;
    EXPECT_EQ(d.error.status.code(), StatusCode::kUnavailable);
  }
}

TEST(DecodeStreamChunkTest, ErrorEventsAreClassified) {
  DecodedChunk d = DecodeStreamChunk(R"({"error":{"message":"boom","code":"server_error"}})");
  ASSERT_FALSE(d.chunk);
  EXPECT_EQ(d.error.kind, LlmErrorKind::kUpstreamError);
  EXPECT_NE(d.error.status.message().find("server_error"), std::string::npos);
  EXPECT_EQ(d.error.status.message().find("boom"), std::string::npos);

  d = DecodeStreamChunk(R"({"error":{"type":"insufficient_quota","code":null}})");
  EXPECT_EQ(d.error.kind, LlmErrorKind::kQuotaExhausted);

  // OpenRouter style: an error after streaming started, as finish_reason "error".
  d = DecodeStreamChunk(
      R"({"choices":[{"delta":{},"finish_reason":"error","error":{"code":"rate_limit_exceeded"}}]})");
  EXPECT_EQ(d.error.kind, LlmErrorKind::kRateLimited);
}

// One line per decoded event, so that the expectations below read as a table. Bytes outside
// printable ASCII (and the backslash) are written as \xNN.
std::string Describe(const DecodedChunk& d) {
  if (!d.chunk) return "error=" + std::string(LlmErrorKindName(d.error.kind));
  auto escape = [](std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
      if (c >= 0x20 && c < 0x7F && c != '\\') {
        out.push_back(static_cast<char>(c));
      } else {
        constexpr char kHex[] = "0123456789ABCDEF";
        out += "\\x";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
      }
    }
    return out;
  };
  std::string out = "content=" + escape(d.chunk->content) +
                    " finish=" + escape(d.chunk->finish_reason) + " usage=";
  if (d.chunk->usage) {
    out += std::to_string(d.chunk->usage->prompt_tokens) + "/" +
           std::to_string(d.chunk->usage->completion_tokens) +
           (d.chunk->usage->estimated ? " estimated" : "");
  } else {
    out += "-";
  }
  if (d.chunk->done) out += " done";
  return out;
}

struct ChunkCase {
  std::string data;
  std::string expected;  // Describe() of the result
};

// Checks DecodeStreamChunk, and the JSON library's decoding it must agree with.
void ExpectDecodes(const std::vector<ChunkCase>& cases) {
  for (const ChunkCase& c : cases) {
    EXPECT_EQ(Describe(DecodeStreamChunk(c.data)), c.expected) << "data: " << c.data;
    EXPECT_EQ(Describe(DecodeStreamChunkWithJsonLibrary(c.data)), c.expected) << "data: " << c.data;
  }
}

// Wraps `content_json` (a JSON value) as choices[0].delta.content.
std::string WithContent(std::string_view content_json) {
  return R"({"choices":[{"index":0,"delta":{"content":)" + std::string(content_json) + "}}]}";
}

// Wraps `count_json` (a JSON value) as usage.prompt_tokens.
std::string WithPromptTokens(std::string_view count_json) {
  return R"({"choices":[],"usage":{"completion_tokens":1,"prompt_tokens":)" +
         std::string(count_json) + "}}";
}

const std::string kBad = "error=bad_response";

TEST(DecodeStreamChunkTest, TypicalOpenAiChunks) {
  ExpectDecodes({
      {R"({"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1732521600,)"
       R"("model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1","choices":)"
       R"([{"index":0,"delta":{"content":" world"},"logprobs":null,"finish_reason":null}]})",
       "content= world finish= usage=-"},
      {R"({"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1732521600,)"
       R"("model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":812,)"
       R"("completion_tokens":96,"total_tokens":908,"prompt_tokens_details":{"cached_tokens":0}}})",
       "content= finish= usage=812/96"},
      {R"({"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]})",
       "content= finish=stop usage=-"},
      {"{}", "content= finish= usage=-"},
  });
}

TEST(DecodeStreamChunkTest, StringEscapesAndUnicode) {
  ExpectDecodes({
      {WithContent(R"("a\"b\\c\/d\b\f\n\r\t")"), R"(content=a"b\x5Cc/d\x08\x0C\x0A\x0D\x09)"
                                                 " finish= usage=-"},
      {WithContent(R"("\u0041\u007f\u0080\u07FF\u0800\uFFFF\u00e9\u20AC")"),
       R"(content=A\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xC3\xA9\xE2\x82\xAC)"
       " finish= usage=-"},
      // A surrogate pair is one code point (U+1F600), in either case of hex digit.
      {WithContent(R"("\ud83d\ude00\uD83D\uDE00\udbff\udfff")"),
       R"(content=\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF finish= usage=-)"},
      {WithContent(R"("\u0000x")"), R"(content=\x00x finish= usage=-)"},
      // Raw UTF-8 passes through unchanged; DEL is not a control character for JSON.
      {WithContent("\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \x7F\""),
       R"(content=caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \x7F finish= usage=-)"},
      {WithContent(R"("")"), "content= finish= usage=-"},
  });
}

TEST(DecodeStreamChunkTest, InvalidStringsAreMalformedWhereverTheyAre) {
  for (const std::string& bad_string :
       std::vector<std::string>{R"("\ud83d")",
                                R"("\ud83dx")",
                                R"("\ude00")",
                                R"("\ud83d\u0041")",
                                R"("\ud83d\ud83d")",
                                R"("\ud83d\n")",
                                R"("\u12")",
                                R"("\u12G4")",
                                R"("\x41")",
                                R"("\'")",
                                R"("\U0041")",
                                "\"\\",
                                "\"abc",
                                "\"\xFF\"",
                                "\"\xC0\x80\"",
                                "\"\xC1\xBF\"",
                                "\"\xE0\x80\x80\"",
                                "\"\xED\xA0\x80\"",      // a UTF-8 encoded surrogate
                                "\"\xF4\x90\x80\x80\"",  // above U+10FFFF
                                "\"\xF5\x80\x80\x80\"",
                                "\"\xE2\x82\"",
                                "\"\x80\"",
                                "\"\xC3\"",
                                "\"a\x01\"",
                                "\"a\nb\"",
                                "\"a\tb\"",
                                std::string("\"a\0b\"", 5)}) {
    EXPECT_EQ(Describe(DecodeStreamChunk(WithContent(bad_string))), kBad) << bad_string;
    // In a member nobody reads, and as a key.
    EXPECT_EQ(Describe(DecodeStreamChunk(R"({"id":)" + bad_string + "}")), kBad) << bad_string;
    EXPECT_EQ(Describe(DecodeStreamChunk("{" + bad_string + ":1}")), kBad) << bad_string;
  }
}

TEST(DecodeStreamChunkTest, KeysCompareDecoded) {
  ExpectDecodes({
      {R"({"\u0063hoices":[{"d\u0065lta":{"con\u0074ent":"x"},"finish\u005freason":"stop"}],)"
       R"("\u0075sage":{"prompt\u005ftokens":1,"completion_tokens":2}})",
       "content=x finish=stop usage=1/2"},
      {R"({"choices":[{"delta":{"con\/tent":"x","Content":"y","conten":"z","contentx":"w"}}]})",
       "content= finish= usage=-"},
      {R"({"choices":[{"delta":{"content\u0000":"x"}}]})", "content= finish= usage=-"},
      {R"({"choices":[{"delta":{"\u0063\u0063\u0063\u0063\u0063\u0063\u0063\u0063\u0063)"
       R"(\u0063\u0063\u0063\u0063\u0063\u0063\u0063\u0063\u0063\u0063\u0063\u0063\u0063)"
       R"(\u0063\u0063\u0063\u0063\u0063\u0063\u0063\u0063\u0063\u0063\u0063\u0063\u0063":"x",)"
       R"("content":"y"}}]})",
       "content=y finish= usage=-"},
      {R"({"\u0065rror":{"code":"server_error"}})", "error=upstream_error"},
      // The longest name the decoder reads, escaped, and one byte more.
      {R"({"usage":{"completion\u005ftokens":4,"completion\u005ftokensx":5}})",
       "content= finish= usage=0/4"},
      {"{\"choices\":[{\"delta\":{\"cont\xC3\xA9nt\":\"x\",\"content\":\"y\"}}]}",
       "content=y finish= usage=-"},
  });
}

TEST(DecodeStreamChunkTest, TokenCountsAreNonNegativeIntegers) {
  ExpectDecodes({
      {WithPromptTokens("7"), "content= finish= usage=7/1"},
      {WithPromptTokens("0"), "content= finish= usage=0/1"},
      {WithPromptTokens("-0"), "content= finish= usage=0/1"},
      {WithPromptTokens("-1"), "content= finish= usage=0/1"},
      {WithPromptTokens("1e3"), "content= finish= usage=0/1"},
      {WithPromptTokens("1E+2"), "content= finish= usage=0/1"},
      {WithPromptTokens("1.5"), "content= finish= usage=0/1"},
      {WithPromptTokens("10.0"), "content= finish= usage=0/1"},
      {WithPromptTokens("1e-2"), "content= finish= usage=0/1"},
      {WithPromptTokens("1e-400"), "content= finish= usage=0/1"},
      {WithPromptTokens("0e999999999999999999999"), "content= finish= usage=0/1"},
      {WithPromptTokens("1.7976931348623157e308"), "content= finish= usage=0/1"},
      {WithPromptTokens("1.7976931348623158e308"), "content= finish= usage=0/1"},  // rounds down
      {WithPromptTokens("0.00017976931348623157e312"), "content= finish= usage=0/1"},
      {WithPromptTokens("9223372036854775807"), "content= finish= usage=9223372036854775807/1"},
      {WithPromptTokens("9223372036854775808"), "content= finish= usage=9223372036854775807/1"},
      {WithPromptTokens("18446744073709551615"), "content= finish= usage=9223372036854775807/1"},
      // Beyond 64 bits the JSON library reads a floating-point number: not a count.
      {WithPromptTokens("18446744073709551616"), "content= finish= usage=0/1"},
      {WithPromptTokens("-9223372036854775808"), "content= finish= usage=0/1"},
      {WithPromptTokens("-9223372036854775809"), "content= finish= usage=0/1"},
      {WithPromptTokens("\"12\""), "content= finish= usage=0/1"},
      {WithPromptTokens("true"), "content= finish= usage=0/1"},
      {WithPromptTokens("[12]"), "content= finish= usage=0/1"},
      {R"({"created":-1.5e-7,"usage":{}})", "content= finish= usage=0/0"},
  });
  for (const char* bad : {"01", "1.", ".5", "-", "1e", "1e+", "+1", "-01", "0x10", "NaN",
                          "Infinity", "-Infinity", "1.e3", "00", "1ee2", "--1", "1.5.2",
                          // Numbers that overflow a double are errors for the JSON library.
                          "1e400", "-1e400", "1.7976931348623159e308", "1e999999999999999999999",
                          "0.00017976931348623159e312"}) {
    EXPECT_EQ(Describe(DecodeStreamChunk(WithPromptTokens(bad))), kBad) << bad;
  }
  EXPECT_EQ(Describe(DecodeStreamChunk(WithPromptTokens(std::string(309, '9')))), kBad);
  EXPECT_EQ(Describe(DecodeStreamChunk(WithPromptTokens("-" + std::string(309, '9')))), kBad);
  EXPECT_EQ(Describe(DecodeStreamChunk(WithPromptTokens(std::string(308, '9')))),
            "content= finish= usage=0/1");
}

TEST(DecodeStreamChunkTest, UsageOnlyWhenAnObjectAtTheTop) {
  ExpectDecodes({
      {R"({"usage":{}})", "content= finish= usage=0/0"},
      {R"({"usage":[]})", "content= finish= usage=-"},
      {R"({"usage":"12"})", "content= finish= usage=-"},
      {R"({"usage":5})", "content= finish= usage=-"},
      {R"({"usage":{"prompt_tokens":null,"completion_tokens":true}})",
       "content= finish= usage=0/0"},
      {R"({"choices":[{"usage":{"prompt_tokens":3}}],"x":{"usage":{}}})",
       "content= finish= usage=-"},
  });
}

TEST(DecodeStreamChunkTest, OnlyTheFirstChoiceAndItsDeltaCount) {
  ExpectDecodes({
      {R"({"choices":[{"delta":{}},{"delta":{"content":"2nd"},"finish_reason":"stop"}]})",
       "content= finish= usage=-"},
      {R"({"choices":[[{"delta":{"content":"x"}}],{"delta":{"content":"y"}}]})",
       "content= finish= usage=-"},
      {R"({"choices":[null,{"delta":{"content":"y"}}]})", "content= finish= usage=-"},
      {R"({"choices":{"delta":{"content":"x"}}})", "content= finish= usage=-"},
      {R"({"delta":{"content":"x"},"finish_reason":"stop"})", "content= finish= usage=-"},
      {R"({"choices":[{"content":"x","delta":{"x":{"content":"no"}}}]})",
       "content= finish= usage=-"},
      {R"({"x":{"choices":[{"delta":{"content":"no"}}]},"y":[{"choices":[{"delta":{"content":)"
       R"("no"}}]}],"choices":[{"delta":{"extra":{"content":"no"},"content":"yes","more":[[{}]]}}]})",
       "content=yes finish= usage=-"},
      {WithContent("null"), "content= finish= usage=-"},
      {WithContent("12"), "content= finish= usage=-"},
      {WithContent("[\"x\"]"), "content= finish= usage=-"},
      {R"({"choices":[{"delta":"x","finish_reason":7}]})", "content= finish= usage=-"},
  });
}

// Duplicate members are read in order, as the event parser reports them: a later scalar replaces
// an earlier value, while a later array or object where a scalar was expected leaves it alone.
// Events that go through the document (error payloads) see only the last duplicate.
TEST(DecodeStreamChunkTest, DuplicateMembersAsTheyAreReadToday) {
  ExpectDecodes({
      {R"({"choices":[{"delta":{"content":"a","content":"b"}}]})", "content=b finish= usage=-"},
      {R"({"choices":[{"delta":{"content":"a","content":null}}]})", "content= finish= usage=-"},
      {R"({"choices":[{"delta":{"content":"a","content":5}}]})", "content= finish= usage=-"},
      {R"({"choices":[{"delta":{"content":"a","content":{}}}]})", "content=a finish= usage=-"},
      {R"({"choices":[{"delta":{"content":"a"},"delta":{}}]})", "content=a finish= usage=-"},
      {R"({"choices":[{"delta":{"content":"a"},"delta":"x"}]})", "content=a finish= usage=-"},
      {R"({"choices":[{"delta":{"content":"a"}}],"choices":[{"delta":{"content":"b"}}]})",
       "content=b finish= usage=-"},
      {R"({"choices":[{"delta":{"content":"a"}}],"choices":{}})", "content=a finish= usage=-"},
      {R"({"choices":[{"delta":{"content":"a"}}],"choices":[7]})", "content=a finish= usage=-"},
      {R"({"choices":[{"finish_reason":"stop","finish_reason":null}]})",
       "content= finish= usage=-"},
      {R"({"choices":[{"finish_reason":"stop","finish_reason":[]}]})",
       "content= finish=stop usage=-"},
      {R"({"usage":{"prompt_tokens":1,"completion_tokens":2},"usage":null})",
       "content= finish= usage=-"},
      {R"({"usage":{"prompt_tokens":1},"usage":{"completion_tokens":2}})",
       "content= finish= usage=0/2"},
      {R"({"usage":{"prompt_tokens":1,"completion_tokens":2},"usage":[]})",
       "content= finish= usage=1/2"},
      {R"({"usage":null,"usage":{"prompt_tokens":3}})", "content= finish= usage=3/0"},
      {R"({"usage":{"prompt_tokens":5,"prompt_tokens":"x"}})", "content= finish= usage=0/0"},
      {R"({"usage":{"prompt_tokens":5,"prompt_tokens":{}}})", "content= finish= usage=5/0"},
      // An error member sends the event through the document, where the last duplicate wins.
      {R"({"error":1,"error":null,"choices":[{"delta":{"content":"a","content":{}}}]})",
       "content= finish= usage=-"},
      {R"({"error":null,"error":1})", "error=upstream_error"},
      {R"({"choices":[{"delta":{"content":"a"},"finish_reason":"error","finish_reason":"stop"}]})",
       "content=a finish=stop usage=-"},
  });
}

TEST(DecodeStreamChunkTest, ErrorMembers) {
  ExpectDecodes({
      {R"({"error":false})", "error=upstream_error"},
      {R"({"error":0})", "error=upstream_error"},
      {R"({"error":[]})", "error=upstream_error"},
      {R"({"error":"x"})", "error=upstream_error"},
      {R"({"error":null})", "content= finish= usage=-"},
      {R"({"choices":[{"delta":{"content":"a"}}],"error":{"code":"rate_limit_exceeded"}})",
       "error=rate_limited"},
      {R"({"choices":[{"delta":{},"finish_reason":"error"}]})", "error=upstream_error"},
      {R"({"choices":[{"delta":{},"finish_reason":"error","error":{"code":"insufficient_quota"}}]})",
       "error=quota_exhausted"},
      // An error object in a choice counts only with finish_reason "error".
      {R"({"choices":[{"delta":{"content":"a"},"error":{"code":"x"},"finish_reason":"stop"}]})",
       "content=a finish=stop usage=-"},
      {R"({"choices":[{"delta":{"content":"a"},"error":5}]})", "content=a finish= usage=-"},
      {R"({"choices":[{"delta":{}},{"finish_reason":"error"}]})", "content= finish= usage=-"},
      {R"({"x":{"error":{}},"choices":[{"delta":{"error":1}}]})", "content= finish= usage=-"},
      {R"({"choices":[{"delta":{"content":"a"}}],"error":{"code":"x")", kBad},
  });
}

TEST(DecodeStreamChunkTest, StrictJsonAroundTheObject) {
  const std::string bom = "\xEF\xBB\xBF";
  ExpectDecodes({
      {" \t\r\n{}\n ", "content= finish= usage=-"},
      {bom + " {}", "content= finish= usage=-"},
      // The JSON library stops reading at a NUL byte outside strings.
      {std::string("{}\0garbage", 10), "content= finish= usage=-"},
      {std::string(R"({"choices":[{"delta":{"content":"a"}}]} )") + std::string("\0{", 2),
       "content=a finish= usage=-"},
      {std::string("\0{}", 3), kBad},
      {"\xEF\xBB{}", kBad},
      {bom + bom + "{}", kBad},
      {" " + bom + "{}", kBad},
      {"", kBad},
      {" \n", kBad},
      {"{} x", kBad},
      {"{}{}", kBad},
      {"{},", kBad},
      {"{}}", kBad},
      {R"({"a":1,})", kBad},
      {R"({"a" 1})", kBad},
      {R"({"a":})", kBad},
      {R"({,})", kBad},
      {R"({"a":1 "b":2})", kBad},
      {R"({'a':1})", kBad},
      {R"({a:1})", kBad},
      {R"({"a":1 /* c */})", kBad},
      {R"({"a":1} // c)", kBad},
      {R"({"a":tru})", kBad},
      {R"({"a":True})", kBad},
      {R"({"a":nul})", kBad},
      {R"({"a":nulls})", kBad},
      {R"({"a":[1 2]})", kBad},
      {R"({"a":[1,]})", kBad},
      {R"({"a":[})", kBad},
      {R"({"a":[}])", kBad},
      {R"({"a":{]})", kBad},
      {R"({"a":"x})", kBad},
      {"{\"a\":1\x0B}", kBad},  // vertical tab is not JSON whitespace
      {"{\"a\":1\xC2\xA0}", kBad},
      {"[]", kBad},
      {R"("x")", kBad},
      {"1", kBad},
      {"null", kBad},
      {"true", kBad},
  });
}

TEST(DecodeStreamChunkTest, DeepNestingInMembersNobodyReads) {
  // The JSON library sets no depth limit, so neither may the decoder change the outcome.
  for (int depth : {10, 62, 63, 64, 65, 66, 200, 10000}) {
    const std::string nested = std::string(depth, '[') + std::string(depth, ']');
    EXPECT_EQ(Describe(DecodeStreamChunk(R"({"x":)" + nested +
                                         R"(,"choices":[{"delta":{)"
                                         R"("content":"deep"}}]})")),
              "content=deep finish= usage=-")
        << depth;
    std::string objects;
    for (int i = 0; i < depth; ++i) objects += R"({"content":)";
    objects += "1" + std::string(depth, '}');
    EXPECT_EQ(Describe(DecodeStreamChunk(R"({"choices":[{"delta":{"content":"a","x":)" + objects +
                                         "}}]}")),
              "content=a finish= usage=-")
        << depth;
    EXPECT_EQ(Describe(DecodeStreamChunk(R"({"x":)" + std::string(depth, '[') + "}")), kBad)
        << depth;
    EXPECT_EQ(Describe(DecodeStreamChunk(R"({"error":)" + nested + "}")), "error=upstream_error")
        << depth;
  }
}

TEST(DecodeCompletionBodyTest, AcceptsNonStreamedCompletion) {
  DecodedChunk d = DecodeCompletionBody(
      R"({"choices":[{"message":{"role":"assistant","content":"plain"},"finish_reason":"stop"}]})");
  ASSERT_TRUE(d.chunk);
  EXPECT_EQ(d.chunk->content, "plain");
  EXPECT_EQ(d.chunk->finish_reason, "stop");
  d = DecodeCompletionBody("<html>502</html>");
  ASSERT_FALSE(d.chunk);
  EXPECT_EQ(d.error.kind, LlmErrorKind::kBadResponse);
  EXPECT_NE(d.error.status.message().find("not JSON"), std::string::npos);
}

TEST(ParseRetryAfterTest, MillisecondsSecondsAndDates) {
  const auto now = std::chrono::system_clock::from_time_t(1'445'412'480);  // 2015-10-21 07:28:00
  EXPECT_EQ(ParseRetryAfter("1500", "", now), milliseconds(1500));
  EXPECT_EQ(ParseRetryAfter("", "2", now), milliseconds(2000));
  EXPECT_EQ(ParseRetryAfter("", " 0.5 ", now), milliseconds(500));
  EXPECT_EQ(ParseRetryAfter("250", "20", now), milliseconds(250));  // -ms wins
  EXPECT_EQ(ParseRetryAfter("", "Wed, 21 Oct 2015 07:28:30 GMT", now), milliseconds(30000));
  EXPECT_EQ(ParseRetryAfter("", "", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("", "0", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("", "-3", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("", "soon", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("", "Wed, 21 Oct 2015 07:27:00 GMT", now), std::nullopt);  // past
}

TEST(ClassifyHttpFailureTest, DistinguishesTheCauses) {
  const std::string quota =
      R"({"error":{"type":"insufficient_quota","code":"insufficient_quota"}})";
  const std::string rate = R"({"error":{"type":"requests","code":"rate_limit_exceeded"}})";

  HttpFailure f = ClassifyHttpFailure(429, quota, milliseconds(2000), "");
  EXPECT_EQ(f.kind, LlmErrorKind::kQuotaExhausted);
  EXPECT_FALSE(f.retryable);
  EXPECT_NE(f.status.message().find("quota"), std::string::npos);

  f = ClassifyHttpFailure(429, rate, milliseconds(2000), "");
  EXPECT_EQ(f.kind, LlmErrorKind::kRateLimited);
  EXPECT_TRUE(f.retryable);
  EXPECT_EQ(f.status.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(f.status.message().find("try again in 2 s"), std::string::npos);

  f = ClassifyHttpFailure(
      401, R"({"error":{"message":"Incorrect API key provided: sk-abc***xyz"}})", std::nullopt, "");
  EXPECT_EQ(f.kind, LlmErrorKind::kAuthFailed);
  EXPECT_FALSE(f.retryable);
  EXPECT_EQ(f.status.message().find("sk-"), std::string::npos);

  for (int code : {500, 502, 503, 504, 408, 409}) {
    f = ClassifyHttpFailure(code, "", std::nullopt, "");
    EXPECT_EQ(f.kind, LlmErrorKind::kUpstreamError) << code;
    EXPECT_TRUE(f.retryable) << code;
  }
  f = ClassifyHttpFailure(503, R"({"error":{"code":"server_is_overloaded"}})", std::nullopt, "");
  EXPECT_EQ(f.kind, LlmErrorKind::kRateLimited);

  f = ClassifyHttpFailure(400, R"({"error":{"code":"context_length_exceeded"}})", std::nullopt, "");
  EXPECT_EQ(f.kind, LlmErrorKind::kUpstreamError);
  EXPECT_FALSE(f.retryable);
  EXPECT_NE(f.status.message().find("context_length_exceeded"), std::string::npos);

  f = ClassifyHttpFailure(307, "", std::nullopt, "");
  EXPECT_EQ(f.kind, LlmErrorKind::kBadResponse);
  EXPECT_FALSE(f.retryable);
  EXPECT_NE(f.status.message().find("redirect"), std::string::npos);
}

TEST(ClassifyHttpFailureTest, ShouldRetryHeaderOverrides) {
  EXPECT_FALSE(ClassifyHttpFailure(500, "", std::nullopt, "false").retryable);
  EXPECT_TRUE(ClassifyHttpFailure(400, "", std::nullopt, "true").retryable);
  const std::string quota = R"({"error":{"code":"insufficient_quota"}})";
  EXPECT_FALSE(ClassifyHttpFailure(429, quota, std::nullopt, "true").retryable);
}

TEST(BackoffDelayTest, ExponentialCappedAndJittered) {
  RetryPolicy policy;  // 500 ms initial, 8 s cap
  EXPECT_EQ(BackoffDelay(policy, 0, 0.0), milliseconds(500));
  EXPECT_EQ(BackoffDelay(policy, 1, 0.0), milliseconds(1000));
  EXPECT_EQ(BackoffDelay(policy, 2, 0.0), milliseconds(2000));
  EXPECT_EQ(BackoffDelay(policy, 10, 0.0), milliseconds(8000));
  EXPECT_EQ(BackoffDelay(policy, 1, 1.0), milliseconds(750));  // at most 25% shorter
  EXPECT_EQ(BackoffDelay(policy, 40, 0.5), milliseconds(7000));
}

TEST(EstimateTokensTest, FourBytesPerToken) {
  EXPECT_EQ(EstimateTokens(""), 0);
  EXPECT_EQ(EstimateTokens("abcd"), 1);
  EXPECT_EQ(EstimateTokens("abcde"), 2);
}

}  // namespace
}  // namespace rc::llm

// Tests for DecodeText: encodings, BOMs and newline normalization.
#include "ingest/text_decode.h"

#include <gtest/gtest.h>

#include <string>

namespace rc::ingest {
namespace {

TEST(DecodeTextTest, KeepsValidUtf8WithoutBom) {
  TextEncoding enc;
  EXPECT_EQ(DecodeText("Zoë — Engineer ✓", &enc), "Zoë — Engineer ✓");
  EXPECT_EQ(enc, TextEncoding::kUtf8);
}

TEST(DecodeTextTest, DropsUtf8Bom) { EXPECT_EQ(DecodeText("\xEF\xBB\xBFJane Doe"), "Jane Doe"); }

TEST(DecodeTextTest, DecodesUtf16LittleEndianWithBom) {
  const std::string bytes("\xFF\xFEZ\0o\0\xEB\0\r\0\n\0A\0", 14);
  TextEncoding enc;
  EXPECT_EQ(DecodeText(bytes, &enc), "Zoë\nA");
  EXPECT_EQ(enc, TextEncoding::kUtf16Le);
}

TEST(DecodeTextTest, DecodesUtf16BigEndianSurrogatePairs) {
  // "A" U+1F600 "B"
  const std::string bytes("\xFE\xFF\0A\xD8\x3D\xDE\x00\0B", 10);
  TextEncoding enc;
  EXPECT_EQ(DecodeText(bytes, &enc),
            "A\xF0\x9F\x98\x80"
            "B");
  EXPECT_EQ(enc, TextEncoding::kUtf16Be);
}

TEST(DecodeTextTest, ReplacesUnpairedSurrogateAndOddTrailingByte) {
  const std::string bytes(
      "\xFF\xFE\x00\xD8"
      "A\0"
      "B",
      7);
  EXPECT_EQ(DecodeText(bytes),
            "\xEF\xBF\xBD"
            "A\xEF\xBF\xBD");
}

TEST(DecodeTextTest, FallsBackToWindows1252ForInvalidUtf8) {
  TextEncoding enc;
  EXPECT_EQ(DecodeText("caf\xE9 \x93quoted\x94 \x80 5", &enc), "café “quoted” € 5");
  EXPECT_EQ(enc, TextEncoding::kWindows1252);
}

TEST(DecodeTextTest, UndefinedWindows1252BytesBecomeLatin1) {
  EXPECT_EQ(DecodeText("a\x81z\xFF"), "a\xC2\x81zÿ");
}

TEST(DecodeTextTest, NormalizesNewlinesAndDropsControls) {
  EXPECT_EQ(DecodeText(std::string("a\r\nb\rc\n\td\0e\x01\x7F", 14)), "a\nb\nc\n\tde");
}

}  // namespace
}  // namespace rc::ingest

// Tests for UTF-8 validation.
#include "base/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace rc {
namespace {

TEST(Utf8Test, AcceptsValidText) {
  EXPECT_FALSE(FindInvalidUtf8("plain ascii").has_value());
  EXPECT_FALSE(FindInvalidUtf8("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80").has_value());
  EXPECT_FALSE(FindInvalidUtf8("").has_value());
}

TEST(Utf8Test, RejectsInvalidSequencesAtTheirOffset) {
  EXPECT_EQ(FindInvalidUtf8("ab\xFF").value(), 2u);
  EXPECT_EQ(FindInvalidUtf8("\xC0\xAF").value(), 0u);          // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80").value(), 1u);     // surrogate
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80").value(), 0u);  // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("abc\xE2\x80").value(), 3u);       // truncated
}

TEST(Utf8Test, CountsCodePoints) {
  EXPECT_EQ(CountCodePoints("caf\xC3\xA9"), 4u);
  EXPECT_EQ(CountCodePoints("\xF0\x9F\x98\x80!"), 2u);
}

}  // namespace
}  // namespace rc

// Tests for AsciiLower.
#include "base/ascii.h"

#include <gtest/gtest.h>

namespace rc {
namespace {

TEST(AsciiLower, FoldsOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower("Text/Event-Stream; Q=0.9"), "text/event-stream; q=0.9");
  EXPECT_EQ(AsciiLower("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");  // É stays É
  EXPECT_EQ(AsciiLower(""), "");
}

}  // namespace
}  // namespace rc

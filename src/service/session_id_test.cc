// Tests for session id generation and encoding.
#include "service/session_id.h"

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

namespace rc::service {
namespace {

TEST(Base64Url, MatchesRfc4648Vectors) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
  // The URL-safe alphabet: 0xFB 0xFF maps to "-_8" rather than "+/8".
  EXPECT_EQ(Base64UrlEncode("\xFB\xFF"), "-_8");
}

TEST(NewSessionId, HasTheDocumentedShape) {
  Result<std::string> id = NewSessionId();
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->size(), kSessionIdLength);
  EXPECT_TRUE(LooksLikeSessionId(*id));
}

TEST(NewSessionId, IdsAreUniqueAndEveryBitVaries) {
  constexpr int kCount = 20000;
  std::set<std::string> seen;
  // For each of the 43 positions, count how often each of the 6 bits of the symbol is set.
  std::array<std::array<int, 6>, kSessionIdLength> ones{};
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (int i = 0; i < kCount; ++i) {
    Result<std::string> id = NewSessionId();
    ASSERT_TRUE(id.ok());
    EXPECT_TRUE(seen.insert(*id).second);
    for (std::size_t p = 0; p < kSessionIdLength; ++p) {
      const auto v = alphabet.find((*id)[p]);
      for (int b = 0; b < 6; ++b) ones[p][b] += static_cast<int>((v >> b) & 1);
    }
  }
  // The last symbol carries 4 data bits (256 = 42*6 + 4): its low 2 bits are always 0.
  for (std::size_t p = 0; p < kSessionIdLength; ++p) {
    const int first_bit = p + 1 == kSessionIdLength ? 2 : 0;
    for (int b = first_bit; b < 6; ++b) {
      EXPECT_GT(ones[p][b], kCount * 45 / 100) << "position " << p << " bit " << b;
      EXPECT_LT(ones[p][b], kCount * 55 / 100) << "position " << p << " bit " << b;
    }
  }
}

TEST(LooksLikeSessionId, RejectsOtherShapes) {
  EXPECT_FALSE(LooksLikeSessionId(""));
  EXPECT_FALSE(LooksLikeSessionId(std::string(42, 'a')));
  EXPECT_FALSE(LooksLikeSessionId(std::string(44, 'a')));
  EXPECT_FALSE(LooksLikeSessionId(std::string(42, 'a') + "="));
  EXPECT_FALSE(LooksLikeSessionId(std::string(42, 'a') + "/"));
  EXPECT_TRUE(LooksLikeSessionId(std::string(43, '-')));
}

TEST(SessionIdPrefix, KeepsAtMostSixCharacters) {
  EXPECT_EQ(SessionIdPrefix("abcdefghij"), "abcdef");
  EXPECT_EQ(SessionIdPrefix("abc"), "abc");
}

}  // namespace
}  // namespace rc::service

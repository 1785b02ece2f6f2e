// Tests for Normalize: substitutions and the offset map back to the original text.
#include "engine/text/normalizer.h"

#include <gtest/gtest.h>

namespace rc::engine {
namespace {

TEST(NormalizerTest, FoldsTypographyAndKeepsOffsets) {
  const std::string original = "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x94 ok";  // “Hi” — ok
  const NormalizedText n = Normalize(original);
  EXPECT_EQ(n.text, "\"Hi\" - ok");
  ASSERT_EQ(n.offsets.size(), n.text.size() + 1);
  // "Hi" is at normalized [1,3) and original [3,5).
  EXPECT_EQ(n.ToOriginal(1, 3), (model::Span{3, 5}));
  // "ok" maps to the last two original bytes.
  const auto span = n.ToOriginal(n.text.size() - 2, n.text.size());
  EXPECT_EQ(original.substr(span.begin, span.end - span.begin), "ok");
}

TEST(NormalizerTest, RemovesSoftHyphenAndZeroWidth) {
  const NormalizedText n = Normalize(
      "ingre\xC2\xAD"
      "dients\xE2\x80\x8B!");
  EXPECT_EQ(n.text, "ingredients!");
  EXPECT_EQ(n.ToOriginal(0, 11), (model::Span{0, 16}));
}

TEST(NormalizerTest, LigaturesBulletsAndLineEnds) {
  const NormalizedText n = Normalize("\xEF\xAC\x81le\r\n\xE2\x80\xA2 item\rx");
  EXPECT_EQ(n.text, "file\n* item\nx");
  // A range ending inside the expanded ligature covers the whole source character.
  EXPECT_EQ(n.ToOriginal(0, 1), (model::Span{0, 3}));
}

TEST(NormalizerTest, InvalidUtf8BecomesQuestionMark) {
  const NormalizedText n =
      Normalize(std::string("a\xFF"
                            "b"));
  EXPECT_EQ(n.text, "a?b");
  EXPECT_EQ(n.ToOriginal(2, 3), (model::Span{2, 3}));
}

TEST(NormalizerTest, KeepsOtherUnicode) {
  const NormalizedText n = Normalize("caf\xC3\xA9");
  EXPECT_EQ(n.text, "caf\xC3\xA9");
  EXPECT_EQ(n.ToOriginal(3, 5), (model::Span{3, 5}));
}

}  // namespace
}  // namespace rc::engine

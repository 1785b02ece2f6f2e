// Tests for text field validation.
#include "service/validation.h"

#include <gtest/gtest.h>

#include <string>

namespace rc::service {
namespace {

TEST(ValidateText, AcceptsOrdinaryText) {
  EXPECT_TRUE(ValidateText("resume", "Jane Doe\nNurse", 100).ok());
}

TEST(ValidateText, RejectsEmptyAndBlankNamingTheField) {
  for (std::string_view text : {"", "   ", "\n\t \r\n"}) {
    Status s = ValidateText("resume", text, 100);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(s.message(), "resume is empty");
  }
}

TEST(ValidateText, RejectsInvalidUtf8WithTheOffset) {
  Status s = ValidateText("job_description", std::string("ab\xC3(", 4), 100);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "job_description is not valid UTF-8 (byte 2)");
}

TEST(ValidateText, RejectsNul) {
  Status s = ValidateText("question", std::string("a\0b", 3), 100);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("question"), std::string::npos);
}

TEST(ValidateText, CountsCharactersNotBytes) {
  // 5 two-byte characters: 10 bytes, within a 5-character limit.
  const std::string five = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";
  EXPECT_TRUE(ValidateText("question", five, 5).ok());
  Status s = ValidateText("question", five + "x", 5);
  EXPECT_EQ(s.code(), StatusCode::kPayloadTooLarge);
  EXPECT_EQ(s.message(), "question is longer than 5 characters");
}

TEST(ValidateText, LimitIsInclusive) {
  EXPECT_TRUE(ValidateText("resume", std::string(10, 'a'), 10).ok());
  EXPECT_FALSE(ValidateText("resume", std::string(11, 'a'), 10).ok());
}

}  // namespace
}  // namespace rc::service

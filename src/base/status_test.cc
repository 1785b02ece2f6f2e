// Tests for Status, Result and the status macros.
#include "base/status.h"

#include <gtest/gtest.h>

#include <string>

namespace rc {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgumentError("x must be even");
  return x / 2;
}

Result<int> Quarter(int x) {
  RC_ASSIGN_OR_RETURN(int h, Half(x));
  RC_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckPositive(int x) {
  if (x <= 0) return InvalidArgumentError("x must be positive");
  return Status::Ok();
}

Status CheckBoth(int a, int b) {
  RC_RETURN_IF_ERROR(CheckPositive(a));
  RC_RETURN_IF_ERROR(CheckPositive(b));
  return Status::Ok();
}

TEST(StatusTest, OkAndError) {
  EXPECT_TRUE(Status::Ok().ok());
  Status s = NotFoundError("session not found");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ToString(), "NOT_FOUND: session not found");
  EXPECT_EQ(StatusCodeName(StatusCode::kPayloadTooLarge), "PAYLOAD_TOO_LARGE");
}

TEST(ResultTest, ValueAndErrorPropagate) {
  EXPECT_EQ(Quarter(8).value(), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "x must be even");
  EXPECT_EQ(r.value_or(-1), -1);
}

TEST(StatusMacrosTest, ReturnIfError) {
  EXPECT_TRUE(CheckBoth(1, 2).ok());
  EXPECT_EQ(CheckBoth(1, -2).message(), "x must be positive");
}

}  // namespace
}  // namespace rc

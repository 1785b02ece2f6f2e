// Tests for the Status -> HTTP mapping and the error body.
#include "server/http_error.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace rc::server {
namespace {

TEST(HttpStatusFor, FollowsTheStyleTable) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kFailedPrecondition), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPayloadTooLarge), 413);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnsupportedMediaType), 415);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnprocessable), 422);
  EXPECT_EQ(HttpStatusFor(StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInternal), 500);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(StatusCode::kDeadlineExceeded), 504);
}

TEST(ErrorResponse, HasTheDocumentedShape) {
  HttpResponse res = ErrorResponse(NotFoundError("session not found"));
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.headers.Get("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(res.headers.Get("cache-control"), "no-store");
  const auto body = nlohmann::json::parse(res.body);
  EXPECT_EQ(body, nlohmann::json::parse(
                      R"({"error":{"code":"NOT_FOUND","message":"session not found"}})"));
}

TEST(ErrorResponse, HidesInternalDetails) {
  HttpResponse res = ErrorResponse(InternalError("sqlite: disk I/O error at /secret/path"));
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body.find("secret"), std::string::npos);
  EXPECT_NE(res.body.find("\"INTERNAL\""), std::string::npos);
}

TEST(ErrorResponse, UnavailableAsksToRetry) {
  HttpResponse res = ErrorResponse(UnavailableError("busy"));
  EXPECT_EQ(res.status, 503);
  EXPECT_EQ(res.headers.Get("retry-after"), "1");
}

TEST(ErrorResponse, RetryAfterComesFromTheStatusRoundedUpToSeconds) {
  HttpResponse limited =
      ErrorResponse(ResourceExhaustedError("too many AI requests").WithRetryAfter(11'200));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.headers.Get("retry-after"), "12");
  HttpResponse exact = ErrorResponse(UnavailableError("paused").WithRetryAfter(3000));
  EXPECT_EQ(exact.headers.Get("retry-after"), "3");
}

}  // namespace
}  // namespace rc::server

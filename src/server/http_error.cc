// HTTP error responses.
#include "server/http_error.h"

#include <nlohmann/json.hpp>
#include <string>

namespace rc::server {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
    case StatusCode::kFailedPrecondition:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kPayloadTooLarge:
      return 413;
    case StatusCode::kUnsupportedMediaType:
      return 415;
    case StatusCode::kUnprocessable:
      return 422;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kDeadlineExceeded:
      return 504;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse ErrorResponse(int http_status, std::string_view code, std::string_view message) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
  HttpResponse res;
  res.status = http_status;
  res.headers.Set("content-type", "application/json; charset=utf-8");
  res.headers.Set("cache-control", "no-store");
  res.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return res;
}

HttpResponse ErrorResponse(const Status& status) {
  const int http = HttpStatusFor(status.code());
  std::string_view message = status.message();
  if (status.code() == StatusCode::kInternal) message = "internal error";
  HttpResponse res = ErrorResponse(http, StatusCodeName(status.code()), message);
  if (status.code() == StatusCode::kUnavailable ||
      status.code() == StatusCode::kResourceExhausted) {
    const std::int64_t ms = status.retry_after_ms();
    res.headers.Set("retry-after", ms > 0 ? std::to_string((ms + 999) / 1000) : "1");
  }
  return res;
}

}  // namespace rc::server

// Status and Result<T>: errors as values across module boundaries.
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace rc {

// The error categories; pick the most specific one. server/ maps each to an HTTP status
// (see STYLE.md): kInvalidArgument 400, kNotFound 404, kAlreadyExists 409,
// kFailedPrecondition 400, kResourceExhausted 429, kPayloadTooLarge 413,
// kUnsupportedMediaType 415, kUnprocessable 422, kUnavailable 503,
// kDeadlineExceeded 504, kInternal 500.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kResourceExhausted,
  kPayloadTooLarge,
  kUnsupportedMediaType,
  kUnprocessable,
  kUnavailable,
  kDeadlineExceeded,
  kInternal,
};

// Upper-snake name used on the wire, e.g. "NOT_FOUND".
std::string_view StatusCodeName(StatusCode code);

// An outcome: ok, or a code with a lower-case message that names the input and the limit.
// Messages never carry secrets or whole documents. Cheap to copy when ok.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "NOT_FOUND: session not found" (or "OK").
  std::string ToString() const;

  // For ResourceExhausted / Unavailable: how long the caller should wait before retrying, in
  // milliseconds (0: unknown). Sent as the HTTP Retry-After header, rounded up to seconds.
  std::int64_t retry_after_ms() const { return retry_after_ms_; }
  Status&& WithRetryAfter(std::int64_t ms) && {
    retry_after_ms_ = ms;
    return std::move(*this);
  }

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::int64_t retry_after_ms_ = 0;
};

Status InvalidArgumentError(std::string message);
Status NotFoundError(std::string message);
Status AlreadyExistsError(std::string message);
Status FailedPreconditionError(std::string message);
Status ResourceExhaustedError(std::string message);
Status PayloadTooLargeError(std::string message);
Status UnsupportedMediaTypeError(std::string message);
Status UnprocessableError(std::string message);
Status UnavailableError(std::string message);
Status DeadlineExceededError(std::string message);
Status InternalError(std::string message);

// A value of type T or a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).ok() && "Result built from an ok Status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  // The error; an ok Status when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(data_); }

  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  T value_or(T fallback) const& { return ok() ? std::get<T>(data_) : std::move(fallback); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace rc

#define RC_CONCAT_INNER_(a, b) a##b
#define RC_CONCAT_(a, b) RC_CONCAT_INNER_(a, b)

// Returns the Status from the enclosing function when `expr` is not ok.
#define RC_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::rc::Status rc_status_ = (expr);        \
    if (!rc_status_.ok()) return rc_status_; \
  } while (false)

// `RC_ASSIGN_OR_RETURN(auto x, MakeX());` binds the value or returns the error.
#define RC_ASSIGN_OR_RETURN(lhs, expr) \
  RC_ASSIGN_OR_RETURN_IMPL_(RC_CONCAT_(rc_result_, __LINE__), lhs, expr)
#define RC_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()

// FileClock: a test hook that reads "now" from a file, so end-to-end tests can move a running
// server's clock across the session TTL boundary.
#pragma once

#include <string>

#include "base/clock.h"

namespace rc::app {

// Reads the file on every call: its content is the current time in epoch milliseconds
// (surrounding whitespace allowed). When the file is missing or malformed it falls back to the
// system clock. Only ever used when RESUME_COACH_TEST_CLOCK_FILE is set. Thread-safe.
class FileClock final : public Clock {
 public:
  explicit FileClock(std::string path) : path_(std::move(path)) {}
  std::int64_t NowMillis() const override;

 private:
  std::string path_;
  SystemClock fallback_;
};

}  // namespace rc::app

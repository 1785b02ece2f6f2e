// Clock: an injectable source of wall time, so tests can move time across TTL boundaries.
#pragma once

#include <atomic>
#include <cstdint>

namespace rc {

// Milliseconds since the Unix epoch. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t NowMillis() const = 0;
};

// The system's real-time clock.
class SystemClock final : public Clock {
 public:
  std::int64_t NowMillis() const override;
};

// A clock that only moves when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::int64_t start_millis = 1'700'000'000'000) : now_(start_millis) {}
  std::int64_t NowMillis() const override { return now_.load(); }
  void Set(std::int64_t millis) { now_.store(millis); }
  void Advance(std::int64_t millis) { now_.fetch_add(millis); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace rc

// Sweeper: a background thread that removes expired sessions at a fixed interval.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "storage/store.h"

namespace rc::storage {

// Calls store.DeleteExpired() every `interval` on its own thread, first one interval after
// construction. Expired sessions are already invisible to every Store call, so the sweeper
// only reclaims space; its timing never changes what callers see. Stop() (or destruction)
// wakes the thread and joins it without waiting for the interval to elapse. Stop() is
// idempotent and thread-safe; the store must outlive the sweeper.
class Sweeper {
 public:
  // Called after every sweep with its result (count removed or the error), on the sweeper
  // thread. Optional; meant for logging and metrics.
  using Observer = std::function<void(const Result<int>&)>;

  Sweeper(Store& store, std::chrono::milliseconds interval, Observer observer = nullptr);
  ~Sweeper();
  Sweeper(const Sweeper&) = delete;
  Sweeper& operator=(const Sweeper&) = delete;

  void Stop();

 private:
  void Run();

  Store& store_;
  const std::chrono::milliseconds interval_;
  Observer observer_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::mutex join_mu_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace rc::storage

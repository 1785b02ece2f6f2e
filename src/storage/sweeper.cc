// Sweeper: a timed wait on a condition variable between DeleteExpired() calls.
#include "storage/sweeper.h"

#include <utility>

namespace rc::storage {

Sweeper::Sweeper(Store& store, std::chrono::milliseconds interval, Observer observer)
    : store_(store), interval_(interval), observer_(std::move(observer)) {
  thread_ = std::thread([this] { Run(); });
}

Sweeper::~Sweeper() { Stop(); }

void Sweeper::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  // Only one caller may join; later or concurrent callers find the thread already joined.
  std::lock_guard lock(join_mu_);
  if (thread_.joinable()) thread_.join();
}

void Sweeper::Run() {
  std::unique_lock lock(mu_);
  while (true) {
    if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
    lock.unlock();
    Result<int> removed = store_.DeleteExpired();
    if (observer_) observer_(removed);
    lock.lock();
  }
}

}  // namespace rc::storage

// EventLoops.
#include "server/event_loops.h"

#include <algorithm>
#include <thread>

namespace rc::server {
namespace {

// The loop the current thread runs, set by EventLoops::RunOne.
thread_local boost::asio::io_context* current_loop = nullptr;

}  // namespace

EventLoops::EventLoops(int count) {
  for (int i = 0; i < std::max(1, count); ++i) {
    // Concurrency hint 1: each loop is run by one thread; other threads only post to it.
    loops_.push_back(std::make_unique<boost::asio::io_context>(1));
    guards_.emplace_back(loops_.back()->get_executor());
  }
}

boost::asio::io_context& EventLoops::Next() {
  return *loops_[next_.fetch_add(1, std::memory_order_relaxed) % loops_.size()];
}

boost::asio::io_context& EventLoops::Local() {
  return current_loop != nullptr && Owns(*current_loop) ? *current_loop : Next();
}

void EventLoops::Run() {
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < loops_.size(); ++i) {
    threads.emplace_back([this, i] { RunOne(*loops_[i]); });
  }
  RunOne(*loops_.front());
  for (auto& t : threads) t.join();
}

void EventLoops::Release() {
  std::lock_guard lock(mu_);
  for (auto& guard : guards_) guard.reset();
}

void EventLoops::Stop() {
  for (auto& loop : loops_) loop->stop();
}

bool EventLoops::Owns(const boost::asio::io_context& loop) const {
  return std::any_of(loops_.begin(), loops_.end(),
                     [&loop](const auto& l) { return l.get() == &loop; });
}

void EventLoops::RunOne(boost::asio::io_context& loop) {
  current_loop = &loop;
  loop.run();
  current_loop = nullptr;
}

}  // namespace rc::server

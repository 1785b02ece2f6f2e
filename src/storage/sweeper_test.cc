// Sweeper: removes expired sessions periodically and stops promptly.
#include "storage/sweeper.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "base/clock.h"
#include "storage/memory_store.h"

namespace rc::storage {
namespace {

using std::chrono::milliseconds;

TEST(SweeperTest, RemovesExpiredSessionsInTheBackground) {
  FakeClock clock;
  MemoryStore store(clock, 1000);
  model::Session s;
  s.id = "old";
  ASSERT_TRUE(store.CreateSession(s).ok());
  clock.Advance(1000);

  std::mutex mu;
  std::condition_variable cv;
  int total_removed = 0;
  int sweeps = 0;
  Sweeper sweeper(store, milliseconds(5), [&](const Result<int>& removed) {
    std::lock_guard lock(mu);
    ASSERT_TRUE(removed.ok());
    total_removed += *removed;
    ++sweeps;
    cv.notify_all();
  });
  std::unique_lock lock(mu);
  // The bound only keeps a broken sweeper from hanging the test; it is not a timing check.
  ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return sweeps >= 2; }));
  EXPECT_EQ(total_removed, 1);
  lock.unlock();
  sweeper.Stop();
  // Winding the clock back would make the session readable again had it only been hidden:
  // NotFound proves the sweep physically removed it.
  clock.Set(0);
  EXPECT_EQ(store.GetSession("old").status().code(), StatusCode::kNotFound);
}

TEST(SweeperTest, StopDoesNotWaitForTheInterval) {
  FakeClock clock;
  MemoryStore store(clock);
  int sweeps = 0;
  {
    Sweeper sweeper(store, std::chrono::hours(24), [&](const Result<int>&) { ++sweeps; });
    sweeper.Stop();
    sweeper.Stop();      // idempotent
  }                      // the destructor after Stop() is fine too
  EXPECT_EQ(sweeps, 0);  // a day-long interval never elapsed, yet Stop() returned
}

TEST(SweeperTest, DestructorStopsTheThread) {
  FakeClock clock;
  MemoryStore store(clock);
  std::atomic<int> sweeps{0};
  {
    Sweeper sweeper(store, std::chrono::hours(1), [&](const Result<int>&) { ++sweeps; });
  }
  EXPECT_EQ(sweeps.load(), 0);
}

}  // namespace
}  // namespace rc::storage

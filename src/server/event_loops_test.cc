// EventLoops: round-robin hand-out, the calling thread's own loop, and shutdown.
#include "server/event_loops.h"

#include <gtest/gtest.h>

#include <boost/asio/post.hpp>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace rc::server {
namespace {

namespace asio = boost::asio;

TEST(EventLoopsTest, NextDealsTheLoopsRoundRobin) {
  EventLoops loops(3);
  ASSERT_EQ(loops.size(), 3u);
  asio::io_context* a = &loops.Next();
  asio::io_context* b = &loops.Next();
  asio::io_context* c = &loops.Next();
  EXPECT_NE(a, b);
  EXPECT_NE(b, c);
  EXPECT_NE(a, c);
  EXPECT_EQ(&loops.Next(), a);
  EXPECT_EQ(&loops.first(), a);
}

TEST(EventLoopsTest, AtLeastOneLoop) {
  EventLoops loops(0);
  EXPECT_EQ(loops.size(), 1u);
  EXPECT_EQ(&loops.Next(), &loops.first());
}

// From a handler running on a loop, Local() is that loop, every time; from a thread that runs no
// loop it is the next one. Each loop runs on a thread of its own, and Release lets Run return.
TEST(EventLoopsTest, LocalIsTheCallingThreadsLoop) {
  EventLoops loops(2);
  std::mutex mu;
  std::map<asio::io_context*, std::set<std::thread::id>> threads_of_loop;
  int mismatches = 0;
  int handled = 0;
  for (int i = 0; i < 20; ++i) {
    asio::io_context& target = loops.Next();
    asio::post(target, [&, target_ptr = &target] {
      asio::io_context& local = loops.Local();
      std::lock_guard lock(mu);
      if (&local != target_ptr) ++mismatches;
      threads_of_loop[target_ptr].insert(std::this_thread::get_id());
      if (++handled == 20) loops.Release();
    });
  }
  std::thread runner([&loops] { loops.Run(); });
  runner.join();  // returns only because the last handler released the loops
  EXPECT_EQ(handled, 20);
  EXPECT_EQ(mismatches, 0);
  ASSERT_EQ(threads_of_loop.size(), 2u);
  std::set<std::thread::id> all;
  for (const auto& [loop, ids] : threads_of_loop) {
    EXPECT_EQ(ids.size(), 1u);  // a loop's handlers all ran on one thread
    all.insert(ids.begin(), ids.end());
  }
  EXPECT_EQ(all.size(), 2u);  // and each loop on its own thread
  // This thread runs no loop: Local() hands out loops round-robin.
  EXPECT_NE(&loops.Local(), &loops.Local());
}

TEST(EventLoopsTest, StopEndsRunWithWorkStillPending) {
  EventLoops loops(2);
  std::thread runner([&loops] { loops.Run(); });
  // Nothing was released: only Stop can end Run.
  loops.Stop();
  runner.join();
  SUCCEED();
}

}  // namespace
}  // namespace rc::server

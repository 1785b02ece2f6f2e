// EventLoops: the HTTP server's event loops, one io_context per I/O thread.
#pragma once

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace rc::server {

// One event loop per I/O thread. A connection lives on one loop from accept to close, and so does
// the LLM call it starts (see Local()): its upstream reads, token hand-offs and downstream writes
// never cross threads or contend for a shared queue. Loops are handed out round-robin.
//
// Each loop is kept running (work guard) until Release(); Run() then returns once every loop has
// finished its work. Next(), Local(), Release() and Stop() are thread-safe.
class EventLoops {
 public:
  // `count` loops (at least one).
  explicit EventLoops(int count);
  EventLoops(const EventLoops&) = delete;
  EventLoops& operator=(const EventLoops&) = delete;

  std::size_t size() const { return loops_.size(); }
  boost::asio::io_context& first() { return *loops_.front(); }
  // The next loop, round-robin.
  boost::asio::io_context& Next();
  // The loop the calling thread runs (inside Run()), or Next() when it runs none of these.
  boost::asio::io_context& Local();

  // Runs every loop, the first on the calling thread and each other one on a thread of its own;
  // returns when all have finished.
  void Run();
  // Lets each loop return once its work is done (at shutdown).
  void Release();
  // Stops every loop at once; pending work is abandoned.
  void Stop();

 private:
  bool Owns(const boost::asio::io_context& loop) const;
  static void RunOne(boost::asio::io_context& loop);

  std::vector<std::unique_ptr<boost::asio::io_context>> loops_;
  std::mutex mu_;  // guards_
  std::vector<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guards_;
  std::atomic<std::size_t> next_{0};
};

}  // namespace rc::server

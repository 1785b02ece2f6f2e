// SseFleet: many concurrent streamed HTTP requests from one thread (epoll, non-blocking sockets),
// standing in for hundreds of browsers reading /chat streams at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace rc::bench {

// What one stream saw.
struct FleetStream {
  int status = 0;              // 0: no response head
  double first_token_ms = -1;  // from its connect() to its first `token` event; -1: none
  double end_ms = -1;          // from its connect() to the end of its response; -1: unfinished
  int token_events = 0;
  std::size_t token_bytes = 0;  // bytes of the `data` of its token events
  bool done = false;            // a `done` event arrived
  std::string done_data;        // that event's data (JSON)
  std::string error;            // transport failure, an `error` event's data, or an error body
};

struct FleetOptions {
  int port = 0;
  std::vector<std::string> requests;  // one complete request per stream
  // The connects are spread evenly over this long (0: all at once).
  std::chrono::milliseconds ramp{0};
  // Streams still open after this long are abandoned and reported unfinished.
  std::chrono::milliseconds timeout{std::chrono::minutes(2)};
  // Called from the fleet's thread about every `tick` while streams run (e.g. to sample /proc).
  std::chrono::milliseconds tick{100};
  std::function<void()> on_tick;
};

// Runs every request to its end on the calling thread and returns what each stream saw, in the
// order of `options.requests`.
std::vector<FleetStream> RunFleet(const FleetOptions& options);

}  // namespace rc::bench

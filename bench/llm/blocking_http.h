// Blocking HTTP/1.1 over loopback for the relay benchmark's set-up calls (creating sessions,
// reading the fake upstream's stats) and its one-at-a-time time-to-first-token runs.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "bench/llm/sse_response.h"

namespace rc::bench {

using Headers = std::vector<std::pair<std::string, std::string>>;

// `METHOD target HTTP/1.1` with Host, Content-Length (when there is a body), `headers` and
// Connection: close.
std::string BuildRequest(const std::string& method, const std::string& target,
                         const Headers& headers, const std::string& body);

struct HttpReply {
  int status = 0;
  std::string body;  // for a response with Content-Length; chunked bodies are not decoded
};

// Sends `request` to 127.0.0.1:`port` and reads the response until the server closes.
// Unavailable when the connection fails or no status line arrives.
Result<HttpReply> Exchange(int port, const std::string& request);

// One timed streamed response.
struct TimedStream {
  int status = 0;
  // From just before connect() to the first event that `is_first_token` accepts; negative when
  // none arrived.
  std::chrono::duration<double, std::milli> first_token{-1};
  std::vector<SseEvent> events;  // every event of the response, in order
};

// Connects, sends `request`, and reads the streamed response to its end (or until the server
// closes). Unavailable when the connection fails or the response is not well framed.
Result<TimedStream> TimeStream(int port, const std::string& request,
                               const std::function<bool(const SseEvent&)>& is_first_token);

}  // namespace rc::bench

// End-to-end test support: a blocking client for one streamed (text/event-stream) response that
// decodes the chunked body as it arrives and hands out the events one at a time.
#pragma once

#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/server/test_server.h"

namespace rc::e2e {

// One server-sent event.
struct SseEvent {
  std::string name = "message";  // the `event:` field ("message" when absent)
  std::string data;              // the `data:` lines joined with "\n"
  // `data` parsed as JSON (discarded when it is not JSON).
  nlohmann::json Json() const { return nlohmann::json::parse(data, nullptr, false); }
};

// Sends one request with `Accept: text/event-stream` over its own loopback connection and reads
// the response incrementally. Not thread-safe. Tests only.
class SseClient {
 public:
  // Connects to 127.0.0.1:`port` and sends `method target` with a JSON body (POST) or none.
  SseClient(int port, const std::string& method, const std::string& target,
            const std::string& json_body = "",
            const std::vector<std::pair<std::string, std::string>>& headers = {});
  ~SseClient();
  SseClient(const SseClient&) = delete;
  SseClient& operator=(const SseClient&) = delete;

  bool connected() const { return fd_ >= 0; }

  // Waits up to `max_ms` for the response head; status 0 when none arrived. The head's body
  // field holds the whole body of a response that is not chunked (e.g. a JSON error).
  const HttpResult& Head(int max_ms = 10000);

  // The next event, waiting up to `max_ms`; nullopt when the stream ended or the time passed.
  std::optional<SseEvent> Next(int max_ms = 10000);

  // Every remaining event until the stream ends or `max_ms` pass.
  std::vector<SseEvent> ReadToEnd(int max_ms = 20000);

  // True once the terminating chunk arrived or the server closed the connection.
  bool ended() const { return ended_; }
  // True when the stream ended with the terminating chunk (a clean end of the body).
  bool clean_end() const { return clean_end_; }
  // Keep-alive comment lines seen so far.
  int comments() const { return comments_; }
  // Every byte received so far, head and framing included.
  const std::string& raw() const { return raw_; }

  // Closes the connection (as a browser that goes away would).
  void Close();

 private:
  // Reads once (up to `max_ms`) and processes what arrived; false on timeout.
  bool ReadMore(int max_ms);
  void Process();
  void DecodeBody();
  void ParseEvents();

  int fd_ = -1;
  std::string raw_;
  std::string pending_;  // received but not yet decoded (head, then chunk framing)
  std::string body_;     // decoded body not yet parsed into events
  bool head_done_ = false;
  bool chunked_ = false;
  long long content_left_ = -1;  // bytes of a Content-Length body still to come
  bool ended_ = false;
  bool clean_end_ = false;
  int comments_ = 0;
  HttpResult head_;
  std::deque<SseEvent> events_;
};

// The text of the `token` events, concatenated in order.
std::string JoinTokens(const std::vector<SseEvent>& events);

}  // namespace rc::e2e

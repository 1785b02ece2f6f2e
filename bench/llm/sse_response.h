// SseResponse: an incremental reader of one HTTP/1.1 response carrying server-sent events, for the
// relay benchmark's clients (the browser side of the server, and the server side of the fake
// upstream). Decodes the status line, chunked or length-delimited bodies and SSE events.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace rc::bench {

// One server-sent event: `name` from its `event:` line ("" when absent), `data` its `data:`
// lines joined with '\n'.
struct SseEvent {
  std::string name;
  std::string data;
};

// Reads one response fed in arbitrary pieces. Not thread-safe; one per connection.
class SseResponse {
 public:
  using EventSink = std::function<void(const SseEvent&)>;

  // Takes the next bytes received. Calls `on_event` for each event completed by them (only for a
  // 200 response). Returns false on a framing error (bad status line or chunk size); the reader
  // then ignores further input.
  bool Feed(std::string_view bytes, const EventSink& on_event);

  // The status code, 0 until the status line and headers are in.
  int status() const { return status_; }
  // True once the whole body has arrived (the last chunk, or Content-Length bytes).
  bool complete() const { return state_ == State::kDone; }
  // True after a framing error.
  bool failed() const { return state_ == State::kFailed; }
  // The decoded body of a response that is not 200 (an error's JSON), up to 4 KiB.
  const std::string& error_body() const { return error_body_; }

 private:
  enum class State { kHead, kChunkSize, kChunkData, kChunkEnd, kTrailer, kLength, kDone, kFailed };

  bool ParseHead(std::size_t end);
  void Body(std::string_view bytes, const EventSink& on_event);
  void Lines(const EventSink& on_event);

  State state_ = State::kHead;
  std::string in_;    // received bytes not yet decoded
  std::string text_;  // decoded body not yet split into lines
  SseEvent event_;    // the event being assembled
  std::string error_body_;
  int status_ = 0;
  bool chunked_ = false;
  std::size_t left_ = 0;  // bytes left in the current chunk, or of a Content-Length body
};

}  // namespace rc::bench

// SseParser: an incremental parser for text/event-stream bodies (WHATWG server-sent events).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace rc::llm {

// One dispatched event: its type ("message" unless an `event:` field said otherwise) and its
// data (multiple `data:` lines joined with '\n').
struct SseEvent {
  std::string type = "message";
  std::string data;
  friend bool operator==(const SseEvent&, const SseEvent&) = default;
};

// The events completed by one Feed, in storage kept from one Feed to the next: once warm, parsing
// allocates nothing per event. Events stay valid until the next Clear() or Feed.
class SseEventBatch {
 public:
  void Clear() { size_ = 0; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const SseEvent& operator[](std::size_t i) const { return events_[i]; }
  const SseEvent* begin() const { return events_.data(); }
  const SseEvent* end() const { return events_.data() + size_; }

 private:
  friend class SseParser;
  SseEvent& Add() {
    if (size_ == events_.size()) events_.emplace_back();
    return events_[size_++];
  }
  std::vector<SseEvent> events_;
  std::size_t size_ = 0;
};

// Feeds arbitrary byte pieces of a stream and yields complete events. Lines may end in "\n",
// "\r\n" or "\r", and any piece boundary is allowed, including inside a line terminator or a
// multibyte UTF-8 character (bytes are only interpreted once a whole line has arrived).
// Comment lines (":" ...) and unknown fields are ignored; a leading BOM is skipped; events with
// no data are not dispatched. Not thread-safe: one parser per stream.
class SseParser {
 public:
  explicit SseParser(std::size_t max_event_bytes = 1 << 20) : max_event_bytes_(max_event_bytes) {}

  // Parses `bytes` and appends the completed events to `out`. InvalidArgument when one line or
  // one event exceeds max_event_bytes (the parser is then unusable).
  Status Feed(std::string_view bytes, std::vector<SseEvent>& out);
  // The same, appending to `batch` (which the caller clears between pieces).
  Status Feed(std::string_view bytes, SseEventBatch& batch);

  // True when bytes of an unfinished line or event are buffered, i.e. the stream ended in the
  // middle of an event. (Per the spec, such an event is discarded.)
  bool HasPartialEvent() const;

 private:
  // Where completed events go: a vector or a batch.
  class Emitter {
   public:
    virtual SseEvent& Add() = 0;

   protected:
    ~Emitter() = default;
  };
  Status FeedTo(std::string_view bytes, Emitter& out);
  void ProcessLine(std::string_view line, Emitter& out);

  std::size_t max_event_bytes_;
  std::string line_;  // the current, unterminated line
  std::string data_;  // data of the current event
  std::string type_;  // event type of the current event
  bool has_data_ = false;
  bool has_fields_ = false;
  bool after_cr_ = false;  // the previous byte was '\r' (a following '\n' belongs to it)
  bool at_start_ = true;   // nothing consumed yet (BOM check)
  bool failed_ = false;
};

}  // namespace rc::llm

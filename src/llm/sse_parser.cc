// Incremental server-sent-events parsing.
#include "llm/sse_parser.h"

#include <cstring>

namespace rc::llm {
namespace {

// The position of the first '\r' or '\n' at or after `from`, or npos. Two memchr scans (one
// bounded by the other's hit) are much faster than a per-byte set lookup on long data lines.
std::size_t LineEnd(std::string_view bytes, std::size_t from) {
  const char* begin = bytes.data() + from;
  const std::size_t n = bytes.size() - from;
  const void* lf = std::memchr(begin, '\n', n);
  const std::size_t lf_at = lf != nullptr ? static_cast<const char*>(lf) - begin : n;
  const void* cr = std::memchr(begin, '\r', lf_at);
  if (cr != nullptr) return from + static_cast<std::size_t>(static_cast<const char*>(cr) - begin);
  return lf != nullptr ? from + lf_at : std::string_view::npos;
}

}  // namespace

Status SseParser::Feed(std::string_view bytes, std::vector<SseEvent>& out) {
  class ToVector final : public Emitter {
   public:
    explicit ToVector(std::vector<SseEvent>& v) : v_(v) {}
    SseEvent& Add() override { return v_.emplace_back(); }

   private:
    std::vector<SseEvent>& v_;
  } emitter(out);
  return FeedTo(bytes, emitter);
}

Status SseParser::Feed(std::string_view bytes, SseEventBatch& batch) {
  class ToBatch final : public Emitter {
   public:
    explicit ToBatch(SseEventBatch& b) : b_(b) {}
    SseEvent& Add() override { return b_.Add(); }

   private:
    SseEventBatch& b_;
  } emitter(batch);
  return FeedTo(bytes, emitter);
}

Status SseParser::FeedTo(std::string_view bytes, Emitter& out) {
  if (failed_) return InvalidArgumentError("event stream parser already failed");
  if (at_start_ && !bytes.empty()) {
    // The BOM may itself be split across pieces; buffer until three bytes are known.
    line_.append(bytes);
    if (line_.size() < 3 && std::string_view("\xEF\xBB\xBF").starts_with(line_))
      return Status::Ok();
    at_start_ = false;
    std::string pending = std::move(line_);
    line_.clear();
    std::string_view rest(pending);
    if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
    return FeedTo(rest, out);
  }
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (after_cr_) {
      after_cr_ = false;
      if (bytes[i] == '\n') {
        ++i;
        continue;
      }
    }
    const std::size_t end = LineEnd(bytes, i);
    if (end == std::string_view::npos) {
      line_.append(bytes.substr(i));
      break;
    }
    // A line that arrived whole is parsed where it lies; only a line split across pieces is
    // assembled in line_ first.
    std::string_view line = bytes.substr(i, end - i);
    if (!line_.empty()) {
      line_.append(line);
      line = line_;
    }
    if (line.size() + data_.size() > max_event_bytes_) {
      failed_ = true;
      return InvalidArgumentError("an event in the stream exceeds " +
                                  std::to_string(max_event_bytes_) + " bytes");
    }
    after_cr_ = bytes[end] == '\r';
    i = end + 1;
    ProcessLine(line, out);
    line_.clear();
  }
  if (line_.size() + data_.size() > max_event_bytes_) {
    failed_ = true;
    return InvalidArgumentError("an event in the stream exceeds " +
                                std::to_string(max_event_bytes_) + " bytes");
  }
  return Status::Ok();
}

void SseParser::ProcessLine(std::string_view line, Emitter& out) {
  if (line.empty()) {  // dispatch
    if (has_data_) {
      // Swapped, not copied: a reused slot hands its old buffers back to the parser.
      SseEvent& event = out.Add();
      if (type_.empty()) {
        event.type.assign("message");
      } else {
        event.type.swap(type_);
      }
      event.data.swap(data_);
    }
    data_.clear();
    type_.clear();
    has_data_ = false;
    has_fields_ = false;
    return;
  }
  if (line.front() == ':') return;  // comment / keep-alive
  std::string_view field = line;
  std::string_view value;
  if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    field = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (value.starts_with(' ')) value.remove_prefix(1);
  }
  has_fields_ = true;
  if (field == "data") {
    if (has_data_) data_.push_back('\n');
    data_.append(value);
    has_data_ = true;
  } else if (field == "event") {
    type_ = std::string(value);
  }
  // "id", "retry" and unknown fields do not matter for a one-shot completion stream.
}

bool SseParser::HasPartialEvent() const { return !line_.empty() || has_data_ || has_fields_; }

}  // namespace rc::llm

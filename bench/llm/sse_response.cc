// SseResponse.
#include "bench/llm/sse_response.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

namespace rc::bench {
namespace {

constexpr std::size_t kMaxErrorBody = 4096;
constexpr std::size_t kMaxHead = 64 * 1024;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool SseResponse::ParseHead(std::size_t end) {
  const std::string head = in_.substr(0, end);
  if (head.rfind("HTTP/1.", 0) != 0 || head.size() < 12) return false;
  status_ = std::atoi(head.c_str() + 9);
  if (status_ < 100) return false;
  bool has_length = false;
  std::size_t pos = head.find("\r\n");
  while (pos != std::string::npos && pos + 2 < head.size()) {
    const std::size_t next = head.find("\r\n", pos + 2);
    const std::string line =
        head.substr(pos + 2, (next == std::string::npos ? head.size() : next) - pos - 2);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      const std::string name = Lower(line.substr(0, colon));
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      if (name == "transfer-encoding" && Lower(value).find("chunked") != std::string::npos) {
        chunked_ = true;
      } else if (name == "content-length") {
        has_length = true;
        left_ = std::strtoul(value.c_str(), nullptr, 10);
      }
    }
    pos = next;
  }
  in_.erase(0, end + 4);
  if (chunked_) {
    state_ = State::kChunkSize;
  } else if (has_length) {
    state_ = left_ == 0 ? State::kDone : State::kLength;
  } else {
    state_ = State::kLength;  // until the connection closes
    left_ = static_cast<std::size_t>(-1);
  }
  return true;
}

bool SseResponse::Feed(std::string_view bytes, const EventSink& on_event) {
  if (state_ == State::kFailed || state_ == State::kDone) return state_ != State::kFailed;
  in_.append(bytes);
  for (;;) {
    switch (state_) {
      case State::kHead: {
        const std::size_t end = in_.find("\r\n\r\n");
        if (end == std::string::npos) {
          if (in_.size() > kMaxHead) state_ = State::kFailed;
          return state_ != State::kFailed;
        }
        if (!ParseHead(end)) {
          state_ = State::kFailed;
          return false;
        }
        // Interim responses (100 Continue) are followed by the real one.
        if (status_ >= 100 && status_ < 200) state_ = State::kHead;
        break;
      }
      case State::kChunkSize: {
        const std::size_t end = in_.find("\r\n");
        if (end == std::string::npos) return true;
        char* stop = nullptr;
        const std::string size_text = in_.substr(0, end);
        left_ = std::strtoul(size_text.c_str(), &stop, 16);
        if (stop == size_text.c_str()) {
          state_ = State::kFailed;
          return false;
        }
        in_.erase(0, end + 2);
        state_ = left_ == 0 ? State::kTrailer : State::kChunkData;
        break;
      }
      case State::kChunkData: {
        if (in_.empty()) return true;
        const std::size_t n = std::min(left_, in_.size());
        Body(std::string_view(in_).substr(0, n), on_event);
        in_.erase(0, n);
        left_ -= n;
        if (left_ == 0) state_ = State::kChunkEnd;
        break;
      }
      case State::kChunkEnd:
        if (in_.size() < 2) return true;
        if (in_.compare(0, 2, "\r\n") != 0) {
          state_ = State::kFailed;
          return false;
        }
        in_.erase(0, 2);
        state_ = State::kChunkSize;
        break;
      case State::kTrailer: {
        // No trailer fields are expected: the last chunk is followed by an empty line.
        const std::size_t end = in_.find("\r\n");
        if (end == std::string::npos) return true;
        in_.clear();
        state_ = State::kDone;
        return true;
      }
      case State::kLength: {
        if (in_.empty()) return true;
        const std::size_t n = std::min(left_, in_.size());
        Body(std::string_view(in_).substr(0, n), on_event);
        in_.erase(0, n);
        left_ -= n;
        if (left_ == 0) state_ = State::kDone;
        return true;
      }
      case State::kDone:
      case State::kFailed:
        return state_ != State::kFailed;
    }
  }
}

void SseResponse::Body(std::string_view bytes, const EventSink& on_event) {
  if (status_ != 200) {
    error_body_.append(
        bytes.substr(0, kMaxErrorBody - std::min(kMaxErrorBody, error_body_.size())));
    return;
  }
  text_.append(bytes);
  Lines(on_event);
}

void SseResponse::Lines(const EventSink& on_event) {
  std::size_t start = 0;
  for (;;) {
    const std::size_t nl = text_.find('\n', start);
    if (nl == std::string::npos) break;
    std::string_view line(text_.data() + start, nl - start);
    start = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      if (!event_.name.empty() || !event_.data.empty()) on_event(event_);
      event_ = SseEvent{};
      continue;
    }
    if (line.front() == ':') continue;  // a keep-alive comment
    const std::size_t colon = line.find(':');
    const std::string_view field = line.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (field == "event") {
      event_.name = std::string(value);
    } else if (field == "data") {
      if (!event_.data.empty()) event_.data.push_back('\n');
      event_.data.append(value);
    }
  }
  text_.erase(0, start);
}

}  // namespace rc::bench

// SseClient: a streamed response read over a blocking loopback socket.
#include "tests/server/sse_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>

namespace rc::e2e {
namespace {

using Clock = std::chrono::steady_clock;

int RemainingMs(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

}  // namespace

SseClient::SseClient(int port, const std::string& method, const std::string& target,
                     const std::string& json_body,
                     const std::vector<std::pair<std::string, std::string>>& headers) {
  fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    Close();
    return;
  }
  int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  std::string req =
      method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
  if (method == "POST") {
    req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(json_body.size()) +
           "\r\n";
  }
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  req += "\r\n" + json_body;
  std::size_t sent = 0;
  while (sent < req.size()) {
    const ssize_t n = send(fd_, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      Close();
      return;
    }
    sent += static_cast<std::size_t>(n);
  }
}

SseClient::~SseClient() { Close(); }

void SseClient::Close() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

bool SseClient::ReadMore(int max_ms) {
  if (fd_ < 0 || ended_) return false;
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, max_ms) <= 0) return false;
  char buf[16384];
  const ssize_t n = recv(fd_, buf, sizeof buf, 0);
  if (n <= 0) {
    ended_ = true;  // closed or reset by the server
    ParseEvents();
    return true;
  }
  raw_.append(buf, static_cast<std::size_t>(n));
  pending_.append(buf, static_cast<std::size_t>(n));
  Process();
  return true;
}

void SseClient::Process() {
  if (!head_done_) {
    const auto end = pending_.find("\r\n\r\n");
    if (end == std::string::npos) return;
    head_ = ParseResponse(pending_.substr(0, end + 4));
    head_done_ = true;
    pending_.erase(0, end + 4);
    chunked_ = head_.Header("transfer-encoding").find("chunked") != std::string::npos;
    const std::string length = head_.Header("content-length");
    if (!chunked_ && !length.empty()) content_left_ = std::atoll(length.c_str());
  }
  DecodeBody();
  ParseEvents();
}

void SseClient::DecodeBody() {
  if (!chunked_) {
    // A plain body (e.g. a JSON error): it goes to the head's body, not to the event parser.
    head_.body += pending_;
    if (content_left_ >= 0) {
      content_left_ -= static_cast<long long>(pending_.size());
      if (content_left_ <= 0) ended_ = clean_end_ = true;
    }
    pending_.clear();
    return;
  }
  while (!ended_) {
    const auto line_end = pending_.find("\r\n");
    if (line_end == std::string::npos) return;
    const std::size_t size = std::strtoull(pending_.c_str(), nullptr, 16);
    if (size == 0) {
      // The last chunk; no trailers are expected.
      if (pending_.size() < line_end + 4) return;
      pending_.erase(0, line_end + 4);
      ended_ = clean_end_ = true;
      return;
    }
    if (pending_.size() < line_end + 2 + size + 2) return;
    body_.append(pending_, line_end + 2, size);
    pending_.erase(0, line_end + 2 + size + 2);
  }
}

void SseClient::ParseEvents() {
  // Events end with a blank line; lines end with "\n" or "\r\n". A partial line or event stays
  // in body_ until the rest arrives.
  for (;;) {
    std::size_t pos = 0;
    SseEvent event;
    bool has_data = false;
    bool complete = false;
    int comments = 0;
    while (pos < body_.size()) {
      const auto nl = body_.find('\n', pos);
      if (nl == std::string::npos) break;
      std::string line = body_.substr(pos, nl - pos);
      pos = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) {
        complete = true;
        break;
      }
      if (line.front() == ':') {
        ++comments;
        continue;
      }
      const auto colon = line.find(':');
      const std::string field = line.substr(0, colon);
      std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
      if (!value.empty() && value.front() == ' ') value.erase(0, 1);
      if (field == "event") {
        event.name = value;
      } else if (field == "data") {
        if (has_data) event.data += "\n";
        event.data += value;
        has_data = true;
      }
    }
    if (!complete) return;
    comments_ += comments;
    body_.erase(0, pos);
    if (has_data) events_.push_back(std::move(event));
  }
}

const HttpResult& SseClient::Head(int max_ms) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(max_ms);
  while (!head_done_ && !ended_ && RemainingMs(deadline) > 0) ReadMore(RemainingMs(deadline));
  return head_;
}

std::optional<SseEvent> SseClient::Next(int max_ms) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(max_ms);
  while (events_.empty() && !ended_ && RemainingMs(deadline) > 0) ReadMore(RemainingMs(deadline));
  if (events_.empty()) return std::nullopt;
  SseEvent event = std::move(events_.front());
  events_.pop_front();
  return event;
}

std::vector<SseEvent> SseClient::ReadToEnd(int max_ms) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(max_ms);
  std::vector<SseEvent> out;
  while (std::optional<SseEvent> event = Next(RemainingMs(deadline))) out.push_back(*event);
  return out;
}

std::string JoinTokens(const std::vector<SseEvent>& events) {
  std::string text;
  for (const SseEvent& e : events) {
    if (e.name == "token") text += e.Json().value("text", "");
  }
  return text;
}

}  // namespace rc::e2e

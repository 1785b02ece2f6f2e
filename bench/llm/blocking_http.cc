// Blocking HTTP/1.1 helpers.
#include "bench/llm/blocking_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>

namespace rc::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

// A connected loopback socket with Nagle off, or -1.
int Connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

bool SendAll(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::string BuildRequest(const std::string& method, const std::string& target,
                         const Headers& headers, const std::string& body) {
  std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [name, value] : headers) out += name + ": " + value + "\r\n";
  if (!body.empty() || method == "POST") {
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  out += "Connection: close\r\n\r\n";
  out += body;
  return out;
}

Result<HttpReply> Exchange(int port, const std::string& request) {
  const int fd = Connect(port);
  if (fd < 0) return UnavailableError("cannot connect to port " + std::to_string(port));
  std::string raw;
  if (SendAll(fd, request)) {
    char buf[16384];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) raw.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  const std::size_t head_end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.", 0) != 0 || head_end == std::string::npos || raw.size() < 12) {
    return UnavailableError("no HTTP response from port " + std::to_string(port));
  }
  HttpReply reply;
  reply.status = std::atoi(raw.c_str() + 9);
  reply.body = raw.substr(head_end + 4);
  return reply;
}

Result<TimedStream> TimeStream(int port, const std::string& request,
                               const std::function<bool(const SseEvent&)>& is_first_token) {
  TimedStream out;
  const auto start = SteadyClock::now();
  const int fd = Connect(port);
  if (fd < 0) return UnavailableError("cannot connect to port " + std::to_string(port));
  if (!SendAll(fd, request)) {
    close(fd);
    return UnavailableError("the request could not be sent");
  }
  SseResponse response;
  const auto on_event = [&](const SseEvent& event) {
    if (out.first_token.count() < 0 && is_first_token(event))
      out.first_token = SteadyClock::now() - start;
    out.events.push_back(event);
  };
  char buf[16384];
  bool framed = true;
  while (framed && !response.complete()) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    framed = response.Feed(std::string_view(buf, static_cast<std::size_t>(n)), on_event);
  }
  close(fd);
  out.status = response.status();
  if (!framed || out.status == 0)
    return UnavailableError("the streamed response is not well framed");
  return out;
}

}  // namespace rc::bench

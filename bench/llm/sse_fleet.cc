// SseFleet.
#include "bench/llm/sse_fleet.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "bench/llm/sse_response.h"

namespace rc::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

enum class Phase { kWaiting, kConnecting, kSending, kReading, kFinished };

struct Conn {
  Phase phase = Phase::kWaiting;
  int fd = -1;
  std::size_t sent = 0;
  SteadyClock::time_point start;
  SseResponse response;
};

double MsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

class Fleet {
 public:
  explicit Fleet(const FleetOptions& options)
      : options_(options), conns_(options.requests.size()), out_(options.requests.size()) {}

  std::vector<FleetStream> Run() {
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0) {
      for (FleetStream& s : out_) s.error = "epoll_create1 failed";
      return out_;
    }
    const auto begin = SteadyClock::now();
    const auto deadline = begin + options_.timeout;
    auto next_tick = begin + options_.tick;
    const std::size_t n = conns_.size();
    std::size_t started = 0;
    std::vector<epoll_event> ready(256);
    while (finished_ < n) {
      const auto now = SteadyClock::now();
      if (now >= deadline) break;
      // Start every connection whose turn in the ramp has come.
      while (started < n && (n <= 1 || now >= begin + options_.ramp * static_cast<long>(started) /
                                                          static_cast<long>(n - 1))) {
        Open(started++);
      }
      if (now >= next_tick) {
        if (options_.on_tick) options_.on_tick();
        next_tick += options_.tick;
      }
      auto wake = std::min(next_tick, deadline);
      if (started < n) {
        wake = std::min(
            wake, begin + options_.ramp * static_cast<long>(started) / static_cast<long>(n - 1));
      }
      const auto wait_ms = std::max<long>(
          0,
          std::chrono::duration_cast<std::chrono::milliseconds>(wake - SteadyClock::now()).count());
      const int got = epoll_wait(epoll_, ready.data(), static_cast<int>(ready.size()),
                                 static_cast<int>(wait_ms));
      for (int i = 0; i < got; ++i) Handle(ready[i].data.u32, ready[i].events);
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (conns_[i].phase != Phase::kFinished) {
        if (out_[i].error.empty()) out_[i].error = "unfinished at the timeout";
        Finish(i);
      }
    }
    close(epoll_);
    return out_;
  }

 private:
  void Open(std::size_t i) {
    Conn& c = conns_[i];
    c.start = SteadyClock::now();
    c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {
      Fail(i, std::string("socket: ") + std::strerror(errno));
      return;
    }
    int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(options_.port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int rc = connect(c.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    if (rc != 0 && errno != EINPROGRESS) {
      Fail(i, std::string("connect: ") + std::strerror(errno));
      return;
    }
    c.phase = Phase::kConnecting;
    epoll_event ev{};
    ev.events = EPOLLOUT;
    ev.data.u32 = static_cast<std::uint32_t>(i);
    epoll_ctl(epoll_, EPOLL_CTL_ADD, c.fd, &ev);
  }

  void Handle(std::size_t i, std::uint32_t events) {
    Conn& c = conns_[i];
    if (c.phase == Phase::kConnecting) {
      int err = 0;
      socklen_t len = sizeof err;
      getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err != 0) {
        Fail(i, std::string("connect: ") + std::strerror(err));
        return;
      }
      c.phase = Phase::kSending;
    }
    if (c.phase == Phase::kSending && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) != 0) {
      const std::string& req = options_.requests[i];
      while (c.sent < req.size()) {
        const ssize_t n = send(c.fd, req.data() + c.sent, req.size() - c.sent, MSG_NOSIGNAL);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        if (n <= 0) {
          Fail(i, std::string("send: ") + std::strerror(errno));
          return;
        }
        c.sent += static_cast<std::size_t>(n);
      }
      c.phase = Phase::kReading;
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.u32 = static_cast<std::uint32_t>(i);
      epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &ev);
      return;
    }
    if (c.phase == Phase::kReading) Read(i);
  }

  void Read(std::size_t i) {
    Conn& c = conns_[i];
    FleetStream& s = out_[i];
    const auto on_event = [&](const SseEvent& event) {
      if (event.name == "token") {
        if (s.token_events++ == 0) s.first_token_ms = MsSince(c.start);
        s.token_bytes += event.data.size();
      } else if (event.name == "done") {
        s.done = true;
        s.done_data = event.data;
      } else if (event.name == "error") {
        s.error = event.data;
      }
    };
    char buf[16384];
    for (;;) {
      const ssize_t n = read(c.fd, buf, sizeof buf);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (n <= 0) break;  // closed or reset
      if (!c.response.Feed(std::string_view(buf, static_cast<std::size_t>(n)), on_event)) {
        s.error = "badly framed response";
        break;
      }
      if (c.response.complete()) break;
    }
    s.status = c.response.status();
    if (s.status != 0 && s.status != 200 && s.error.empty()) s.error = c.response.error_body();
    if (!c.response.complete() && s.error.empty()) s.error = "connection closed mid-response";
    s.end_ms = MsSince(c.start);
    Finish(i);
  }

  void Fail(std::size_t i, std::string error) {
    out_[i].error = std::move(error);
    Finish(i);
  }

  void Finish(std::size_t i) {
    Conn& c = conns_[i];
    if (c.phase == Phase::kFinished) return;
    if (c.fd >= 0) close(c.fd);  // closing also removes it from the epoll set
    c.fd = -1;
    c.phase = Phase::kFinished;
    ++finished_;
  }

  const FleetOptions& options_;
  std::vector<Conn> conns_;
  std::vector<FleetStream> out_;
  int epoll_ = -1;
  std::size_t finished_ = 0;
};

}  // namespace

std::vector<FleetStream> RunFleet(const FleetOptions& options) { return Fleet(options).Run(); }

}  // namespace rc::bench

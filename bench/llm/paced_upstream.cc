// PacedUpstream.
#include "bench/llm/paced_upstream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

namespace rc::bench {
namespace {

using json = nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

constexpr std::size_t kMaxRequest = 4 * 1024 * 1024;

// `k=v,k=v` options of a `fake:` model name or directive.
std::map<std::string, std::string> ParseOptions(std::string_view spec) {
  std::map<std::string, std::string> opts = {{"scenario", "normal"}};
  if (spec.rfind("fake:", 0) != 0) return opts;
  spec.remove_prefix(5);
  while (!spec.empty()) {
    const std::size_t comma = spec.find(',');
    const std::string_view part = spec.substr(0, comma);
    if (const std::size_t eq = part.find('='); eq != std::string_view::npos) {
      opts[std::string(part.substr(0, eq))] = std::string(part.substr(eq + 1));
    }
    if (comma == std::string_view::npos) break;
    spec.remove_prefix(comma + 1);
  }
  return opts;
}

// The scenario of a request, as the Python fake decides it: the model name's options, replaced by
// the last `[[fake:...]]` directive in the last user message.
std::map<std::string, std::string> RequestOptions(const json& body) {
  std::string spec = body.is_object() ? body.value("model", "") : "";
  std::string last_user;
  if (body.is_object() && body.contains("messages") && body["messages"].is_array()) {
    for (const json& m : body["messages"]) {
      if (m.is_object() && m.value("role", "") == "user" && m.contains("content") &&
          m["content"].is_string()) {
        last_user = m["content"].get<std::string>();
      }
    }
  }
  for (std::size_t pos = last_user.find("[[fake:"); pos != std::string::npos;
       pos = last_user.find("[[fake:", pos + 2)) {
    const std::size_t end = last_user.find("]]", pos);
    if (end == std::string::npos) break;
    const std::string candidate = last_user.substr(pos + 2, end - pos - 2);
    if (candidate.find_first_of(" \t\r\n]") == std::string::npos) spec = candidate;
  }
  return ParseOptions(spec);
}

std::string Chunk(const std::string& payload) {
  char size[20];
  std::snprintf(size, sizeof size, "%zx\r\n", payload.size());
  return size + payload + "\r\n";
}

std::string Event(const std::string& data) { return Chunk("data: " + data + "\n\n"); }

// A chat.completion.chunk with the key order and spacing of Python's json.dumps, so the server
// parses the same bytes as from the Python fake.
std::string ChunkJson(const std::string& content_json, const char* finish, bool usage) {
  std::string out =
      "{\"id\": \"chatcmpl-fake\", \"object\": \"chat.completion.chunk\", \"created\": " +
      std::to_string(std::time(nullptr)) + ", \"model\": \"fake\", \"choices\": ";
  if (usage) {
    return out + "[], \"usage\": {\"prompt_tokens\": 42, \"completion_tokens\": 13, " +
           "\"total_tokens\": 55}}";
  }
  out += "[{\"index\": 0, \"delta\": ";
  out += content_json.empty() ? "{}" : "{\"content\": " + content_json + "}";
  out += ", \"finish_reason\": ";
  out += finish == nullptr ? "null" : std::string("\"") + finish + "\"";
  return out + "}], \"usage\": null}";
}

constexpr char kAnalysis[] =
    "## Qualification Assessment\n\nYour background matches most of the core requirements of "
    "this role.\n\n## Missing Skills / Experience\n\n- Close the gaps the report lists as missing "
    "before applying.\n\n## Key Strengths\n\n- Your experience is directly relevant to the "
    "role.\n";

struct Conn {
  int fd = -1;
  std::string in;
  std::string out;  // bytes not yet accepted by the socket
  bool responding = false;
  bool close_after_write = false;
  bool watching_out = false;  // EPOLLOUT is in its epoll set
  int next_token = 0;
  int count = 0;
  double rate = 0;
  bool usage = false;
  SteadyClock::time_point start;
};

struct Due {
  SteadyClock::time_point at;
  int fd;
  std::uint64_t serial;
  bool operator>(const Due& o) const { return at > o.at; }
};

class Upstream {
 public:
  int Run() {
    listen_ = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(listen_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (bind(listen_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        listen(listen_, 4096) != 0 ||
        getsockname(listen_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      std::perror("paced upstream: listen");
      return 1;
    }
    std::printf("%d\n", ntohs(addr.sin_port));
    std::fflush(stdout);
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    Watch(listen_, EPOLLIN, EPOLL_CTL_ADD);
    std::vector<epoll_event> ready(512);
    for (;;) {
      int timeout = -1;
      if (!due_.empty()) {
        // Rounded up: a token may leave up to 1 ms late, but the loop never spins.
        const auto wait =
            std::chrono::ceil<std::chrono::milliseconds>(due_.top().at - SteadyClock::now());
        timeout = static_cast<int>(std::max<long>(0, wait.count()));
      }
      const int n = epoll_wait(epoll_, ready.data(), static_cast<int>(ready.size()), timeout);
      for (int i = 0; i < n; ++i) {
        if (ready[i].data.fd == listen_) {
          Accept();
        } else {
          Ready(ready[i].data.fd, ready[i].events);
        }
      }
      RunDue();
    }
  }

 private:
  void Watch(int fd, std::uint32_t events, int op) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    epoll_ctl(epoll_, op, fd, &ev);
  }

  void Accept() {
    for (;;) {
      const int fd = accept4(listen_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) return;
      int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      conns_[fd].fd = fd;
      Watch(fd, EPOLLIN, EPOLL_CTL_ADD);
    }
  }

  void Drop(int fd) {
    close(fd);  // also leaves the epoll set
    conns_.erase(fd);
    serial_[fd] = ++next_serial_;  // its pending Due, if any, is now stale
  }

  void Ready(int fd, std::uint32_t events) {
    auto it = conns_.find(fd);
    if (it == conns_.end()) return;
    Conn& c = it->second;
    if ((events & EPOLLOUT) != 0 && !Flush(c)) return;
    if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) == 0) return;
    char buf[16384];
    for (;;) {
      const ssize_t n = read(fd, buf, sizeof buf);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      if (n <= 0 || c.responding) {  // closed, reset, or data after the request: the client left
        Drop(fd);
        return;
      }
      c.in.append(buf, static_cast<std::size_t>(n));
      if (c.in.size() > kMaxRequest) {
        Drop(fd);
        return;
      }
    }
    const std::size_t head_end = c.in.find("\r\n\r\n");
    if (head_end == std::string::npos) return;
    std::size_t length = 0;
    for (const char* name : {"Content-Length:", "content-length:"}) {
      if (const std::size_t at = c.in.find(name); at != std::string::npos && at < head_end) {
        length = std::strtoul(c.in.c_str() + at + 15, nullptr, 10);
      }
    }
    if (c.in.size() < head_end + 4 + length) return;
    c.responding = true;
    Respond(c, c.in.substr(0, head_end), c.in.substr(head_end + 4, length));
  }

  void Respond(Conn& c, const std::string& head, const std::string& body) {
    if (head.rfind("GET /_stats", 0) == 0) {
      const std::size_t id_at = head.find("id=");
      const std::string id = id_at == std::string::npos
                                 ? "default"
                                 : head.substr(id_at + 3, head.find(' ', id_at) - id_at - 3);
      const Stats& st = stats_[id];
      const std::string payload =
          "{\"requests\": " + std::to_string(st.requests) +
          ", \"last_body\": " + (st.last_body.empty() ? "null" : st.last_body) + "}";
      c.close_after_write = true;  // c is gone once Send has written everything
      Send(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                  std::to_string(payload.size()) + "\r\nConnection: close\r\n\r\n" + payload);
      return;
    }
    const json request = json::parse(body, nullptr, false);
    const auto opts = RequestOptions(request);
    const auto id = opts.find("id");
    Stats& st = stats_[id == opts.end() ? "default" : id->second];
    ++st.requests;
    st.last_body = request.is_discarded() ? "null" : request.dump();
    c.usage = request.is_object() && request.contains("stream_options") &&
              request["stream_options"].is_object() &&
              request["stream_options"].value("include_usage", false);
    std::string head_out =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
        "Cache-Control: no-cache\r\nx-request-id: req_fake123\r\n\r\n";
    if (opts.at("scenario") == "slow") {
      const auto count = opts.find("count");
      const auto rate = opts.find("rate");
      c.count = count == opts.end() ? 20 : std::atoi(count->second.c_str());
      c.rate = rate == opts.end() ? 100 : std::atof(rate->second.c_str());
      if (c.rate <= 0) c.rate = 100;
      c.start = SteadyClock::now();
      if (!Send(c, head_out)) return;
      Tick(c.fd);
      return;
    }
    // Any other scenario: the three analysis sections, word by word, at once.
    std::string text = kAnalysis;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = text.find(' ', pos);
      end = end == std::string::npos ? text.size() : end + 1;
      head_out += Event(ChunkJson(json(text.substr(pos, end - pos)).dump(), nullptr, false));
      pos = end;
    }
    c.close_after_write = true;  // c is gone once Send has written everything
    Send(c, head_out + Ending(c));
  }

  std::string Ending(const Conn& c) const {
    std::string out = Event(ChunkJson("", "stop", false));
    if (c.usage) out += Event(ChunkJson("", nullptr, true));
    return out + Event("[DONE]") + "0\r\n\r\n";
  }

  // Sends the next paced token of connection `fd`, or the end of its stream.
  void Tick(int fd) {
    auto it = conns_.find(fd);
    if (it == conns_.end()) return;
    Conn& c = it->second;
    if (c.next_token >= c.count) {
      c.close_after_write = true;
      Send(c, Ending(c));
      return;
    }
    const std::string token = "\"tok" + std::to_string(c.next_token) + " \"";
    ++c.next_token;
    if (!Send(c, Event(ChunkJson(token, nullptr, false)))) return;
    const auto at = c.start + std::chrono::duration_cast<SteadyClock::duration>(
                                  std::chrono::duration<double>(c.next_token / c.rate));
    due_.push(Due{at, fd, serial_[fd] = ++next_serial_});
  }

  void RunDue() {
    const auto now = SteadyClock::now();
    while (!due_.empty() && due_.top().at <= now) {
      const Due d = due_.top();
      due_.pop();
      // A connection closed and its descriptor reused: the old schedule is stale.
      if (serial_[d.fd] != d.serial) continue;
      Tick(d.fd);
    }
  }

  // Queues `bytes` and sends what the socket takes; false when the connection was dropped (failed,
  // or finished with close_after_write), after which the Conn must not be touched.
  bool Send(Conn& c, const std::string& bytes) {
    c.out += bytes;
    return Flush(c);
  }

  bool Flush(Conn& c) {
    while (!c.out.empty()) {
      const ssize_t n = send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!c.watching_out) Watch(c.fd, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
        c.watching_out = true;
        return true;
      }
      if (n <= 0) {
        Drop(c.fd);
        return false;
      }
      c.out.erase(0, static_cast<std::size_t>(n));
    }
    if (c.watching_out) Watch(c.fd, EPOLLIN, EPOLL_CTL_MOD);
    c.watching_out = false;
    if (c.close_after_write) {
      Drop(c.fd);
      return false;
    }
    return true;
  }

  struct Stats {
    int requests = 0;
    std::string last_body;
  };

  int listen_ = -1;
  int epoll_ = -1;
  std::unordered_map<int, Conn> conns_;
  std::unordered_map<int, std::uint64_t> serial_;
  std::uint64_t next_serial_ = 0;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> due_;
  std::map<std::string, Stats> stats_;
};

}  // namespace

int RunPacedUpstream() { return Upstream().Run(); }

}  // namespace rc::bench

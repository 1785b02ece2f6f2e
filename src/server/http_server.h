// HttpServer: the network side (Boost.Beast, C++20 coroutines): accept, read with limits and
// timeouts, hand requests to the Router on a bounded worker pool, write, shut down gracefully.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "base/status.h"
#include "server/router.h"

namespace rc::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;     // 0: an ephemeral port (see Listen())
  int io_threads = 2;  // one event loop each; connections are spread over them
  int worker_threads = 4;
  // Requests waiting for or running on a worker beyond this get 503 at once.
  int max_pending = 256;
  int max_connections = 1024;
  std::size_t body_limit = 1 << 20;  // bytes; over it: 413 and close
  // Per-path body limits that replace body_limit for that exact path (e.g. {"/documents",
  // 10 MiB}). A Content-Length over the path's limit gets 413 before any of the body is read.
  std::map<std::string, std::size_t, std::less<>> route_body_limits;
  std::size_t header_limit = 16384;  // bytes; over it: 431 and close
  // Whole-operation limit on reading one request (headers, then body) and on each write.
  // Also how long an idle keep-alive connection may wait for its next request.
  std::chrono::milliseconds read_timeout{15'000};
  std::chrono::milliseconds write_timeout{15'000};
  // After SIGTERM/SIGINT, how long in-flight requests may take before the server stops anyway.
  std::chrono::milliseconds shutdown_timeout{10'000};
  // When set (e.g. "x-forwarded-for" or "x-real-ip" behind a reverse proxy), the client IP used
  // for request limits is taken from this header (the last entry of a list) instead of the
  // socket. Only set it when every request comes through a proxy that sets the header.
  std::string client_ip_header;
  // Receives one access log line per request (no trailing newline). May be empty.
  std::function<void(const std::string&)> access_log;
};

// One HTTP/1.1 server. Thread-safe: Shutdown() may be called from any thread or signal context
// through the server's own SIGTERM/SIGINT handling.
class HttpServer {
 public:
  // `router` must outlive the server.
  HttpServer(const Router& router, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; returns the bound port (useful with port 0). Unavailable when the
  // address cannot be bound.
  Result<int> Listen();

  // Serves until SIGTERM/SIGINT (or Shutdown()): then stops accepting, closes idle
  // connections, lets in-flight requests finish within shutdown_timeout, and returns.
  void Run();

  // Starts the graceful shutdown described for Run().
  void Shutdown();

  // An event loop's executor for work that should share the server's threads (the LLM client's
  // streams): the loop of the calling thread when it is one of the server's I/O threads (so a
  // stream started while handling a connection stays on that connection's thread), else the
  // next loop round-robin. Thread-safe. Valid for the server's lifetime; work still queued when
  // the server is destroyed is dropped.
  boost::asio::any_io_executor LocalExecutor();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rc::server

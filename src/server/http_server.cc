// The Beast/Asio side of the server. The only translation unit that includes Beast: routing
// and handlers live in Beast-free files.
#include "server/http_server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "server/access_log.h"
#include "server/http_error.h"

namespace rc::server {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kTuple = asio::as_tuple(use_awaitable);

// One accepted connection. Touched only on its strand, except `weak` lookups in the registry.
struct Connection : std::enable_shared_from_this<Connection> {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;  // a request is being read, handled or answered
};

HttpRequest ToRequest(const http::request_parser<http::string_body>& parser) {
  const auto& msg = parser.get();
  HttpRequest req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  for (const auto& field : msg) req.headers.Add(field.name_string(), field.value());
  return req;
}

}  // namespace

struct HttpServer::Impl {
  Impl(const Router& r, ServerOptions o)
      : router(r),
        options(std::move(o)),
        ioc(std::max(1, options.io_threads)),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM),
        workers(static_cast<std::size_t>(std::max(1, options.worker_threads))) {}

  const Router& router;
  ServerOptions options;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::thread_pool workers;
  std::atomic<int> pending{0};
  std::atomic<int> connections{0};
  std::atomic<bool> stopping{false};
  std::mutex registry_mu;
  std::map<Connection*, std::weak_ptr<Connection>> registry;

  void Log(const std::string& line) {
    if (options.access_log) options.access_log(line);
  }

  static awaitable<HttpResponse> HandleOnWorker(const Router& router, HttpRequest request) {
    co_return router.Handle(request);
  }

  // Writes `res` (already decorated). Returns false when the write failed.
  awaitable<bool> Write(Connection& conn, HttpResponse& res, unsigned version, bool keep_alive,
                        bool head) {
    http::response<http::string_body> out{static_cast<http::status>(res.status), version};
    for (const auto& [name, value] : res.headers.fields()) out.set(name, value);
    out.keep_alive(keep_alive && !res.close);
    const std::size_t size = res.body.size();
    if (head) {
      out.content_length(size);
    } else {
      out.body() = std::move(res.body);
      out.prepare_payload();
    }
    conn.stream.expires_after(options.write_timeout);
    auto [ec, n] = co_await http::async_write(conn.stream, out, kTuple);
    (void)n;
    co_return !ec;
  }

  // Answers an error the connection loop detects itself, then the connection closes.
  awaitable<void> WriteError(Connection& conn, const HttpRequest& req, HttpResponse& res,
                             unsigned version) {
    res.close = true;
    router.Decorate(req, res);
    const auto start = std::chrono::steady_clock::now();
    const std::size_t bytes = res.body.size();
    const int status = res.status;
    co_await Write(conn, res, version, false, false);
    LogRequest(req, status, bytes, start, "");
  }

  // After an early error reply, the client may still be sending a body. Closing at once would
  // make the kernel reset the connection and the client could lose the reply, so stop sending,
  // then read and discard for a short while (bounded in time and bytes) before closing.
  awaitable<void> LingeringClose(Connection& conn) {
    beast::error_code ignored;
    conn.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    conn.stream.expires_after(std::chrono::seconds(2));
    std::array<char, 16384> sink;
    std::size_t total = 0;
    while (total < (std::size_t{16} << 20)) {
      auto [ec, n] = co_await conn.stream.async_read_some(asio::buffer(sink), kTuple);
      if (ec) break;
      total += n;
    }
  }

  void LogRequest(const HttpRequest& req, int status, std::size_t bytes,
                  std::chrono::steady_clock::time_point start, std::string_view sid) {
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    Log(AccessLogLine(req.method.empty() ? "-" : req.method, req.target.empty() ? "-" : req.target,
                      status, bytes, ms, sid));
  }

  awaitable<void> Serve(std::shared_ptr<Connection> conn) {
    beast::flat_buffer buffer;
    try {
      co_await ServeLoop(*conn, buffer);
    } catch (const std::exception& e) {
      Log(std::string("connection error: ") + e.what());
    }
    beast::error_code ignored;
    conn->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    conn->stream.close();
    {
      std::lock_guard lock(registry_mu);
      registry.erase(conn.get());
    }
    connections.fetch_sub(1);
  }

  awaitable<void> ServeLoop(Connection& conn, beast::flat_buffer& buffer) {
    for (;;) {
      if (stopping.load()) co_return;
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
      parser.body_limit(LargestBodyLimit());
      conn.stream.expires_after(options.read_timeout);
      auto [ec, n] = co_await http::async_read_header(conn.stream, buffer, parser, kTuple);
      (void)n;
      const auto start = std::chrono::steady_clock::now();
      if (ec) {
        // Named locals only: temporaries inside co_await expressions are fragile with GCC 12.
        HttpRequest partial;
        HttpResponse error;
        bool reply = true;
        bool linger = true;
        if (ec == http::error::header_limit) {
          error = ErrorResponse(
              431, "HEADERS_TOO_LARGE",
              "request headers are larger than " + std::to_string(options.header_limit) + " bytes");
        } else if (ec == http::error::body_limit) {
          // Content-Length over the limit: refuse before reading any of the body.
          partial = ToRequest(parser);
          error = ErrorResponse(TooLarge(BodyLimitFor(partial.Path())));
        } else if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
                   ec != http::error::end_of_stream && ec != http::error::partial_message) {
          error = ErrorResponse(InvalidArgumentError("malformed HTTP request"));
          linger = false;
        } else {
          reply = linger = false;  // closed, reset, timed out or cancelled: nobody to answer
        }
        if (reply) co_await WriteError(conn, partial, error, 11);
        if (linger) co_await LingeringClose(conn);
        co_return;
      }
      conn.busy = true;
      HttpRequest req = ToRequest(parser);
      const unsigned version = parser.get().version();
      const bool head = req.method == "HEAD";
      const std::size_t body_limit = BodyLimitFor(req.Path());
      parser.body_limit(body_limit);
      if (const auto length = parser.content_length(); length && *length > body_limit) {
        // Over this path's limit (but within the largest one): refuse before reading the body.
        HttpResponse error = ErrorResponse(TooLarge(body_limit));
        co_await WriteError(conn, req, error, version);
        co_await LingeringClose(conn);
        co_return;
      }

      if (!parser.is_done()) {
        if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
          http::response<http::empty_body> cont{http::status::continue_, version};
          conn.stream.expires_after(options.write_timeout);
          auto [wec, wn] = co_await http::async_write(conn.stream, cont, kTuple);
          (void)wn;
          if (wec) co_return;
        }
        conn.stream.expires_after(options.read_timeout);
        auto [bec, bn] = co_await http::async_read(conn.stream, buffer, parser, kTuple);
        (void)bn;
        if (bec == http::error::body_limit) {
          HttpResponse error = ErrorResponse(TooLarge(body_limit));
          co_await WriteError(conn, req, error, version);
          co_await LingeringClose(conn);
          co_return;
        }
        if (bec) co_return;  // timeout, reset: nothing sensible to answer
      }
      req.body = std::move(parser.get().body());
      const bool keep_alive = parser.get().keep_alive();

      HttpResponse res;
      if (pending.fetch_add(1) >= options.max_pending) {
        pending.fetch_sub(1);
        res = ErrorResponse(UnavailableError("the server is busy; try again in a moment"));
        router.Decorate(req, res);
      } else {
        // Released however the task ends (Router::Handle does not throw, but a copy may).
        struct PendingSlot {
          std::atomic<int>& count;
          ~PendingSlot() { count.fetch_sub(1); }
        } slot{pending};
        awaitable<HttpResponse> task = HandleOnWorker(router, req);
        res = co_await asio::co_spawn(workers.get_executor(), std::move(task), use_awaitable);
      }
      const int status = res.status;
      const std::size_t bytes = res.body.size();
      const std::string sid = res.log_session_prefix;
      const bool close = res.close || !keep_alive || stopping.load();
      const bool written = co_await Write(conn, res, version, !close, head);
      LogRequest(req, status, bytes, start, sid);
      conn.busy = false;
      if (!written || close) co_return;
    }
  }

  static Status TooLarge(std::size_t limit) {
    return PayloadTooLargeError("request body is larger than " + std::to_string(limit) + " bytes");
  }

  // The body limit of `path`: its own entry in route_body_limits, or body_limit.
  std::size_t BodyLimitFor(std::string_view path) const {
    const auto it = options.route_body_limits.find(path);
    return it == options.route_body_limits.end() ? options.body_limit : it->second;
  }

  // The limit the header phase applies before the path is known.
  std::size_t LargestBodyLimit() const {
    std::size_t largest = options.body_limit;
    for (const auto& [path, limit] : options.route_body_limits) largest = std::max(largest, limit);
    return largest;
  }

  awaitable<void> Accept() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kTuple);
      if (ec) {
        if (stopping.load() || ec == asio::error::operation_aborted) co_return;
        continue;  // e.g. EMFILE: keep accepting once descriptors free up
      }
      if (connections.load() >= options.max_connections) {
        beast::error_code ignored;
        socket.close(ignored);
        continue;
      }
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      connections.fetch_add(1);
      auto conn = std::make_shared<Connection>(std::move(socket));
      {
        std::lock_guard lock(registry_mu);
        registry.emplace(conn.get(), conn);
      }
      asio::co_spawn(conn->stream.get_executor(), Serve(conn), asio::detached);
    }
  }

  void BeginShutdown() {
    if (stopping.exchange(true)) return;
    asio::post(ioc, [this] {
      beast::error_code ignored;
      acceptor.close(ignored);
      signals.cancel(ignored);
      // Idle connections (waiting for a next request) are closed now; busy ones finish.
      std::lock_guard lock(registry_mu);
      for (auto& [raw, weak] : registry) {
        if (auto conn = weak.lock()) {
          asio::post(conn->stream.get_executor(), [conn] {
            if (!conn->busy) conn->stream.cancel();
          });
        }
      }
      asio::co_spawn(ioc, Drain(), asio::detached);
    });
  }

  awaitable<void> Drain() {
    const auto deadline = std::chrono::steady_clock::now() + options.shutdown_timeout;
    asio::steady_timer timer(ioc);
    while (connections.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      timer.expires_after(std::chrono::milliseconds(10));
      co_await timer.async_wait(kTuple);
    }
    if (connections.load() > 0) {
      Log("shutdown: " + std::to_string(connections.load()) +
          " connection(s) still open at the deadline; stopping");
      ioc.stop();
    }
  }
};

HttpServer::HttpServer(const Router& router, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, std::move(options))) {}

HttpServer::~HttpServer() { impl_->workers.join(); }

Result<int> HttpServer::Listen() {
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return InvalidArgumentError("host is not an IP address: " + impl_->options.host);
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(impl_->options.port));
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return UnavailableError("cannot listen on " + impl_->options.host + ":" +
                            std::to_string(impl_->options.port) + ": " + ec.message());
  }
  return static_cast<int>(acceptor.local_endpoint().port());
}

void HttpServer::Run() {
  Impl& impl = *impl_;
  impl.signals.async_wait([&impl](const beast::error_code& ec, int) {
    if (!ec) impl.BeginShutdown();
  });
  asio::co_spawn(impl.ioc, impl.Accept(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < impl.options.io_threads; ++i)
    threads.emplace_back([&impl] { impl.ioc.run(); });
  impl.ioc.run();
  for (auto& t : threads) t.join();
  impl.workers.join();
}

void HttpServer::Shutdown() { impl_->BeginShutdown(); }

}  // namespace rc::server

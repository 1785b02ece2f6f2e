// The Beast/Asio side of the server. The only translation unit that includes Beast: routing
// and handlers live in Beast-free files.
#include "server/http_server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <csignal>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "server/access_log.h"
#include "server/event_loops.h"
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

// One accepted connection. Touched only on its event loop's thread, except `weak` lookups in the
// registry.
struct Connection : std::enable_shared_from_this<Connection> {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;  // a request is being read, handled or answered
  // Set while a streamed body is being sent: asks it to end early at shutdown.
  std::function<void()> on_shutdown;
};

// The connection's end of a streamed body (see body_stream.h). Producers call Write/Close from
// any thread; the connection's coroutine drains the queue on the connection's loop. `wake` is
// only touched on that loop.
class StreamWriter final : public BodyWriter, public std::enable_shared_from_this<StreamWriter> {
 public:
  StreamWriter(asio::any_io_executor loop, asio::thread_pool::executor_type workers)
      : wake(loop), loop_(std::move(loop)), workers_(workers) {}

  // Only a write that finds the connection asleep (armed) wakes it: one post per idle period, not
  // per token.
  void Write(std::string_view bytes) override {
    bool wake_up = false;
    {
      std::lock_guard lock(mu_);
      if (closed_) return;
      queued_ += bytes;
      wake_up = !notified_;
      notified_ = true;
    }
    if (wake_up) Notify();
  }

  void Close() override {
    {
      std::lock_guard lock(mu_);
      closed_ = true;
      notified_ = true;
    }
    Notify();
  }

  void RunBlocking(std::function<void()> work) override { asio::post(workers_, std::move(work)); }

  void SetStatus(int status) override {
    std::lock_guard lock(mu_);
    status_ = status;
  }

  void SetHeader(std::string_view name, std::string_view value) override {
    std::lock_guard lock(mu_);
    headers_.Set(name, value);
  }

  // Applies what SetStatus/SetHeader asked for to `res` (a buffered response's head).
  void AmendHead(HttpResponse& res) {
    std::lock_guard lock(mu_);
    if (status_ != 0) res.status = status_;
    for (const auto& [name, value] : headers_.fields()) res.headers.Set(name, value);
  }

  // Wakes the connection's wait (posted, so it runs on the connection's loop).
  void Notify() {
    asio::post(loop_, [self = shared_from_this()] { self->wake.cancel(); });
  }

  // Takes what is queued; `closed` says whether the producer has finished. Writes stay silent
  // (no wake-up) until Arm().
  std::string Take(bool& closed) {
    std::lock_guard lock(mu_);
    closed = closed_;
    notified_ = true;
    return std::exchange(queued_, {});
  }

  // Lets the next Write wake the connection, which is about to sleep. False (and nothing
  // changes) when there is something to send already.
  bool Arm() {
    std::lock_guard lock(mu_);
    if (closed_ || !queued_.empty()) return false;
    notified_ = false;
    return true;
  }

  asio::steady_timer wake;
  std::atomic<bool> shutdown_requested{false};

 private:
  asio::any_io_executor loop_;
  asio::thread_pool::executor_type workers_;
  std::mutex mu_;
  std::string queued_;
  bool closed_ = false;
  bool notified_ = false;  // writes need not wake the connection (it is awake or holding)
  int status_ = 0;         // 0: not set
  HeaderList headers_;
};

HttpRequest ToRequest(const http::request_parser<http::string_body>& parser) {
  const auto& msg = parser.get();
  HttpRequest req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  for (const auto& field : msg) req.headers.Add(field.name_string(), field.value());
  return req;
}

// The client's address: the socket peer, or the trusted proxy header when configured and sent.
std::string ClientIp(Connection& conn, const HttpRequest& req, const std::string& header) {
  if (!header.empty()) {
    std::string_view value = req.headers.Get(header);
    // X-Forwarded-For lists hops; the last one was added by the proxy we trust.
    if (const auto comma = value.rfind(','); comma != std::string_view::npos) {
      value.remove_prefix(comma + 1);
    }
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (!value.empty()) return std::string(value);
  }
  beast::error_code ec;
  const tcp::endpoint peer = conn.stream.socket().remote_endpoint(ec);
  return ec ? std::string() : peer.address().to_string();
}

}  // namespace

struct HttpServer::Impl {
  Impl(const Router& r, ServerOptions o)
      : router(r),
        options(std::move(o)),
        loops(options.io_threads),
        acceptor(loops.first()),
        signals(loops.first(), SIGINT, SIGTERM),
        workers(static_cast<std::size_t>(std::max(1, options.worker_threads))) {}

  const Router& router;
  ServerOptions options;
  EventLoops loops;
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
      req.client_ip = ClientIp(conn, req, options.client_ip_header);
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
      if (res.stream != nullptr && res.buffered) {
        const std::string sid = res.log_session_prefix;
        const std::size_t bytes = co_await ServeBuffered(conn, res, version);
        LogRequest(req, res.status, bytes, start, sid);
        co_return;  // a buffered stream's response closes the connection too
      }
      if (res.stream != nullptr) {
        const std::string sid = res.log_session_prefix;
        const std::size_t bytes = co_await ServeStream(conn, res, version);
        LogRequest(req, res.status, bytes, start, sid);
        co_return;  // a streamed body ends the connection
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

  // Sends `data` as one chunk of a chunked body. Usually the socket takes it all at once: one
  // non-blocking send, no asynchronous operation and no timer. What it does not take is written
  // asynchronously within the write timeout.
  awaitable<beast::error_code> WriteChunk(Connection& conn, const std::string& data) {
    char size[20];
    const auto [end, ignored] = std::to_chars(size, size + sizeof size - 2, data.size(), 16);
    std::size_t head = static_cast<std::size_t>(end - size);
    size[head++] = '\r';
    size[head++] = '\n';
    static constexpr char kCrLf[] = "\r\n";
    const std::array<asio::const_buffer, 3> pieces{asio::buffer(size, head), asio::buffer(data),
                                                   asio::buffer(kCrLf, 2)};
    tcp::socket& socket = conn.stream.socket();
    beast::error_code ec;
    socket.non_blocking(true, ec);
    std::size_t sent = ec ? 0 : socket.write_some(pieces, ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) ec = {};
    if (ec) co_return ec;
    const std::size_t total = head + data.size() + 2;
    if (sent == total) co_return ec;
    beast::buffers_suffix<std::array<asio::const_buffer, 3>> rest(pieces);
    rest.consume(sent);
    conn.stream.expires_after(options.write_timeout);
    auto [wec, n] = co_await asio::async_write(conn.stream, rest, kTuple);
    (void)n;
    co_return wec;
  }

  // The server's side of a running BodyStream, shared by the streamed and the buffered forms.
  struct RunningBody {
    std::shared_ptr<BodyStream> body;
    std::shared_ptr<StreamWriter> writer;
    std::shared_ptr<bool> watching = std::make_shared<bool>(true);  // the watcher still matters
    std::shared_ptr<bool> gone = std::make_shared<bool>(false);     // the watcher saw it leave
    bool client_gone = false;
    bool shutdown_handled = false;
    std::chrono::steady_clock::time_point stop_deadline{};

    // True when the client left or shutdown began and Apply() has not acted on it yet.
    bool Pending() const {
      return (!client_gone && *gone) || (!shutdown_handled && writer->shutdown_requested.load());
    }
    // Turns what happened into one Stop call each: the client left, shutdown began.
    void Apply() {
      if (!client_gone && *gone) ClientGone();
      if (!shutdown_handled && writer->shutdown_requested.load()) {
        shutdown_handled = true;
        body->Stop(StopReason::kShutdown);
      }
    }
    // The client is gone (the watcher saw it, or a write failed): stop, and wait for the stream
    // to close at most kStopGrace.
    void ClientGone() {
      client_gone = true;
      body->Stop(StopReason::kClientGone);
      stop_deadline = std::chrono::steady_clock::now() + kStopGrace;
    }
  };

  // What the watcher does with bytes the client sends while its answer is produced.
  enum class ClientInput {
    kEndsTheStream,  // a streaming client sends nothing more: any read ends it
    kIsDropped,      // read and dropped; only EOF or a reset means the client left
  };

  // Starts `res.stream` with a writer on the connection's loop, forwards shutdown to it, and
  // (unless `already_gone`) watches the socket for a departed client.
  RunningBody StartBody(Connection& conn, HttpResponse& res, bool already_gone, ClientInput input) {
    RunningBody run;
    run.body = std::move(res.stream);
    run.writer = std::make_shared<StreamWriter>(conn.stream.get_executor(), workers.get_executor());
    run.client_gone = already_gone;
    run.body->Start(run.writer);
    if (already_gone) run.body->Stop(StopReason::kClientGone);
    conn.on_shutdown = [writer = run.writer] {
      writer->shutdown_requested = true;
      writer->Notify();
    };
    if (already_gone) return run;
    asio::co_spawn(
        conn.stream.get_executor(),
        [self = conn.shared_from_this(), writer = run.writer, watching = run.watching,
         gone = run.gone, input]() -> awaitable<void> {
          std::array<char, 512> scratch;
          for (;;) {
            auto [ec, n] =
                co_await self->stream.socket().async_read_some(asio::buffer(scratch), kTuple);
            (void)n;
            if (ec || !*watching || input == ClientInput::kEndsTheStream) break;
          }
          if (*watching) {
            *gone = true;
            writer->Notify();
          }
        },
        asio::detached);
    return run;
  }

  // The stream is over: the watcher's verdict no longer matters, shutdown no longer reaches it.
  // The caller cancels the socket's pending read once it has written what it still writes.
  static void EndBody(Connection& conn, RunningBody& run) {
    *run.watching = false;
    conn.on_shutdown = nullptr;
  }

  // Sends a streamed body: the head with chunked encoding, then each piece the stream writes,
  // a keep-alive comment when nothing was sent for a while, and the last chunk once the stream
  // closes. A client that goes away (a read sees EOF or a reset, or a write fails) stops the
  // stream at once; so does shutdown. Returns the body bytes sent.
  awaitable<std::size_t> ServeStream(Connection& conn, HttpResponse& res, unsigned version) {
    http::response<http::empty_body> head{static_cast<http::status>(res.status), version};
    for (const auto& [name, value] : res.headers.fields()) head.set(name, value);
    head.keep_alive(false);
    head.chunked(true);
    http::response_serializer<http::empty_body> serializer{head};
    conn.stream.expires_after(options.write_timeout);
    auto [hec, hn] = co_await http::async_write_header(conn.stream, serializer, kTuple);
    (void)hn;
    RunningBody run = StartBody(conn, res, static_cast<bool>(hec), ClientInput::kEndsTheStream);
    StreamWriter& writer = *run.writer;

    std::size_t sent = 0;
    auto last_write = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point hold_until{};
    for (;;) {
      run.Apply();
      bool closed = false;
      std::string chunk = writer.Take(closed);
      if (!chunk.empty() && !run.client_gone) {
        const beast::error_code ec = co_await WriteChunk(conn, chunk);
        if (ec) {
          run.ClientGone();
        } else {
          sent += chunk.size();
          last_write = std::chrono::steady_clock::now();
          hold_until = last_write + kCoalesce;
        }
      }
      if (closed) break;
      if (run.client_gone && std::chrono::steady_clock::now() >= run.stop_deadline) break;
      if (run.Pending()) continue;
      if (!run.client_gone && std::chrono::steady_clock::now() < hold_until) {
        // Coalesce: pieces written during kCoalesce after a write go out together (one chunk,
        // one syscall for several tokens) and do not wake this loop. The end of the stream, the
        // client leaving and shutdown always wake it, so they are never held back.
        writer.wake.expires_at(hold_until);
        auto [held] = co_await writer.wake.async_wait(kTuple);
        (void)held;
        continue;
      }
      if (!writer.Arm()) continue;  // something arrived already
      // Sleep until the producer writes or closes, the client goes, or a keep-alive is due.
      writer.wake.expires_at(run.client_gone ? run.stop_deadline : last_write + kKeepAlive);
      auto [wec] = co_await writer.wake.async_wait(kTuple);
      if (!wec && !run.client_gone && std::chrono::steady_clock::now() >= last_write + kKeepAlive) {
        writer.Write(": keep-alive\n\n");
      }
    }
    EndBody(conn, run);
    if (!run.client_gone) {
      conn.stream.expires_after(options.write_timeout);
      auto [ec, n] = co_await asio::async_write(conn.stream, http::make_chunk_last(), kTuple);
      (void)ec;
      (void)n;
    }
    beast::error_code ignored;
    conn.stream.socket().cancel(ignored);  // ends the watcher's read
    co_return sent;
  }

  // Serves a buffered stream (HttpResponse::buffered): starts it, collects what it writes
  // while watching the socket, and once it closes sends one response with Content-Length (and
  // Connection: close). Nothing holds a worker meanwhile. A client that leaves (a read sees EOF
  // or a reset; bytes it sends are discarded, since a pipelined request is not answered) stops
  // the stream, and nothing is sent; so does shutdown, and the stream answers for itself.
  // Returns the body bytes sent.
  awaitable<std::size_t> ServeBuffered(Connection& conn, HttpResponse& res, unsigned version) {
    RunningBody run = StartBody(conn, res, false, ClientInput::kIsDropped);
    StreamWriter& writer = *run.writer;
    std::string collected;
    for (;;) {
      run.Apply();
      bool closed = false;
      collected += writer.Take(closed);
      if (closed) break;
      if (run.client_gone && std::chrono::steady_clock::now() >= run.stop_deadline) break;
      if (run.Pending()) continue;
      if (!writer.Arm()) continue;  // something arrived already
      // Sleep until the producer writes or closes, the client goes, or shutdown.
      writer.wake.expires_at(run.client_gone ? run.stop_deadline
                                             : std::chrono::steady_clock::time_point::max());
      auto [wec] = co_await writer.wake.async_wait(kTuple);
      (void)wec;
    }
    EndBody(conn, run);
    beast::error_code ignored;
    conn.stream.socket().cancel(ignored);  // ends the watcher's read
    if (run.client_gone) co_return 0;
    writer.AmendHead(res);
    res.body = std::move(collected);
    res.close = true;
    const std::size_t size = res.body.size();
    const bool written = co_await Write(conn, res, version, false, false);
    co_return written ? size : 0;
  }

  static constexpr std::chrono::seconds kKeepAlive{15};
  // How long pieces of a streamed body may wait to be sent together after a write: short enough
  // to read as continuous typing, long enough to batch several tokens per write.
  static constexpr std::chrono::milliseconds kCoalesce{40};
  // After asking a stream to stop, how long to wait for it to close before giving up on it.
  static constexpr std::chrono::seconds kStopGrace{10};

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
      // No strand: a loop has one thread, so the connection's handlers never run concurrently.
      auto [ec, socket] = co_await acceptor.async_accept(loops.Next(), kTuple);
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
    asio::post(loops.first(), [this] {
      beast::error_code ignored;
      acceptor.close(ignored);
      signals.cancel(ignored);
      loops.Release();
      // Idle connections (waiting for a next request) are closed now; busy ones finish.
      std::lock_guard lock(registry_mu);
      for (auto& [raw, weak] : registry) {
        if (auto conn = weak.lock()) {
          asio::post(conn->stream.get_executor(), [conn] {
            if (!conn->busy) conn->stream.cancel();
            if (conn->on_shutdown) conn->on_shutdown();
          });
        }
      }
      asio::co_spawn(loops.first(), Drain(), asio::detached);
    });
  }

  awaitable<void> Drain() {
    const auto deadline = std::chrono::steady_clock::now() + options.shutdown_timeout;
    asio::steady_timer timer(loops.first());
    while (connections.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      timer.expires_after(std::chrono::milliseconds(10));
      co_await timer.async_wait(kTuple);
    }
    if (connections.load() > 0) {
      Log("shutdown: " + std::to_string(connections.load()) +
          " connection(s) still open at the deadline; stopping");
      loops.Stop();
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
  asio::co_spawn(impl.loops.first(), impl.Accept(), asio::detached);
  impl.loops.Run();
  impl.workers.join();
}

void HttpServer::Shutdown() { impl_->BeginShutdown(); }

boost::asio::any_io_executor HttpServer::LocalExecutor() {
  return impl_->loops.Local().get_executor();
}

}  // namespace rc::server

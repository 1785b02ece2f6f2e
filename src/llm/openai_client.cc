// The Beast/OpenSSL implementation of OpenAiClient: one coroutine per stream, on a strand or a
// single-threaded event loop.
#include "llm/openai_client.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <exception>
#include <mutex>
#include <random>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "llm/openai_protocol.h"
#include "llm/sse_parser.h"

namespace rc::llm {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kMaxErrorBody = 64 * 1024;
constexpr std::size_t kMaxJsonBody = 1 << 20;

// The end of one HTTP attempt.
struct AttemptResult {
  Status status;
  LlmErrorKind kind = LlmErrorKind::kNone;
  bool retryable = false;
  std::optional<milliseconds> retry_after;
};

AttemptResult Fail(Status status, LlmErrorKind kind, bool retryable = false) {
  return AttemptResult{std::move(status), kind, retryable, std::nullopt};
}

// The shared state of one StreamChat call. Touched only on `strand` (the call's strand, or its
// single-threaded event loop: either way, one handler at a time).
struct Call : std::enable_shared_from_this<Call> {
  Call(asio::any_io_executor s, std::shared_ptr<OpenAiClient::Impl> i)
      : strand(std::move(s)), impl(std::move(i)), timer(strand) {}
  asio::any_io_executor strand;
  std::shared_ptr<OpenAiClient::Impl> impl;
  ChatRequest request;
  TokenSink on_token;
  DoneSink on_done;
  CancelToken cancel;
  bool cancelled = false;
  beast::tcp_stream* stream = nullptr;  // the current attempt's socket, for cancellation
  tcp::resolver* resolver = nullptr;
  asio::steady_timer timer;  // retry back-off between attempts; the watchdog during a body
  Clock::time_point total_deadline;
  // The body watchdog (see ArmWatchdog): the deadlines of the attempt being read.
  Clock::time_point first_token_deadline;
  Clock::time_point last_read;
  bool got_first = false;
  bool timed_out = false;    // the watchdog ended the attempt
  unsigned watch_round = 0;  // bumped when a body read ends: stale watchdog wake-ups do nothing
  ChatOutcome outcome;
  std::string body;  // the request body, built once
};

// Sets `call.stream` for the lifetime of one attempt's socket.
class StreamRegistration {
 public:
  StreamRegistration(Call& call, beast::tcp_stream& stream) : call_(call) {
    call_.stream = &stream;
  }
  ~StreamRegistration() { call_.stream = nullptr; }
  StreamRegistration(const StreamRegistration&) = delete;
  StreamRegistration& operator=(const StreamRegistration&) = delete;

 private:
  Call& call_;
};

}  // namespace

struct OpenAiClient::Impl {
  Impl(ExecutorSource ex, bool single, LlmConfig cfg)
      : executor_for_call(std::move(ex)),
        single_threaded(single),
        config(std::move(cfg)),
        tls(ssl::context::tls_client) {}
  ExecutorSource executor_for_call;
  bool single_threaded;  // the executors run one handler at a time: no strand per call
  LlmConfig config;
  ssl::context tls;
  std::mutex rng_mu;
  std::mt19937_64 rng{std::random_device{}()};

  double Jitter() {
    std::lock_guard lock(rng_mu);
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
  }
};

namespace {

std::string HostHeader(const Endpoint& ep) {
  const bool ipv6 = ep.host.find(':') != std::string::npos;
  std::string host = ipv6 ? "[" + ep.host + "]" : ep.host;
  const bool default_port = (ep.tls && ep.port == 443) || (!ep.tls && ep.port == 80);
  if (!default_port) host += ":" + std::to_string(ep.port);
  return host;
}

std::string Target(const Endpoint& ep) {
  std::string target = ep.path + "/chat/completions";
  if (!ep.query.empty()) target += "?" + ep.query;
  return target;
}

// Keeps an upstream request id printable and short before it reaches logs.
std::string CleanRequestId(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (out.size() >= 128) break;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.')
      out.push_back(c);
  }
  return out;
}

milliseconds Remaining(Clock::time_point deadline) {
  return std::max(milliseconds(0),
                  std::chrono::duration_cast<milliseconds>(deadline - Clock::now()));
}

// Reads the rest of a body into `out`, up to `limit` bytes (the rest is dropped).
template <class Stream, class Parser>
asio::awaitable<beast::error_code> ReadBody(Stream& stream, beast::flat_buffer& buf, Parser& p,
                                            std::size_t limit, std::string& out) {
  char tmp[8192];
  while (!p.is_done()) {
    p.get().body().data = tmp;
    p.get().body().size = sizeof tmp;
    auto [ec, n] = co_await http::async_read_some(stream, buf, p, kTuple);
    if (ec == http::error::need_buffer) ec = {};
    const std::size_t got = sizeof tmp - p.get().body().size;
    if (out.size() < limit) out.append(tmp, std::min(got, limit - out.size()));
    if (ec) co_return ec;
  }
  co_return beast::error_code{};
}

// Delivers one piece of answer text to the caller.
void Deliver(Call& call, std::string_view text) {
  if (text.empty()) return;
  call.outcome.text.append(text);
  call.outcome.tokens_delivered = true;
  if (call.on_token) call.on_token(text);
}

// Maps a read/write error to the attempt's result. `got_first`: a token arrived already.
AttemptResult FromIoError(const Call& call, beast::error_code ec, bool got_first,
                          bool headers_seen) {
  if (call.cancelled) return Fail(CancelledError(), LlmErrorKind::kCancelled);
  const LlmConfig& cfg = call.impl->config;
  if (ec == beast::error::timeout) {
    if (Remaining(call.total_deadline) == milliseconds(0)) {
      return Fail(TimeoutError("total time", cfg.total_timeout), LlmErrorKind::kTimeout);
    }
    if (got_first) {
      return Fail(TimeoutError("no data", cfg.idle_timeout), LlmErrorKind::kTimeout);
    }
    return Fail(TimeoutError("no answer", cfg.first_token_timeout), LlmErrorKind::kTimeout);
  }
  if (!headers_seen) return Fail(UnreachableError(), LlmErrorKind::kUnreachable, true);
  return Fail(TruncatedError(), LlmErrorKind::kTruncated, !got_first);
}

// When the attempt being read times out: the total deadline, and before the first token the
// first-token deadline, after it the idle limit counted from the last read.
Clock::time_point WatchDeadline(const Call& call) {
  const Clock::time_point limit =
      call.got_first ? call.last_read + call.impl->config.idle_timeout : call.first_token_deadline;
  return std::min(limit, call.total_deadline);
}

// The body watchdog: one timer per call, re-armed only when it wakes (at most once per idle
// period), not on every read. A wake-up past the deadline cancels the socket's read; the reader
// sees `timed_out`.
void ArmWatchdog(const std::shared_ptr<Call>& call) {
  call->timer.expires_at(WatchDeadline(*call));
  call->timer.async_wait([call, round = call->watch_round](beast::error_code ec) {
    if (ec || call->watch_round != round || call->stream == nullptr) return;
    if (Clock::now() < WatchDeadline(*call)) {
      ArmWatchdog(call);
      return;
    }
    call->timed_out = true;
    call->stream->socket().cancel(ec);
  });
}

// Ends the watchdog of the body just read.
void DisarmWatchdog(Call& call) {
  ++call.watch_round;
  call.timer.cancel();
}

// Once tokens flow, lets the kernel acknowledge them with delayed ACKs (one per ~40 ms) rather
// than one ACK per read: a token stream is many tiny segments, and an immediate ACK for each
// costs as much CPU as reading it. Linux leaves this mode by itself whenever a delayed ACK fires,
// so it is set again after every read. Not before the first token: an upstream that does not
// set TCP_NODELAY would hold its first event back until its headers were acknowledged.
void DelayAcks(beast::tcp_stream& lowest) {
#ifdef TCP_QUICKACK
  const int off = 0;
  ::setsockopt(lowest.socket().native_handle(), IPPROTO_TCP, TCP_QUICKACK, &off, sizeof off);
#else
  (void)lowest;
#endif
}

// What the body reader reads from: the socket itself for plain HTTP (no Beast operation per
// read), the TLS stream otherwise (its socket has no Beast timer armed: see ArmWatchdog).
template <class Stream>
auto& BodySource(Stream& stream, beast::tcp_stream& lowest) {
  if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
    return lowest.socket();
  } else {
    return stream;
  }
}

// One request/response exchange over a connected (and, for https, handshaken) stream.
template <class Stream>
asio::awaitable<AttemptResult> Exchange(Call& call, Stream& stream, beast::tcp_stream& lowest) {
  const LlmConfig& cfg = call.impl->config;
  call.first_token_deadline = std::min(Clock::now() + cfg.first_token_timeout, call.total_deadline);
  const Clock::time_point first_token_deadline = call.first_token_deadline;

  http::request<http::string_body> req{http::verb::post, Target(cfg.endpoint), 11};
  req.set(http::field::host, HostHeader(cfg.endpoint));
  req.set(http::field::user_agent, "resume-coach/0.1");
  req.set(http::field::content_type, "application/json");
  req.set(http::field::accept, "text/event-stream");
  if (!cfg.api_key.empty()) {
    if (cfg.auth_header == "api-key") {
      req.set("api-key", cfg.api_key);
    } else {
      req.set(http::field::authorization, "Bearer " + cfg.api_key);
    }
  }
  req.body() = call.body;
  req.prepare_payload();

  lowest.expires_at(first_token_deadline);
  if (auto [ec, n] = co_await http::async_write(stream, req, kTuple); ec) {
    co_return FromIoError(call, ec, false, false);
  }

  beast::flat_buffer buf;
  http::response_parser<http::buffer_body> p;
  p.body_limit(boost::none);
  p.header_limit(32 * 1024);
  if (auto [ec, n] = co_await http::async_read_header(stream, buf, p, kTuple); ec) {
    co_return FromIoError(call, ec, false, false);
  }
  const auto& res = p.get();
  call.outcome.request_id = CleanRequestId(res["x-request-id"]);
  const int code = static_cast<int>(res.result_int());
  if (code != 200) {
    std::string body;
    const auto retry_after = ParseRetryAfter(res["retry-after-ms"], res["retry-after"],
                                             std::chrono::system_clock::now());
    const std::string should_retry(res["x-should-retry"]);
    if (code < 300 || code >= 400) {
      // Redirect bodies are not read: nothing from a redirect is used.
      if (auto ec = co_await ReadBody(stream, buf, p, kMaxErrorBody, body); ec && call.cancelled) {
        co_return Fail(CancelledError(), LlmErrorKind::kCancelled);
      }
    }
    HttpFailure f = ClassifyHttpFailure(code, body, retry_after, should_retry);
    co_return AttemptResult{std::move(f.status), f.kind, f.retryable, f.retry_after};
  }

  const std::string_view content_type = res[http::field::content_type];
  if (!content_type.starts_with("text/event-stream")) {
    // Some servers ignore "stream": accept a whole JSON completion, refuse anything else.
    std::string body;
    if (auto ec = co_await ReadBody(stream, buf, p, kMaxJsonBody + 1, body); ec) {
      co_return FromIoError(call, ec, false, true);
    }
    if (body.size() > kMaxJsonBody) {
      co_return Fail(UnavailableError("the AI service sent an oversized response"),
                     LlmErrorKind::kBadResponse);
    }
    DecodedChunk d = DecodeCompletionBody(body);
    if (!d.chunk) co_return Fail(std::move(d.error.status), d.error.kind);
    Deliver(call, d.chunk->content);
    call.outcome.finish_reason = d.chunk->finish_reason;
    if (d.chunk->usage) call.outcome.usage = *d.chunk->usage;
    co_return AttemptResult{};
  }

  // The event stream: bytes are read straight into `buf` and decoded in place by the response
  // parser (chunked or not); the watchdog, not a timer per read, enforces the deadlines.
  SseParser parser(cfg.max_event_bytes);
  SseEventBatch events;
  call.got_first = false;
  call.timed_out = false;
  call.last_read = Clock::now();
  lowest.expires_never();
  ArmWatchdog(call.shared_from_this());
  struct Disarm {
    Call& call;
    ~Disarm() { DisarmWatchdog(call); }
  } disarm{call};
  p.eager(true);
  auto& source = BodySource(stream, lowest);
  char body[16 * 1024];
  beast::error_code read_ec;
  for (;;) {
    while (!p.is_done() && buf.size() > 0) {
      p.get().body().data = body;
      p.get().body().size = sizeof body;
      beast::error_code pec;
      const std::size_t used = p.put(buf.data(), pec);
      buf.consume(used);
      const std::size_t got = sizeof body - p.get().body().size;
      events.Clear();
      if (Status s = parser.Feed(std::string_view(body, got), events); !s.ok()) {
        co_return Fail(UnavailableError("the AI service sent an oversized event"),
                       LlmErrorKind::kBadResponse);
      }
      for (const SseEvent& event : events) {
        DecodedChunk d = DecodeStreamChunk(event.data);
        if (!d.chunk) co_return Fail(std::move(d.error.status), d.error.kind, !call.got_first);
        if (d.chunk->done) co_return AttemptResult{};
        if (!d.chunk->finish_reason.empty()) call.outcome.finish_reason = d.chunk->finish_reason;
        if (d.chunk->usage) call.outcome.usage = *d.chunk->usage;
        if (!d.chunk->content.empty()) {
          call.got_first = true;
          Deliver(call, d.chunk->content);
          // The sink may have cancelled; the posted cancel handler has not run yet.
          if (call.cancelled || call.cancel->cancelled()) {
            co_return Fail(CancelledError(), LlmErrorKind::kCancelled);
          }
        }
      }
      if (pec == http::error::need_more) break;  // the rest of an element is still to come
      if (pec && pec != http::error::need_buffer) {
        co_return Fail(UnavailableError("the AI service sent a malformed response"),
                       LlmErrorKind::kBadResponse, !call.got_first);
      }
    }
    if (p.is_done()) break;
    if (read_ec == asio::error::eof) {
      // The connection closed: the end of a body delimited by the close, or a cut one.
      p.put_eof(read_ec);
      if (!read_ec) break;
    }
    if (read_ec) {
      if (call.timed_out && read_ec == asio::error::operation_aborted) {
        read_ec = beast::error::timeout;
      }
      co_return FromIoError(call, read_ec, call.got_first, true);
    }
    auto [ec, n] = co_await source.async_read_some(buf.prepare(sizeof body), kTuple);
    buf.commit(n);
    call.last_read = Clock::now();
    if (n > 0 && call.got_first) DelayAcks(lowest);
    if (call.cancelled) co_return Fail(CancelledError(), LlmErrorKind::kCancelled);
    read_ec = ec;
  }
  // The body ended cleanly without [DONE]: complete only when the model said it finished.
  if (!call.outcome.finish_reason.empty() && !parser.HasPartialEvent()) co_return AttemptResult{};
  co_return Fail(TruncatedError(), LlmErrorKind::kTruncated, !call.got_first);
}

asio::awaitable<AttemptResult> Connect(Call& call, beast::tcp_stream& lowest) {
  const LlmConfig& cfg = call.impl->config;
  lowest.expires_at(std::min(Clock::now() + cfg.connect_timeout, call.total_deadline));
  beast::error_code ec;
  // An address needs no lookup (a local server is usually configured as one): connect at once,
  // without the resolver's round trip through its lookup thread.
  const asio::ip::address address = asio::ip::make_address(cfg.endpoint.host, ec);
  if (!ec) {
    std::tie(ec) = co_await lowest.async_connect(
        tcp::endpoint(address, static_cast<unsigned short>(cfg.endpoint.port)), kTuple);
  } else {
    tcp::resolver resolver(call.strand);
    call.resolver = &resolver;
    auto [rec, endpoints] = co_await resolver.async_resolve(
        cfg.endpoint.host, std::to_string(cfg.endpoint.port), kTuple);
    call.resolver = nullptr;
    if (call.cancelled) co_return Fail(CancelledError(), LlmErrorKind::kCancelled);
    if (rec) co_return Fail(UnreachableError(), LlmErrorKind::kUnreachable, true);
    lowest.expires_at(std::min(Clock::now() + cfg.connect_timeout, call.total_deadline));
    tcp::endpoint ignored;
    std::tie(ec, ignored) = co_await lowest.async_connect(endpoints, kTuple);
  }
  if (call.cancelled) co_return Fail(CancelledError(), LlmErrorKind::kCancelled);
  if (ec == beast::error::timeout) {
    co_return Fail(TimeoutError("connecting", cfg.connect_timeout), LlmErrorKind::kTimeout, true);
  }
  if (ec) co_return Fail(UnreachableError(), LlmErrorKind::kUnreachable, true);
  lowest.socket().set_option(tcp::no_delay(true));
  co_return AttemptResult{};
}

asio::awaitable<AttemptResult> Attempt(Call& call) {
  const LlmConfig& cfg = call.impl->config;
  if (!cfg.endpoint.tls) {
    beast::tcp_stream stream(call.strand);
    StreamRegistration reg(call, stream);
    AttemptResult r = co_await Connect(call, stream);
    if (r.kind != LlmErrorKind::kNone) co_return r;
    r = co_await Exchange(call, stream, stream);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return r;
  }
  beast::ssl_stream<beast::tcp_stream> stream(call.strand, call.impl->tls);
  beast::tcp_stream& lowest = beast::get_lowest_layer(stream);
  StreamRegistration reg(call, lowest);
  AttemptResult r = co_await Connect(call, lowest);
  if (r.kind != LlmErrorKind::kNone) co_return r;
  // SNI, and the certificate must name the configured host.
  // SSL_set_tlsext_host_name() without its C-style cast.
  if (SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
               const_cast<char*>(cfg.endpoint.host.c_str())) != 1) {
    co_return Fail(UnreachableError(), LlmErrorKind::kUnreachable);
  }
  stream.set_verify_callback(ssl::host_name_verification(cfg.endpoint.host));
  if (auto [ec] = co_await stream.async_handshake(ssl::stream_base::client, kTuple); ec) {
    if (call.cancelled) co_return Fail(CancelledError(), LlmErrorKind::kCancelled);
    if (ec == beast::error::timeout) {
      co_return Fail(TimeoutError("connecting", cfg.connect_timeout), LlmErrorKind::kTimeout, true);
    }
    // A certificate problem will not go away on retry.
    const bool verify_failed = ec.category() == asio::error::get_ssl_category();
    co_return Fail(
        UnavailableError(verify_failed ? "the AI service's TLS certificate could not be verified"
                                       : "the AI service is unreachable (TLS handshake failed)"),
        LlmErrorKind::kUnreachable, !verify_failed);
  }
  r = co_await Exchange(call, stream, lowest);
  // No TLS close_notify wait: the connection is not reused and the answer is already in.
  co_return r;
}

asio::awaitable<void> RunCall(std::shared_ptr<Call> call) {
  const LlmConfig& cfg = call->impl->config;
  const RetryPolicy& policy = cfg.retry;
  call->total_deadline = Clock::now() + cfg.total_timeout;
  AttemptResult last;
  for (int attempt = 0;; ++attempt) {
    if (call->cancelled || call->cancel->cancelled()) {
      last = Fail(CancelledError(), LlmErrorKind::kCancelled);
      break;
    }
    ++call->outcome.attempts;
    last = co_await Attempt(*call);
    if (last.kind == LlmErrorKind::kNone || call->cancelled || !last.retryable ||
        call->outcome.tokens_delivered || attempt >= policy.max_retries) {
      // A cancel racing a finished answer does not undo it.
      if (call->cancelled && last.kind != LlmErrorKind::kNone) {
        last = Fail(CancelledError(), LlmErrorKind::kCancelled);
      }
      break;
    }
    milliseconds delay = BackoffDelay(policy, attempt, call->impl->Jitter());
    if (last.retry_after) {
      if (*last.retry_after > policy.max_retry_after) break;  // fail fast, pass the hint on
      delay = *last.retry_after;
    }
    if (delay >= Remaining(call->total_deadline)) break;
    call->timer.expires_after(delay);
    co_await call->timer.async_wait(kTuple);
  }
  ChatOutcome& out = call->outcome;
  out.status = std::move(last.status);
  out.error = last.kind;
  out.complete = out.status.ok();
  out.retry_after_ms.reset();
  if (last.retry_after) out.retry_after_ms = last.retry_after->count();
  if (out.usage.estimated) {
    std::int64_t prompt = 0;
    for (const ChatMessage& m : call->request.messages) prompt += EstimateTokens(m.content);
    out.usage.prompt_tokens = prompt;
    out.usage.completion_tokens = EstimateTokens(out.text);
  }
}

}  // namespace

OpenAiClient::OpenAiClient(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
OpenAiClient::~OpenAiClient() = default;

Result<std::unique_ptr<OpenAiClient>> OpenAiClient::Create(asio::any_io_executor executor,
                                                           LlmConfig config) {
  return Make([executor] { return executor; }, /*single_threaded=*/false, std::move(config));
}

Result<std::unique_ptr<OpenAiClient>> OpenAiClient::CreateOnEventLoops(
    ExecutorSource executor_for_call, LlmConfig config) {
  if (!executor_for_call) return InvalidArgumentError("the llm client needs an executor");
  return Make(std::move(executor_for_call), /*single_threaded=*/true, std::move(config));
}

Result<std::unique_ptr<OpenAiClient>> OpenAiClient::Make(ExecutorSource executor_for_call,
                                                         bool single_threaded, LlmConfig config) {
  if (!config.enabled) return InvalidArgumentError("the llm client needs an enabled config");
  auto impl =
      std::make_shared<Impl>(std::move(executor_for_call), single_threaded, std::move(config));
  boost::system::error_code ec;
  impl->tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                            ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                            ssl::context::no_tlsv1_1,
                        ec);
  impl->tls.set_verify_mode(ssl::verify_peer, ec);
  impl->tls.set_default_verify_paths(ec);
  if (!impl->config.ca_file.empty()) {
    impl->tls.load_verify_file(impl->config.ca_file, ec);
    if (ec) return InvalidArgumentError("cannot load RESUME_COACH_LLM_CA_FILE");
  }
  return std::unique_ptr<OpenAiClient>(new OpenAiClient(std::move(impl)));
}

std::string_view OpenAiClient::Model() const { return impl_->config.model; }

void OpenAiClient::StreamChat(ChatRequest request, TokenSink on_token, DoneSink on_done,
                              CancelToken cancel) {
  asio::any_io_executor executor = impl_->executor_for_call();
  if (!impl_->single_threaded) executor = asio::make_strand(std::move(executor));
  auto call = std::make_shared<Call>(std::move(executor), impl_);
  call->body = BuildRequestBody(impl_->config, request);
  call->request = std::move(request);
  call->on_token = std::move(on_token);
  call->on_done = std::move(on_done);
  call->cancel = cancel ? std::move(cancel) : std::make_shared<CancelSignal>();
  std::weak_ptr<Call> weak = call;
  call->cancel->OnCancel([weak] {
    auto strong = weak.lock();
    if (!strong) return;
    asio::post(strong->strand, [weak] {
      auto c = weak.lock();
      if (!c) return;
      c->cancelled = true;
      if (c->stream != nullptr) c->stream->cancel();
      if (c->resolver != nullptr) c->resolver->cancel();
      c->timer.cancel();
    });
  });
  asio::co_spawn(call->strand, RunCall(call), [call](std::exception_ptr e) {
    call->cancel->ClearHandler();
    if (e) {
      call->outcome.status = InternalError("the AI request failed unexpectedly");
      call->outcome.error = LlmErrorKind::kUpstreamError;
      call->outcome.complete = false;
    }
    DoneSink done = std::move(call->on_done);
    call->on_token = nullptr;
    if (done) done(std::move(call->outcome));
  });
}

}  // namespace rc::llm

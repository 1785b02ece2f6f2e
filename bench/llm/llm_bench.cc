// Benchmarks of OpenAiClient against the fake upstream streaming on loopback: the latency the
// client adds to the first token, and the CPU it spends carrying hundreds of streams at once;
// and of decoding one streamed chunk, which happens once per token.
#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "llm/openai_client.h"
#include "llm/openai_protocol.h"
#include "tests/fake_llm/fake_llm_process.h"

namespace rc::llm {
namespace {

using SteadyClock = std::chrono::steady_clock;

testing::FakeLlmProcess& Fake() {
  // Destroyed at exit, which stops the server.
  static const auto fake = std::make_unique<testing::FakeLlmProcess>(std::string(RC_SOURCE_DIR) +
                                                                     "/tests/fake_llm/fake_llm.py");
  return *fake;
}

LlmConfig Config(const std::string& model) {
  LlmConfig config;
  config.enabled = true;
  config.base_url = "http://127.0.0.1:" + std::to_string(Fake().port()) + "/v1";
  config.endpoint = *ParseEndpoint(config.base_url);
  config.model = model;
  config.total_timeout = std::chrono::minutes(5);
  config.retry.max_retries = 0;
  return config;
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

// Time to first token through OpenAiClient: connect, request, response header, first event.
void BM_FirstTokenClient(benchmark::State& state) {
  boost::asio::io_context io;
  auto client =
      OpenAiClient::Create(io.get_executor(), Config("fake:scenario=slow,rate=100,count=1"));
  if (!client.ok()) {
    state.SkipWithError("client");
    return;
  }
  for (auto _ : state) {
    SteadyClock::time_point first{};
    const auto start = SteadyClock::now();
    (*client)->StreamChat(
        ChatRequest{{{"user", "hi"}}},
        [&](std::string_view) {
          if (first == SteadyClock::time_point{}) first = SteadyClock::now();
        },
        [](ChatOutcome) {}, nullptr);
    io.restart();
    io.run();
    state.SetIterationTime(std::chrono::duration<double>(first - start).count());
  }
}
BENCHMARK(BM_FirstTokenClient)->UseManualTime()->Unit(benchmark::kMicrosecond);

// The same request over a blocking socket with no parsing at all: the floor that the fake
// upstream itself sets. The client's added latency is the difference between the two.
void BM_FirstTokenRawSocket(benchmark::State& state) {
  const std::string body = R"({"model":"fake:scenario=slow,rate=100,count=1","stream":true})";
  const std::string request =
      "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  for (auto _ : state) {
    const auto start = SteadyClock::now();
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(Fake().port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
      close(fd);
      state.SkipWithError("raw socket");
      return;
    }
    std::string got;
    char buf[4096];
    ssize_t n;
    while (got.find("\"content\"") == std::string::npos && (n = read(fd, buf, sizeof buf)) > 0) {
      got.append(buf, static_cast<std::size_t>(n));
    }
    const auto first = SteadyClock::now();
    while (read(fd, buf, sizeof buf) > 0) {
    }
    close(fd);
    state.SetIterationTime(std::chrono::duration<double>(first - start).count());
  }
}
BENCHMARK(BM_FirstTokenRawSocket)->UseManualTime()->Unit(benchmark::kMicrosecond);

// N concurrent streams of `tokens` tokens at 100 tokens/s each, all on one io_context thread.
// Reports the process CPU (user + system, getrusage) as a share of one core over the run, the
// CPU per delivered token, the token rate, and the p50/p99 time to first token under load.
void BM_ConcurrentStreams(benchmark::State& state) {
  const int streams = static_cast<int>(state.range(0));
  const int tokens = static_cast<int>(state.range(1));
  boost::asio::io_context io;
  auto client = OpenAiClient::Create(
      io.get_executor(), Config("fake:scenario=slow,rate=100,count=" + std::to_string(tokens)));
  if (!client.ok()) {
    state.SkipWithError("client");
    return;
  }
  for (auto _ : state) {
    std::vector<SteadyClock::time_point> first(streams);
    std::vector<double> ttft_ms;
    long delivered = 0;
    int complete = 0;
    const double cpu_start = CpuSeconds();
    const auto start = SteadyClock::now();
    for (int i = 0; i < streams; ++i) {
      (*client)->StreamChat(
          ChatRequest{{{"user", "hi"}}},
          [&, i](std::string_view) {
            if (first[i] == SteadyClock::time_point{}) {
              first[i] = SteadyClock::now();
              ttft_ms.push_back(
                  std::chrono::duration<double, std::milli>(first[i] - start).count());
            }
            ++delivered;
          },
          [&](ChatOutcome o) { complete += o.complete ? 1 : 0; }, nullptr);
    }
    io.restart();
    io.run();
    const double wall = std::chrono::duration<double>(SteadyClock::now() - start).count();
    const double cpu = CpuSeconds() - cpu_start;
    state.SetIterationTime(wall);
    state.counters["streams_complete"] = complete;
    state.counters["tokens"] = static_cast<double>(delivered);
    state.counters["tokens_per_s"] = static_cast<double>(delivered) / wall;
    state.counters["cpu_core_share"] = cpu / wall;
    state.counters["cpu_us_per_token"] =
        delivered > 0 ? cpu * 1e6 / static_cast<double>(delivered) : 0;
    state.counters["ttft_p50_ms"] = Percentile(ttft_ms, 0.5);
    state.counters["ttft_p99_ms"] = Percentile(ttft_ms, 0.99);
  }
}
BENCHMARK(BM_ConcurrentStreams)
    ->Args({100, 300})
    ->Args({500, 300})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// A token as OpenAI streams it (gpt-4o-mini, 2024): 265 bytes around a one-word content.
constexpr std::string_view kTokenChunk =
    R"({"id":"chatcmpl-AX1k9cZ3pQ7r2Lm8nB4vT6yW0sEhU","object":"chat.completion.chunk",)"
    R"("created":1732521600,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1",)"
    R"("choices":[{"index":0,"delta":{"content":" candidate"},"logprobs":null,"finish_reason":null}]})";

// The last chunk of a stream asked for usage (stream_options.include_usage).
constexpr std::string_view kUsageChunk =
    R"({"id":"chatcmpl-AX1k9cZ3pQ7r2Lm8nB4vT6yW0sEhU","object":"chat.completion.chunk",)"
    R"("created":1732521600,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1",)"
    R"("choices":[],"usage":{"prompt_tokens":812,"completion_tokens":96,"total_tokens":908,)"
    R"("prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":)"
    R"({"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,)"
    R"("rejected_prediction_tokens":0}}})";

// A token whose content is long enough to need its own allocation, with escapes.
constexpr std::string_view kEscapedChunk =
    R"({"id":"chatcmpl-AX1k9cZ3pQ7r2Lm8nB4vT6yW0sEhU","object":"chat.completion.chunk",)"
    R"("created":1732521600,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1",)"
    R"("choices":[{"index":0,"delta":{"content":"\n\n**Strengths:** caf\u00e9 \"quoted\" )"
    R"(\ud83d\ude00"},"logprobs":null,"finish_reason":null}]})";

// Decoding one `data:` payload, per call: `decode` is DecodeStreamChunk (a one-pass scanner)
// or DecodeStreamChunkWithJsonLibrary (nlohmann's event parser), the one it replaced.
void BM_DecodeChunk(benchmark::State& state, DecodedChunk (*decode)(std::string_view),
                    std::string_view data) {
  if (!decode(data).chunk) {
    state.SkipWithError("the benchmark chunk does not decode");
    return;
  }
  for (auto _ : state) {
    DecodedChunk decoded = decode(data);
    benchmark::DoNotOptimize(decoded);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(data.size()));
}
BENCHMARK_CAPTURE(BM_DecodeChunk, token_scanner, &DecodeStreamChunk, kTokenChunk);
BENCHMARK_CAPTURE(BM_DecodeChunk, token_json_library, &DecodeStreamChunkWithJsonLibrary,
                  kTokenChunk);
BENCHMARK_CAPTURE(BM_DecodeChunk, usage_scanner, &DecodeStreamChunk, kUsageChunk);
BENCHMARK_CAPTURE(BM_DecodeChunk, usage_json_library, &DecodeStreamChunkWithJsonLibrary,
                  kUsageChunk);
BENCHMARK_CAPTURE(BM_DecodeChunk, escaped_scanner, &DecodeStreamChunk, kEscapedChunk);
BENCHMARK_CAPTURE(BM_DecodeChunk, escaped_json_library, &DecodeStreamChunkWithJsonLibrary,
                  kEscapedChunk);

}  // namespace
}  // namespace rc::llm

BENCHMARK_MAIN();

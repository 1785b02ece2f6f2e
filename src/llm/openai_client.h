// OpenAiClient: the LlmClient for any OpenAI-compatible Chat Completions endpoint (OpenAI, Azure
// OpenAI, Ollama, llama.cpp server, vLLM), over http or https, streaming with asio coroutines.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <functional>
#include <memory>
#include <string_view>

#include "base/status.h"
#include "llm/config.h"
#include "llm/llm_client.h"

namespace rc::llm {

// Streams completions on the caller's executor: each StreamChat runs as one coroutine on its own
// strand of that executor (or, with CreateOnEventLoops, directly on the single-threaded event
// loop chosen for the call), so hundreds of streams share one thread. No thread per stream. https
// verifies the certificate chain (system roots, plus config.ca_file) and the host name, and sends
// SNI. Redirects are never followed. Retries follow config.retry, and only while no token has
// reached the caller. Thread-safe.
class OpenAiClient final : public LlmClient {
 public:
  // InvalidArgument when config.ca_file cannot be loaded or config is not enabled.
  static Result<std::unique_ptr<OpenAiClient>> Create(boost::asio::any_io_executor executor,
                                                      LlmConfig config);
  // The same, with the executor chosen per call, by the thread that calls StreamChat (e.g. the
  // event loop of the connection that asked, so its tokens never cross threads). Each executor
  // `executor_for_call` returns must run one handler at a time (an io_context run by a single
  // thread): the calls then need no strand, which saves a queue round trip per upstream read.
  using ExecutorSource = std::function<boost::asio::any_io_executor()>;
  static Result<std::unique_ptr<OpenAiClient>> CreateOnEventLoops(ExecutorSource executor_for_call,
                                                                  LlmConfig config);
  ~OpenAiClient() override;

  // See LlmClient. Sinks run on this stream's strand (or event loop). Cancel() stops the upstream
  // request at once (the connection is closed) and the DoneSink reports kCancelled with the text so
  // far.
  void StreamChat(ChatRequest request, TokenSink on_token, DoneSink on_done,
                  CancelToken cancel) override;
  std::string_view Model() const override;

  struct Impl;

 private:
  static Result<std::unique_ptr<OpenAiClient>> Make(ExecutorSource executor_for_call,
                                                    bool single_threaded, LlmConfig config);
  explicit OpenAiClient(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

}  // namespace rc::llm

// OpenAiClient: the LlmClient for any OpenAI-compatible Chat Completions endpoint (OpenAI, Azure
// OpenAI, Ollama, llama.cpp server, vLLM), over http or https, streaming with asio coroutines.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <string_view>

#include "base/status.h"
#include "llm/config.h"
#include "llm/llm_client.h"

namespace rc::llm {

// Streams completions on the caller's executor: each StreamChat runs as one coroutine on its own
// strand of that executor, so hundreds of streams share one thread and the io_context may also
// run on several threads. No thread per stream. https verifies the certificate chain (system
// roots, plus config.ca_file) and the host name, and sends SNI. Redirects are never followed.
// Retries follow config.retry, and only while no token has reached the caller. Thread-safe.
class OpenAiClient final : public LlmClient {
 public:
  // InvalidArgument when config.ca_file cannot be loaded or config is not enabled.
  static Result<std::unique_ptr<OpenAiClient>> Create(boost::asio::any_io_executor executor,
                                                      LlmConfig config);
  ~OpenAiClient() override;

  // See LlmClient. Sinks run on this stream's strand. Cancel() stops the upstream request at
  // once (the connection is closed) and the DoneSink reports kCancelled with the text so far.
  void StreamChat(ChatRequest request, TokenSink on_token, DoneSink on_done,
                  CancelToken cancel) override;
  std::string_view Model() const override;

  struct Impl;

 private:
  explicit OpenAiClient(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

}  // namespace rc::llm

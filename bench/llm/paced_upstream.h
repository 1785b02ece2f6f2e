// PacedUpstream: a small OpenAI-compatible streaming upstream in C++ (one epoll thread) for the
// relay benchmark, able to pace tens of thousands of tokens per second on this machine, which
// the Python fake (tests/fake_llm/fake_llm.py) cannot. It speaks the subset of the fake's
// protocol the benchmark uses, byte for byte the same events:
//   - POST .../chat/completions: the scenario comes from the model name `fake:k=v,...`, replaced
//     by a `[[fake:k=v,...]]` directive in the last user message. `scenario=slow` streams `count`
//     chunks "tok<i> " at `rate` per second on a fixed schedule; any other scenario streams a
//     short answer with the three analysis sections at once. Then a finish chunk, the usage chunk
//     when the request asked for it, and [DONE].
//   - GET /_stats?id=X: {"requests": n, "last_body": {...}} for the requests whose `id=X`.
// A client that closes its connection ends its stream.
#pragma once

namespace rc::bench {

// Listens on 127.0.0.1 (ephemeral port), prints the port and a newline on stdout, then serves
// until the process is killed. Returns 1 when it cannot listen.
int RunPacedUpstream();

}  // namespace rc::bench

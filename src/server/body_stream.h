// BodyStream: a response body produced over time (Server-Sent Events, or a JSON answer the
// connection sends whole once it is complete), and BodyWriter, the side the connection loop
// provides. Free of Beast, like the rest of the routing layer.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace rc::server {

// The connection's end of a streamed body. Thread-safe; may outlive the connection (writes to
// a closed connection are dropped).
class BodyWriter {
 public:
  virtual ~BodyWriter() = default;
  // Queues a copy of `bytes`; they are sent in order, as soon as the connection can take them.
  virtual void Write(std::string_view bytes) = 0;
  // The body is complete: the connection sends what is queued, ends the body and closes.
  virtual void Close() = 0;
  // Runs `work` on a worker thread (where blocking on storage is allowed); returns at once.
  virtual void RunBlocking(std::function<void()> work) = 0;
  // For a buffered response only (HttpResponse::buffered), whose head is sent after Close():
  // replaces the response's status, and sets header `name` (replacing any field of that name).
  // Call before Close(). A chunked body's head is already sent when the stream starts, so
  // there these calls change nothing.
  virtual void SetStatus(int status) = 0;
  virtual void SetHeader(std::string_view name, std::string_view value) = 0;
};

// Why the connection asks a stream to stop early.
enum class StopReason {
  kClientGone,  // the client closed the connection or stopped reading
  kShutdown,    // the server is shutting down
};

// A body that produces itself. The connection writes the response head, calls Start() once on
// its own thread, then sends whatever is written until Close(); a buffered response instead
// collects what is written and sends head and body once Close() comes. Either way the
// connection watches the socket meanwhile: a client that leaves gets Stop(kClientGone). Stop()
// may come at any time, from any thread; the stream must still Close() afterwards (promptly).
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  virtual void Start(std::shared_ptr<BodyWriter> writer) = 0;
  virtual void Stop(StopReason reason) = 0;
};

}  // namespace rc::server

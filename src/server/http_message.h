// HttpRequest and HttpResponse: plain HTTP messages, so routing and handlers stay free of Beast.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/body_stream.h"

namespace rc::server {

// Header fields in arrival order; names are stored lower-case.
class HeaderList {
 public:
  // Appends a field; `name` is lower-cased.
  void Add(std::string_view name, std::string_view value);
  // Replaces every field named `name` with one field.
  void Set(std::string_view name, std::string_view value);
  // The first value of `name` (case-insensitive), or "" when absent.
  std::string_view Get(std::string_view name) const;
  bool Has(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// A request as read from the wire. `target` is the raw request target ("/items/x?y=1").
struct HttpRequest {
  std::string method;  // upper-case, e.g. "GET"
  std::string target;
  HeaderList headers;
  std::string body;
  // The peer's IP address (or, when the server is configured to trust one, the address a proxy
  // passed in a header). "" in tests that do not set it.
  std::string client_ip;

  // The path part of the target, without the query string.
  std::string_view Path() const;
};

// A response to write. Content-Length is set by the writer.
struct HttpResponse {
  int status = 200;
  HeaderList headers;
  std::string body;
  // For the access log only: the first characters of the session id involved, if any.
  std::string log_session_prefix;
  // When true the connection is closed after this response.
  bool close = false;
  // When set, `body` is ignored: the head is sent with chunked encoding and the body comes from
  // the stream; the connection closes after it.
  std::shared_ptr<BodyStream> stream;
  // With `stream`: send nothing until the stream closes, then one ordinary response (with
  // Content-Length) whose body is everything the stream wrote and whose status and headers are
  // these, as amended by BodyWriter::SetStatus/SetHeader. No worker thread is held meanwhile;
  // a client that leaves stops the stream. The connection closes after it.
  bool buffered = false;
};

}  // namespace rc::server

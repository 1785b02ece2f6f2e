// Access log lines: what was asked and how it went, never what the user wrote.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rc::server {

// One line: `access method=POST path=/chat status=200 bytes=512 ms=1.42 sid=AbC12x`. The path
// loses its query string, is cut at 128 characters and has control characters and spaces
// replaced; `session_prefix` is at most 6 characters of a session id (empty: no sid field).
// Bodies, questions and full session ids never appear.
std::string AccessLogLine(std::string_view method, std::string_view target, int status,
                          std::size_t bytes, double millis, std::string_view session_prefix);

}  // namespace rc::server

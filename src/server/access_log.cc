// Access log formatting.
#include "server/access_log.h"

#include <cstdio>

namespace rc::server {
namespace {

std::string Sanitize(std::string_view s, std::size_t max) {
  std::string out;
  for (char c : s.substr(0, max)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u <= 0x20 || u == 0x7F) ? '_' : c;
  }
  return out;
}

}  // namespace

std::string AccessLogLine(std::string_view method, std::string_view target, int status,
                          std::size_t bytes, double millis, std::string_view session_prefix) {
  const std::string_view path = target.substr(0, target.find('?'));
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.2f", millis);
  std::string line = "access method=" + Sanitize(method, 16) + " path=" + Sanitize(path, 128) +
                     " status=" + std::to_string(status) + " bytes=" + std::to_string(bytes) +
                     " ms=" + ms;
  if (!session_prefix.empty()) line += " sid=" + Sanitize(session_prefix.substr(0, 6), 6);
  return line;
}

}  // namespace rc::server

// Session id generation with getrandom(2).
#include "service/session_id.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdint>

namespace rc::service {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t kIdBytes = 32;

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  const auto at = [&](std::size_t k) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k]));
  };
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t v = at(i) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (rest == 2) {
    const std::uint32_t v = (at(i) << 16) | (at(i + 1) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

Result<std::string> NewSessionId() {
  char buf[kIdBytes];
  std::size_t got = 0;
  while (got < kIdBytes) {
    const ssize_t n = getrandom(buf + got, kIdBytes - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return UnavailableError("the system random number generator is unavailable");
    }
    got += static_cast<std::size_t>(n);
  }
  return Base64UrlEncode(std::string_view(buf, kIdBytes));
}

bool LooksLikeSessionId(std::string_view id) {
  if (id.size() != kSessionIdLength) return false;
  for (char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string_view SessionIdPrefix(std::string_view id) { return id.substr(0, 6); }

}  // namespace rc::service

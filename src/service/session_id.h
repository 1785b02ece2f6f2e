// Session ids: 256 bits from the operating system's CSPRNG, base64url without padding.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace rc::service {

// Length of an id from NewSessionId(): 32 random bytes as unpadded base64url.
inline constexpr std::size_t kSessionIdLength = 43;

// A fresh id from getrandom(2); Unavailable when the kernel refuses (never in practice).
// Thread-safe.
Result<std::string> NewSessionId();

// True when `id` has the shape of an id from NewSessionId() (43 base64url characters). Used to
// reject junk before it reaches storage; a well-formed id may still be unknown.
bool LooksLikeSessionId(std::string_view id);

// Unpadded base64url (RFC 4648 §5) of `bytes`.
std::string Base64UrlEncode(std::string_view bytes);

// The first (at most) 6 characters of `id`, for logs: full ids never appear in logs.
std::string_view SessionIdPrefix(std::string_view id);

}  // namespace rc::service

// UTF-8 validation and counting, used to check untrusted input at the edges.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace rc {

// Returns the byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates and
// code points above U+10FFFF are invalid), or nullopt when `text` is valid UTF-8.
std::optional<std::size_t> FindInvalidUtf8(std::string_view text);

// Number of Unicode code points in valid UTF-8 `text` (continuation bytes are not counted).
std::size_t CountCodePoints(std::string_view text);

}  // namespace rc

// ASCII case folding for protocol tokens, keywords and matching (UTF-8 bytes above 0x7F are
// left as they are).
#pragma once

#include <string>
#include <string_view>

namespace rc {

// `text` with A-Z turned into a-z; every other byte unchanged.
std::string AsciiLower(std::string_view text);

}  // namespace rc

// Validation of untrusted text fields: non-empty, valid UTF-8, within a character limit.
#pragma once

#include <cstddef>
#include <string_view>

#include "base/status.h"

namespace rc::service {

// Ok when `text` is valid UTF-8, not blank (something besides whitespace) and at most
// `max_chars` code points. Otherwise InvalidArgument naming `field` ("resume is empty",
// "resume is not valid UTF-8 (byte 12)") or PayloadTooLarge naming the field and the limit
// ("resume is longer than 100000 characters").
Status ValidateText(std::string_view field, std::string_view text, std::size_t max_chars);

// True when `text` holds only ASCII whitespace (or nothing).
bool IsBlank(std::string_view text);

}  // namespace rc::service

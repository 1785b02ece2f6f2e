// Text field validation.
#include "service/validation.h"

#include <string>

#include "base/utf8.h"

namespace rc::service {

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

Status ValidateText(std::string_view field, std::string_view text, std::size_t max_chars) {
  std::string name(field);
  if (auto bad = FindInvalidUtf8(text)) {
    return InvalidArgumentError(name + " is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
  }
  if (text.find('\0') != std::string_view::npos) {
    return InvalidArgumentError(name + " contains a NUL character");
  }
  if (IsBlank(text)) return InvalidArgumentError(name + " is empty");
  // Cheap bound first: a code point takes at least one byte.
  if (text.size() > max_chars && CountCodePoints(text) > max_chars) {
    return PayloadTooLargeError(name + " is longer than " + std::to_string(max_chars) +
                                " characters");
  }
  return Status::Ok();
}

}  // namespace rc::service

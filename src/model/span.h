// Span: a half-open range of UTF-8 byte offsets into an original (un-normalized) text.
#pragma once

#include <cstdint>

namespace rc::model {

// [begin, end) in bytes of the text the user supplied (resume or job description).
// The web app converts byte offsets to string indices before highlighting.
struct Span {
  std::int32_t begin = 0;
  std::int32_t end = 0;

  bool empty() const { return end <= begin; }
  friend bool operator==(const Span&, const Span&) = default;
  friend auto operator<=>(const Span&, const Span&) = default;
};

}  // namespace rc::model

// Normalization: one pass over code points with a fixed substitution table.
#include "engine/text/normalizer.h"

#include <cstdint>

namespace rc::engine {
namespace {

// Decodes one code point at `i`; returns its length in bytes, or 0 when the bytes are invalid.
std::size_t DecodeUtf8(std::string_view s, std::size_t i, std::uint32_t* cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  std::size_t len = 0;
  std::uint32_t v = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    v = c & 0x1Fu;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    v = c & 0x0Fu;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    v = c & 0x07u;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0u) != 0x80u) return 0;
    v = (v << 6) | (cc & 0x3Fu);
  }
  if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) || v > 0x10FFFF ||
      (v >= 0xD800 && v <= 0xDFFF)) {
    return 0;
  }
  *cp = v;
  return len;
}

// The ASCII replacement for `cp`, "" to delete it, or nullptr to keep it as is.
const char* Replacement(std::uint32_t cp) {
  switch (cp) {
    case 0x00AD:  // soft hyphen
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return "";
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case '\t':
    case '\v':
    case '\f':
      return " ";
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x00B4:
    case 0x0060:
      return "'";
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
      return "\"";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
      return "-";
    case 0x2022:  // bullets and list markers
    case 0x2023:
    case 0x2043:
    case 0x2219:
    case 0x25AA:
    case 0x25AB:
    case 0x25CF:
    case 0x25E6:
    case 0x25BA:
    case 0x25B8:
    case 0x25C6:
    case 0x25A0:
    case 0x25A1:
    case 0x2794:
    case 0x27A2:
    case 0x2192:
    case 0x261E:
    case 0x2713:
    case 0x2714:
    case 0xF0B7:
    case 0xF0A7:
    case 0x00B7:
      return "*";
    case 0x2026:
      return "...";
    case 0xFB00:
      return "ff";
    case 0xFB01:
      return "fi";
    case 0xFB02:
      return "fl";
    case 0xFB03:
      return "ffi";
    case 0xFB04:
      return "ffl";
    case 0x2044:
    case 0x2215:
      return "/";
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return " ";
  return nullptr;
}

}  // namespace

model::Span NormalizedText::ToOriginal(std::size_t begin, std::size_t end) const {
  if (offsets.empty()) return {};
  const std::size_t last = offsets.size() - 1;
  if (begin > last) begin = last;
  if (end > last) end = last;
  if (end < begin) end = begin;
  model::Span span{offsets[begin], offsets[end]};
  // A range ending inside a multi-byte replacement extends to the end of that source character.
  if (end > begin && end < last && offsets[end] == offsets[end - 1]) {
    std::size_t k = end;
    while (k < last && offsets[k] == offsets[end - 1]) ++k;
    span.end = offsets[k];
  }
  return span;
}

NormalizedText Normalize(std::string_view original) {
  NormalizedText out;
  out.text.reserve(original.size());
  out.offsets.reserve(original.size() + 1);
  auto emit = [&out](std::string_view piece, std::size_t from) {
    for (char ch : piece) {
      out.text.push_back(ch);
      out.offsets.push_back(static_cast<std::int32_t>(from));
    }
  };
  std::size_t i = 0;
  while (i < original.size()) {
    std::uint32_t cp = 0;
    const std::size_t len = DecodeUtf8(original, i, &cp);
    if (len == 0) {
      emit("?", i);
      ++i;
      continue;
    }
    if (cp == '\r') {
      if (i + 1 < original.size() && original[i + 1] == '\n') {
        ++i;  // the "\n" that follows is emitted on the next turn
        continue;
      }
      emit("\n", i);
      ++i;
      continue;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      const char ascii = static_cast<char>(cp - 0xFF01 + 0x21);
      emit(std::string_view(&ascii, 1), i);
    } else if (const char* rep = Replacement(cp); rep != nullptr) {
      emit(rep, i);
    } else {
      for (std::size_t k = 0; k < len; ++k) {
        out.text.push_back(original[i + k]);
        out.offsets.push_back(static_cast<std::int32_t>(i + k));
      }
    }
    i += len;
  }
  out.offsets.push_back(static_cast<std::int32_t>(original.size()));
  return out;
}

}  // namespace rc::engine

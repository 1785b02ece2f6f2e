// Plain-text decoding: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252/Latin-1
// fallback, newline normalization.
#pragma once

#include <string>
#include <string_view>

namespace rc::ingest {

// Which decoding DecodeText used.
enum class TextEncoding { kUtf8, kUtf16Le, kUtf16Be, kWindows1252 };

// Decodes `bytes` to UTF-8: a UTF-8 BOM is dropped; a UTF-16 LE/BE BOM selects UTF-16 (unpaired
// surrogates and a trailing odd byte become U+FFFD); otherwise valid UTF-8 is kept and anything
// else is read as Windows-1252 (bytes it leaves undefined as Latin-1). CRLF and lone CR become
// LF; NUL and other C0 controls except tab and newline are dropped. Sets `*encoding` if given.
std::string DecodeText(std::string_view bytes, TextEncoding* encoding = nullptr);

// Appends the UTF-8 encoding of code point `c` (which must be a valid scalar value).
void AppendUtf8(char32_t c, std::string* out);

}  // namespace rc::ingest

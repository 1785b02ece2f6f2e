// DOCX (WordprocessingML) reading: a bounded in-memory ZIP reader and a reading-order text walk
// that separates hidden runs from visible text.
#pragma once

#include <string_view>

#include "base/status.h"
#include "ingest/ingest.h"

namespace rc::ingest {

// Extracts the text of the DOCX in `bytes`: headers, body, footnotes, endnotes and footers in
// reading order (paragraphs, table cells in order, list items prefixed "• ", tabs, breaks).
// Runs a reader would not see (w:vanish, white or near-white on a light background, font size
// of 2 pt or less, directly or through styles) go to hidden_text with a warning; comments and
// instruction-like document properties are reported the same way. The archive is checked before
// anything is inflated (entry count, declared sizes, per-entry ratio, symlinks, encryption) and
// inflated bytes are counted while reading. Returns UnsupportedMediaType when the ZIP is not a
// Word document and Unprocessable for damaged files, zip bombs and XML with a DOCTYPE.
// Does not run the invisible-character and instruction screens on `text` (Extract does).
Result<Document> ExtractDocx(std::string_view bytes, const Limits& limits);

}  // namespace rc::ingest

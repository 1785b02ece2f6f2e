// Test-only builders of DOCX files (real ZIP archives written with libzip).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rc::ingest::testing {

using Entries = std::vector<std::pair<std::string, std::string>>;

// A ZIP archive holding `entries` (name, bytes), deflated.
std::string MakeZip(const Entries& entries);

// word/document.xml with `body` inside <w:body>.
std::string DocumentXml(std::string_view body);

// One paragraph holding one run with optional run properties (`rpr`, without <w:rPr>).
std::string Para(std::string_view text, std::string_view rpr = "");

// A complete .docx: [Content_Types].xml, _rels/.rels, word/document.xml, plus `extra` parts.
std::string MakeDocx(std::string_view body, const Entries& extra = {});

}  // namespace rc::ingest::testing

// Extract(): type detection from magic bytes, hint checks, dispatch and the common screens.
#include "ingest/ingest.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "base/utf8.h"
#include "ingest/docx.h"
#include "ingest/pdf.h"
#include "ingest/text_decode.h"
#include "ingest/text_screen.h"

namespace rc::ingest {
namespace {

// What a hint claims: one of our formats, "no claim", or an explicit other type.
enum class Claim { kNone, kPdf, kDocx, kText, kMarkdown, kOther };

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Claim ClaimFromContentType(std::string_view content_type) {
  std::string type = Lower(Trim(content_type.substr(0, content_type.find(';'))));
  if (type.empty() || type == "application/octet-stream" || type == "binary/octet-stream" ||
      type == "application/x-download" || type == "application/unknown") {
    return Claim::kNone;
  }
  if (type == "application/pdf" || type == "application/x-pdf") return Claim::kPdf;
  if (type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document") {
    return Claim::kDocx;
  }
  if (type == "text/plain") return Claim::kText;
  if (type == "text/markdown" || type == "text/x-markdown") return Claim::kMarkdown;
  return Claim::kOther;
}

Claim ClaimFromFilename(std::string_view filename) {
  size_t slash = filename.find_last_of("/\\");
  if (slash != std::string_view::npos) filename.remove_prefix(slash + 1);
  size_t dot = filename.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return Claim::kNone;
  std::string ext = Lower(filename.substr(dot + 1));
  if (ext == "pdf") return Claim::kPdf;
  if (ext == "docx") return Claim::kDocx;
  if (ext == "txt" || ext == "text") return Claim::kText;
  if (ext == "md" || ext == "markdown") return Claim::kMarkdown;
  return Claim::kOther;
}

enum class Sniffed { kPdf, kZip, kText, kBinary };

Sniffed Sniff(std::string_view bytes) {
  // Readers accept the header anywhere in the first 1024 bytes.
  size_t pdf = bytes.substr(0, 1024).find("%PDF-");
  if (pdf != std::string_view::npos) return Sniffed::kPdf;
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return Sniffed::kZip;
  if (bytes.size() >= 2 &&
      ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    return Sniffed::kText;  // UTF-16 with BOM
  }
  if (bytes.find('\0') != std::string_view::npos) return Sniffed::kBinary;
  if (bytes.substr(0, 5) == "{\\rtf") return Sniffed::kBinary;  // RTF would read as markup
  return Sniffed::kText;
}

Status UnknownType() {
  return UnsupportedMediaTypeError(
      "this file is not a PDF, Word (.docx) or text file; upload one of those");
}

Status Mismatch(std::string_view claimed, std::string_view actual) {
  return UnsupportedMediaTypeError("this file is named or labelled as " + std::string(claimed) +
                                   " but its content is " + std::string(actual) +
                                   "; upload the file in the format it claims");
}

std::string_view ClaimName(Claim c) {
  switch (c) {
    case Claim::kPdf:
      return "a PDF";
    case Claim::kDocx:
      return "a Word (.docx) document";
    case Claim::kText:
    case Claim::kMarkdown:
      return "text";
    case Claim::kOther:
      return "another type";
    case Claim::kNone:
      break;
  }
  return "unknown";
}

// Checks one hint against the detected type.
Status CheckClaim(Claim claim, Sniffed sniffed) {
  if (claim == Claim::kNone) return Status::Ok();
  std::string_view actual = sniffed == Sniffed::kPdf    ? "a PDF"
                            : sniffed == Sniffed::kZip  ? "a ZIP archive (Word document)"
                            : sniffed == Sniffed::kText ? "plain text"
                                                        : "binary data";
  bool ok = (claim == Claim::kPdf && sniffed == Sniffed::kPdf) ||
            (claim == Claim::kDocx && sniffed == Sniffed::kZip) ||
            ((claim == Claim::kText || claim == Claim::kMarkdown) && sniffed == Sniffed::kText);
  return ok ? Status::Ok() : Mismatch(ClaimName(claim), actual);
}

// Collapses runs of more than one blank line and trailing spaces; trims the ends.
std::string TidyLines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  int newlines = 0;
  for (char c : text) {
    if (c == '\n') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
      if (++newlines <= 2 && !out.empty()) out.push_back('\n');
      continue;
    }
    newlines = 0;
    out.push_back(c);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\t')) {
    out.pop_back();
  }
  return out;
}

// Replaces invalid UTF-8 (possible in PDF font encodings) with U+FFFD.
std::string ValidUtf8(std::string text) {
  std::string out;
  std::string_view rest = text;
  while (true) {
    std::optional<size_t> bad = FindInvalidUtf8(rest);
    if (!bad) {
      out.append(rest);
      return out;
    }
    out.append(rest.substr(0, *bad));
    out += "\xEF\xBF\xBD";
    rest.remove_prefix(*bad + 1);
    while (!rest.empty() && (static_cast<unsigned char>(rest.front()) & 0xC0) == 0x80) {
      rest.remove_prefix(1);
    }
  }
}

// Expands the Latin typographic ligatures U+FB00-U+FB06 that PDF fonts often produce
// ("ﬁxed" -> "fixed"), drops soft hyphens (U+00AD), turns no-break spaces (U+00A0) into spaces
// and Unicode hyphens (U+2010, U+2011) into "-", so that words match what the reader sees.
std::string NormalizeTypography(std::string_view text) {
  static constexpr std::string_view kExpansions[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\xEF' && i + 2 < text.size() && text[i + 1] == '\xAC' &&
        static_cast<unsigned char>(text[i + 2]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 2]) <= 0x86) {
      out += kExpansions[static_cast<unsigned char>(text[i + 2]) - 0x80];
      i += 2;
      continue;
    }
    if (text[i] == '\xC2' && i + 1 < text.size() &&
        (text[i + 1] == '\xAD' || text[i + 1] == '\xA0')) {
      if (text[i + 1] == '\xA0') out.push_back(' ');
      ++i;
      continue;
    }
    if (text[i] == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
        (text[i + 2] == '\x90' || text[i + 2] == '\x91')) {
      out.push_back('-');
      i += 2;
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

// Instruction-like phrases found in the hidden text get the location of the hidden piece they
// came from, e.g. "hidden text, body, paragraph 2", when its excerpt can be matched.
void NameHiddenLocations(std::vector<Warning>* warnings, size_t from) {
  for (size_t i = from; i < warnings->size(); ++i) {
    Warning& instruction = (*warnings)[i];
    std::string_view probe = instruction.excerpt;
    probe = probe.substr(0, std::min<size_t>(probe.size(), 40));
    for (size_t j = 0; j < from; ++j) {
      const Warning& hidden = (*warnings)[j];
      if (hidden.kind == "instruction_like" || hidden.kind == "zero_width" ||
          hidden.kind == "bidi_control" || hidden.location.empty()) {
        continue;
      }
      std::string_view excerpt = hidden.excerpt;
      if (excerpt.size() >= 3 && excerpt.substr(excerpt.size() - 3) == "…") {
        excerpt.remove_suffix(3);
      }
      if (excerpt.empty()) continue;
      if (excerpt.find(probe) != std::string_view::npos ||
          probe.find(excerpt.substr(0, std::min<size_t>(excerpt.size(), 40))) !=
              std::string_view::npos) {
        instruction.location = "hidden text, " + hidden.location;
        break;
      }
    }
  }
}

// Keeps at most `per_kind` warnings of each kind (in order) and replaces the rest of a kind with
// one summary warning, so that a file built with thousands of hidden runs gives a short report.
void CapWarnings(std::vector<Warning>* warnings, size_t per_kind) {
  std::vector<Warning> kept;
  std::vector<std::pair<std::string, size_t>> counts;  // kind -> seen, in first-seen order
  for (Warning& w : *warnings) {
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&](const auto& c) { return c.first == w.kind; });
    if (it == counts.end()) {
      counts.emplace_back(w.kind, 0);
      it = counts.end() - 1;
    }
    if (++it->second <= per_kind) kept.push_back(std::move(w));
  }
  for (const auto& [kind, seen] : counts) {
    if (seen > per_kind) {
      kept.push_back({kind,
                      std::to_string(seen - per_kind) + " more warning(s) of this kind are not "
                                                        "listed.",
                      "", "whole document"});
    }
  }
  *warnings = std::move(kept);
}

Status NoVisibleText(const Document& doc) {
  if (doc.hidden_text.find_first_not_of(" \t\n") != std::string::npos) {
    return UnprocessableError(
        "all of the text in this file is hidden from readers (see the warnings), so there is "
        "nothing visible to analyse");
  }
  switch (doc.format) {
    case Format::kPdf:
      return UnprocessableError(
          "this PDF has no text layer: it looks like a scanned image or a picture of a resume, "
          "so there is no text to read; upload the original Word or text file, or a PDF "
          "exported from your editor");
    case Format::kDocx:
      return UnprocessableError("this Word document contains no text");
    case Format::kText:
    case Format::kMarkdown:
      break;
  }
  return UnprocessableError("this file is empty");
}

}  // namespace

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kPdf:
      return "pdf";
    case Format::kDocx:
      return "docx";
    case Format::kText:
      return "text";
    case Format::kMarkdown:
      return "markdown";
  }
  return "text";
}

std::string PdfWorkerPathNextTo(std::string_view executable_path) {
  size_t slash = executable_path.rfind('/');
  std::string dir =
      slash == std::string_view::npos ? "." : std::string(executable_path.substr(0, slash));
  return dir + "/resume-coach-pdf-worker";
}

Result<Document> Extract(std::string_view bytes, std::string_view content_type_hint,
                         std::string_view filename_hint, const Limits& limits) {
  if (bytes.size() > limits.max_file_bytes) {
    char size[32];
    std::snprintf(size, sizeof size, "%.1f", static_cast<double>(bytes.size()) / (1 << 20));
    return PayloadTooLargeError("this file is " + std::string(size) + " MB, over the " +
                                std::to_string(limits.max_file_bytes >> 20) + " MB limit");
  }
  const Sniffed sniffed = Sniff(bytes);
  if (sniffed == Sniffed::kBinary) return UnknownType();
  const Claim by_type = ClaimFromContentType(content_type_hint);
  const Claim by_name = ClaimFromFilename(filename_hint);
  RC_RETURN_IF_ERROR(CheckClaim(by_type, sniffed));
  RC_RETURN_IF_ERROR(CheckClaim(by_name, sniffed));

  Document doc;
  switch (sniffed) {
    case Sniffed::kPdf: {
      RC_ASSIGN_OR_RETURN(doc, ExtractPdf(bytes, limits));
      break;
    }
    case Sniffed::kZip: {
      RC_ASSIGN_OR_RETURN(doc, ExtractDocx(bytes, limits));
      break;
    }
    case Sniffed::kText:
      doc.format = by_type == Claim::kMarkdown || by_name == Claim::kMarkdown ? Format::kMarkdown
                                                                              : Format::kText;
      doc.pages = 1;
      doc.text = DecodeText(bytes);
      break;
    case Sniffed::kBinary:
      return UnknownType();
  }

  std::string visible = StripInvisibleCharacters(
      NormalizeTypography(ValidUtf8(std::move(doc.text))), "text", &doc.warnings, &doc.hidden_text);
  doc.text = TidyLines(visible);
  doc.hidden_text = ValidUtf8(std::move(doc.hidden_text));
  if (doc.text.size() > limits.max_text_bytes) {
    return UnprocessableError("this file holds more than " +
                              std::to_string(limits.max_text_bytes / 1000) +
                              " KB of text, more than any resume or job description");
  }
  if (doc.hidden_text.size() > limits.max_text_bytes) {
    return UnprocessableError("this file hides more than " +
                              std::to_string(limits.max_text_bytes / 1000) +
                              " KB of text from readers, so it cannot be analysed");
  }
  FindInstructionLikePhrases(doc.text, "visible text", &doc.warnings);
  const size_t hidden_from = doc.warnings.size();
  FindInstructionLikePhrases(doc.hidden_text, "hidden text", &doc.warnings);
  NameHiddenLocations(&doc.warnings, hidden_from);
  CapWarnings(&doc.warnings, 20);
  if (doc.text.find_first_not_of(" \t\n") == std::string::npos) return NoVisibleText(doc);
  return doc;
}

}  // namespace rc::ingest

// Per-page word boxes from poppler, classified as visible or hidden (tiny, outside the page,
// or not drawn: checked against a low-resolution rendering of the page).
#include "ingest/pdf_worker/pdf_text.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <new>
#include <vector>

#include "ingest/text_screen.h"
#include "ingest/worker_frame.h"

namespace rc::ingest {
namespace {

constexpr double kRenderDpi = 96.0;
// Pages so large that 96 dpi would need more pixels than this are rendered at a lower resolution.
constexpr double kMaxRenderPixels = 16e6;
constexpr double kTinyFontPoints = 2.5;
// Luminance spread (0-255) below which a word's box counts as blank on the rendered page.
constexpr int kMinContrast = 24;

enum class Visibility { kVisible, kTiny, kOffPage, kNotDrawn };

struct Word {
  std::string text;
  poppler::rectf box;
  double font_size = 0;
  bool space_after = false;
  Visibility visibility = Visibility::kVisible;
};

std::string ErrorFrames(std::string_view reason, std::string_view detail) {
  std::string out;
  std::string payload(reason);
  payload.push_back(kFieldSeparator);
  payload += detail;
  AppendFrame(kFrameError, payload, &out);
  return out;
}

// Luminance of an ARGB32/RGB24/gray pixel; 255 for transparent pixels (paper).
int Luma(const poppler::image& img, int x, int y) {
  const char* row = img.const_data() + static_cast<ptrdiff_t>(y) * img.bytes_per_row();
  switch (img.format()) {
    case poppler::image::format_argb32: {
      const auto* p = reinterpret_cast<const unsigned char*>(row + x * 4);
      // Little-endian BGRA, premultiplied alpha; composite on white.
      int a = p[3];
      int b = p[0] + (255 - a), g = p[1] + (255 - a), r = p[2] + (255 - a);
      return (299 * std::min(r, 255) + 587 * std::min(g, 255) + 114 * std::min(b, 255)) / 1000;
    }
    case poppler::image::format_rgb24:
    case poppler::image::format_bgr24: {
      const auto* p = reinterpret_cast<const unsigned char*>(row + x * 3);
      return (p[0] + p[1] + p[2]) / 3;
    }
    case poppler::image::format_gray8:
      return static_cast<unsigned char>(row[x]);
    default:
      return 0;
  }
}

// True when the word's box shows (almost) no contrast on the rendered page.
bool LooksBlank(const poppler::image& img, double dpi, const poppler::rectf& box) {
  const double scale = dpi / 72.0;
  int x0 = static_cast<int>(std::floor(box.left() * scale));
  int y0 = static_cast<int>(std::floor(box.top() * scale));
  int x1 = static_cast<int>(std::ceil(box.right() * scale));
  int y1 = static_cast<int>(std::ceil(box.bottom() * scale));
  x0 = std::clamp(x0, 0, img.width());
  x1 = std::clamp(x1, 0, img.width());
  y0 = std::clamp(y0, 0, img.height());
  y1 = std::clamp(y1, 0, img.height());
  if (x1 <= x0 || y1 <= y0) return false;
  int lo = 255, hi = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      int l = Luma(img, x, y);
      lo = std::min(lo, l);
      hi = std::max(hi, l);
      if (hi - lo >= kMinContrast) return false;
    }
  }
  return true;
}

bool OutsidePage(const poppler::rectf& box, const poppler::rectf& page) {
  double cx = box.x() + box.width() / 2, cy = box.y() + box.height() / 2;
  return cx < 0 || cy < 0 || cx > page.width() || cy > page.height();
}

const char* KindOf(Visibility v) {
  switch (v) {
    case Visibility::kTiny:
      return "tiny_font";
    case Visibility::kOffPage:
      return "off_page";
    case Visibility::kNotDrawn:
      return "white_text";
    case Visibility::kVisible:
      break;
  }
  return "hidden_text";
}

const char* MessageOf(Visibility v) {
  switch (v) {
    case Visibility::kTiny:
      return "Text in a font too small for readers to see (under 2.5 pt), read by programs.";
    case Visibility::kOffPage:
      return "Text placed outside the visible page: readers do not see it, programs do.";
    case Visibility::kNotDrawn:
      return "Text that does not show on the printed page (white or page-coloured, drawn "
             "invisibly, or covered), read by programs.";
    case Visibility::kVisible:
      break;
  }
  return "Hidden text.";
}

// Joins visible words into lines and paragraphs; hidden runs become warnings.
void EmitPage(const std::vector<Word>& words, int page_number, std::string* text,
              std::string* frames) {
  double line_center = -1e9, line_height = 0, last_bottom = -1e9, last_right = 0;
  bool first = true;
  Visibility run_kind = Visibility::kVisible;
  std::string run;
  const std::string location = "page " + std::to_string(page_number);
  auto flush = [&]() {
    if (run_kind != Visibility::kVisible && !run.empty()) {
      std::string payload = KindOf(run_kind);
      payload.push_back(kFieldSeparator);
      payload += MessageOf(run_kind);
      payload.push_back(kFieldSeparator);
      payload += MakeExcerpt(run);
      payload.push_back(kFieldSeparator);
      payload += location;
      AppendFrame(kFrameWarning, payload, frames);
      AppendFrame(kFrameHidden, MakeExcerpt(run, std::string::npos), frames);
    }
    run.clear();
    run_kind = Visibility::kVisible;
  };
  for (const Word& w : words) {
    if (w.visibility != Visibility::kVisible) {
      if (w.visibility != run_kind) flush();
      run_kind = w.visibility;
      if (!run.empty()) run.push_back(' ');
      run += w.text;
      continue;
    }
    flush();
    double h = std::max(w.box.height(), 1.0);
    double center = w.box.y() + w.box.height() / 2;
    if (first) {
      first = false;
    } else if (std::fabs(center - line_center) > 0.5 * std::max(h, line_height)) {
      text->push_back('\n');
      if (w.box.top() - last_bottom > 0.8 * std::max(h, line_height)) text->push_back('\n');
      line_height = 0;
    } else if (!text->empty() && text->back() != ' ' && text->back() != '\n' &&
               w.box.left() - last_right > 0.1 * h) {
      text->push_back(' ');
    }
    if (line_height == 0) line_center = center;
    line_height = std::max(line_height, h);
    last_bottom = std::max(last_bottom, w.box.bottom());
    if (std::fabs(center - line_center) > 0.5 * line_height) last_bottom = w.box.bottom();
    last_right = w.box.right();
    *text += w.text;
    if (w.space_after) text->push_back(' ');
  }
  flush();
  while (!text->empty() && (text->back() == ' ' || text->back() == '\n')) text->pop_back();
}

void Silence(const std::string&, void*) {}

// True when `s` holds something other than (Unicode) white space.
bool HasInk(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ++i;  // U+00A0
      continue;
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) <= 0x8B ||
         static_cast<unsigned char>(s[i + 2]) == 0xAF)) {
      i += 2;  // U+2000-U+200B, U+202F
      continue;
    }
    if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x80) {
      i += 2;  // U+3000
      continue;
    }
    return true;
  }
  return false;
}

// Runs of white space inside a "word" (tab, CR, LF, space, no-break space: some fonts map the
// space glyph to all of these) become one space; white space at both ends is removed.
std::string CleanWord(std::string_view s) {
  std::string out;
  bool pending = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      pending = true;
      continue;
    }
    if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      pending = true;
      ++i;
      continue;
    }
    if (pending && !out.empty()) out.push_back(' ');
    pending = false;
    out.push_back(c);
  }
  return out;
}

std::string Extract(std::string_view bytes, const PdfTextOptions& options) {
  poppler::set_debug_error_function(Silence, nullptr);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) {
    return ErrorFrames("damaged", "");
  }
  if (doc->is_locked()) return ErrorFrames("encrypted", "");
  const int pages = doc->pages();
  if (pages <= 0) return ErrorFrames("damaged", "");
  if (pages > options.max_pages) return ErrorFrames("too_many_pages", std::to_string(pages));

  std::string frames;
  AppendFrame(kFramePages, std::to_string(pages), &frames);
  size_t total = 0;
  bool any_text = false;
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_argb32);
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) return ErrorFrames("damaged", "");
    std::vector<poppler::text_box> boxes = page->text_list(poppler::page::text_list_include_font);
    const poppler::rectf crop = page->page_rect(poppler::crop_box);
    // Word boxes are in the same orientation as the rendering only for unrotated pages.
    const bool comparable = page->orientation() == poppler::page::portrait;
    poppler::image img;
    const double area_inches = std::max(crop.width(), 1.0) * std::max(crop.height(), 1.0) / 5184.0;
    const double dpi = std::min(kRenderDpi, std::sqrt(kMaxRenderPixels / area_inches));
    if (!boxes.empty() && comparable) img = renderer.render_page(page.get(), dpi, dpi);
    std::vector<Word> words;
    words.reserve(boxes.size());
    for (const poppler::text_box& b : boxes) {
      Word w;
      std::vector<char> utf8 = b.text().to_utf8();
      w.text.assign(utf8.begin(), utf8.end());
      if (!HasInk(w.text)) continue;
      // Some fonts map the space glyph to tab, CR and no-break space inside the word.
      const size_t before = w.text.size();
      w.text = CleanWord(w.text);
      const bool trimmed_end = w.text.size() != before;
      any_text = true;
      w.box = b.bbox();
      w.font_size = b.has_font_info() ? b.get_font_size() : w.box.height();
      w.space_after = b.has_space_after() || trimmed_end;
      if (OutsidePage(w.box, crop)) {
        w.visibility = Visibility::kOffPage;
      } else if (w.font_size > 0 && w.font_size < kTinyFontPoints) {
        w.visibility = Visibility::kTiny;
      } else if (img.is_valid() && LooksBlank(img, dpi, w.box)) {
        w.visibility = Visibility::kNotDrawn;
      }
      words.push_back(std::move(w));
    }
    std::string text;
    EmitPage(words, i + 1, &text, &frames);
    total += text.size();
    if (total > options.max_text_bytes) {
      return ErrorFrames("too_much_text", std::to_string(options.max_text_bytes));
    }
    AppendFrame(kFrameText, text, &frames);
  }
  if (!any_text) return ErrorFrames("no_text", "");
  AppendFrame(kFrameDone, "", &frames);
  return frames;
}

}  // namespace

std::string PdfToFrames(std::string_view bytes, const PdfTextOptions& options) {
  try {
    return Extract(bytes, options);
  } catch (const std::bad_alloc&) {
    return ErrorFrames("memory", "");
  }
}

}  // namespace rc::ingest

// Test-only builder of small PDFs written by hand (Helvetica text, optional background shapes).
#pragma once

#include <string>
#include <vector>

namespace rc::ingest::testing {

// A text drawing in a generated PDF page (PDF user space: origin bottom-left, points).
struct Item {
  std::string text;
  double x = 72;
  double y = 700;
  double size = 12;
  std::string fill = "0 0 0 rg";  // colour operator
  int render_mode = 0;            // 3 = invisible
};

// Builds a PDF (US Letter unless `media_box` says otherwise) with `pages` copies of a page showing
// `items` between `background` and `foreground` (raw content operators, e.g. a filled rectangle).
// All pages share one content stream, so thousands of pages stay small. `items` text must not
// contain '(' ')' or '\'.
std::string MakePdf(const std::vector<Item>& items, int pages = 1,
                    const std::string& background = "", const std::string& foreground = "",
                    const std::string& media_box = "0 0 612 792");

}  // namespace rc::ingest::testing

// Test-only hand-written PDF builder.
#include "ingest/test_pdf.h"

#include <cstdio>

namespace rc::ingest::testing {

std::string MakePdf(const std::vector<Item>& items, int pages, const std::string& background,
                    const std::string& foreground, const std::string& media_box) {
  std::string stream = background;
  for (const Item& it : items) {
    stream += "BT /F1 " + std::to_string(it.size) + " Tf " + it.fill + " " +
              std::to_string(it.render_mode) + " Tr " + std::to_string(it.x) + " " +
              std::to_string(it.y) + " Td (" + it.text + ") Tj ET\n";
  }
  stream += foreground;
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream"};
  std::string kids;
  for (int i = 0; i < pages; ++i) {
    kids += std::to_string(5 + i) + " 0 R ";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [" + media_box +
                      "] /Contents 4 0 R /Resources << "
                      "/Font << /F1 3 0 R >> >> >>");
  }
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>";
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

}  // namespace rc::ingest::testing

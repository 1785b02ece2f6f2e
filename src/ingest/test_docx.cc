// Test-only DOCX builders.
#include "ingest/test_docx.h"

#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace rc::ingest::testing {

std::string MakeZip(const Entries& entries) {
  char path[] = "/tmp/rc-ingest-test-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  int error = 0;
  zip_t* zip = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (zip == nullptr) throw std::runtime_error("zip_open failed");
  for (const auto& [name, data] : entries) {
    zip_source_t* src = zip_source_buffer(zip, data.data(), data.size(), 0);
    if (src == nullptr || zip_file_add(zip, name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
      throw std::runtime_error("zip_file_add failed");
    }
  }
  if (zip_close(zip) != 0) throw std::runtime_error("zip_close failed");
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::remove(path);
  return bytes;
}

std::string DocumentXml(std::string_view body) {
  return std::string(
             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
             "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
             "main\"><w:body>") +
         std::string(body) + "</w:body></w:document>";
}

std::string Para(std::string_view text, std::string_view rpr) {
  std::string out = "<w:p><w:r>";
  if (!rpr.empty()) out += "<w:rPr>" + std::string(rpr) + "</w:rPr>";
  out += "<w:t xml:space=\"preserve\">" + std::string(text) + "</w:t></w:r></w:p>";
  return out;
}

std::string MakeDocx(std::string_view body, const Entries& extra) {
  std::string types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/word/document.xml\" "
      "ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
      "</Types>";
  std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
      "officeDocument\" Target=\"word/document.xml\"/></Relationships>";
  Entries entries = {{"[Content_Types].xml", types},
                     {"_rels/.rels", rels},
                     {"word/document.xml", DocumentXml(body)}};
  for (const auto& e : extra) entries.push_back(e);
  return MakeZip(entries);
}

}  // namespace rc::ingest::testing

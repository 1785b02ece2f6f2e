// Encoding and decoding of the PDF worker's framed output.
#include "ingest/worker_frame.h"

#include <charconv>

namespace rc::ingest {

void AppendFrame(char tag, std::string_view payload, std::string* out) {
  out->push_back(tag);
  out->push_back(' ');
  *out += std::to_string(payload.size());
  out->push_back('\n');
  out->append(payload);
  out->push_back('\n');
}

Result<std::vector<Frame>> ParseFrames(std::string_view data) {
  std::vector<Frame> frames;
  size_t i = 0;
  while (i < data.size()) {
    if (i + 3 > data.size() || data[i + 1] != ' ') {
      return InternalError("malformed record from the pdf worker");
    }
    Frame f;
    f.tag = data[i];
    size_t nl = data.find('\n', i + 2);
    if (nl == std::string_view::npos || nl - (i + 2) > 12) {
      return InternalError("malformed record from the pdf worker");
    }
    size_t length = 0;
    auto [ptr, ec] = std::from_chars(data.data() + i + 2, data.data() + nl, length);
    if (ec != std::errc() || ptr != data.data() + nl) {
      return InternalError("malformed record length from the pdf worker");
    }
    size_t begin = nl + 1;
    if (length > data.size() - begin || begin + length >= data.size() ||
        data[begin + length] != '\n') {
      return InternalError("truncated record from the pdf worker");
    }
    f.payload.assign(data.substr(begin, length));
    frames.push_back(std::move(f));
    i = begin + length + 1;
  }
  return frames;
}

std::vector<std::string> SplitFields(std::string_view payload) {
  std::vector<std::string> fields;
  size_t i = 0;
  while (true) {
    size_t j = payload.find(kFieldSeparator, i);
    if (j == std::string_view::npos) {
      fields.emplace_back(payload.substr(i));
      return fields;
    }
    fields.emplace_back(payload.substr(i, j - i));
    i = j + 1;
  }
}

}  // namespace rc::ingest

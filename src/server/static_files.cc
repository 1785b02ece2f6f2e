// Static file serving for the web app.
#include "server/static_files.h"

#include <fstream>
#include <iterator>
#include <system_error>

namespace rc::server {
namespace fs = std::filesystem;
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// True when `child` is `root` or lies below it (both canonical).
bool IsWithin(const fs::path& root, const fs::path& child) {
  auto r = root.begin();
  auto c = child.begin();
  for (; r != root.end(); ++r, ++c) {
    if (c == child.end() || *r != *c) return false;
  }
  return true;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view name) {
  struct Entry {
    std::string_view ext;
    std::string_view type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".wasm", "application/wasm"},
  };
  for (const Entry& e : kTypes) {
    if (EndsWith(name, e.ext)) return e.type;
  }
  return "application/octet-stream";
}

std::optional<std::string> PercentDecode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    if (i + 2 >= in.size()) return std::nullopt;
    const int hi = HexValue(in[i + 1]);
    const int lo = HexValue(in[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    const char c = static_cast<char>(hi * 16 + lo);
    if (c == '\0') return std::nullopt;
    out += c;
    i += 2;
  }
  return out;
}

StaticFiles::StaticFiles(const fs::path& root) {
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec)) return;
  root_ = fs::canonical(root, ec);
  enabled_ = !ec;
}

std::optional<HttpResponse> StaticFiles::ServeFile(const fs::path& file,
                                                   std::string_view cache_control) const {
  std::error_code ec;
  const fs::path real = fs::canonical(file, ec);
  if (ec || !IsWithin(root_, real) || !fs::is_regular_file(real, ec)) return std::nullopt;
  std::ifstream in(real, std::ios::binary);
  if (!in) return std::nullopt;
  HttpResponse res;
  res.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  res.headers.Set("content-type", ContentTypeFor(real.filename().string()));
  res.headers.Set("cache-control", cache_control);
  return res;
}

std::optional<HttpResponse> StaticFiles::Index() const {
  if (!enabled_) return std::nullopt;
  return ServeFile(root_ / "index.html", "no-cache");
}

std::optional<HttpResponse> StaticFiles::Serve(std::string_view path) const {
  if (!enabled_ || path.empty() || path.front() != '/') return std::nullopt;
  if (path == "/" || path == "/index.html") return Index();
  std::optional<std::string> decoded = PercentDecode(path.substr(1));
  if (!decoded) return std::nullopt;
  fs::path relative;
  std::string_view rest = *decoded;
  while (true) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment.empty() || segment == "." || segment == ".." ||
        segment.find('\\') != std::string_view::npos) {
      return std::nullopt;
    }
    relative /= std::string(segment);
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  const bool hashed = decoded->starts_with("assets/");
  return ServeFile(root_ / relative, hashed ? "public, max-age=31536000, immutable" : "no-cache");
}

}  // namespace rc::server

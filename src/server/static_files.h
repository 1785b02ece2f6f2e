// StaticFiles: serves the built single-page app from a web root, safely.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "server/http_message.h"

namespace rc::server {

// Serves files under one directory. Paths are percent-decoded and must not contain "..", ".",
// empty segments, backslashes or NUL; the resolved file must still lie under the root (symlinks
// that leave it are refused). Caching: /assets/* (content-hashed names) is
// "public, max-age=31536000, immutable"; everything else, index.html included, "no-cache".
// Thread-safe (reads the disk on every call).
class StaticFiles {
 public:
  // `root` may not exist; then nothing is served. The root is resolved once, here.
  explicit StaticFiles(const std::filesystem::path& root);

  bool enabled() const { return enabled_; }
  const std::filesystem::path& root() const { return root_; }

  // The file for a request path ("/" means index.html), or nullopt when there is none.
  std::optional<HttpResponse> Serve(std::string_view path) const;
  // index.html, for the SPA fallback; nullopt when the root has none.
  std::optional<HttpResponse> Index() const;

 private:
  std::optional<HttpResponse> ServeFile(const std::filesystem::path& file,
                                        std::string_view cache_control) const;

  std::filesystem::path root_;
  bool enabled_ = false;
};

// The Content-Type for a file name, by extension ("application/octet-stream" when unknown).
std::string_view ContentTypeFor(std::string_view filename);

// Percent-decodes `in`; nullopt on a malformed escape or a decoded NUL.
std::optional<std::string> PercentDecode(std::string_view in);

}  // namespace rc::server

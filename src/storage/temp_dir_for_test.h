// ScopedTempDir: a fresh directory for one test, removed with its contents afterwards.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>

namespace rc::storage {

// Creates a unique directory under $TMPDIR (or /tmp) and removes it on destruction.
class ScopedTempDir {
 public:
  ScopedTempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/rc-storage-XXXXXX";
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScopedTempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;

  // Empty when the directory could not be created.
  const std::string& path() const { return path_; }
  // The last path component, e.g. "rc-storage-a1B2c3"; unique per live directory.
  std::string name() const { return std::filesystem::path(path_).filename().string(); }

 private:
  std::string path_;
};

}  // namespace rc::storage

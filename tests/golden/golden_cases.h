// Golden cases: the folders under tests/golden and how a case's expected files are produced.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "codec/report_json.h"
#include "engine/analyzer.h"

namespace rc::golden {

// Case folders (those holding resume.txt and job.txt) under `root`, sorted by name.
inline std::vector<std::filesystem::path> ListCases(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(root, ec)) {
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "resume.txt") &&
        std::filesystem::exists(entry.path() / "job.txt")) {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The expected.json and expected.md contents for one case.
struct Rendered {
  std::string json;
  std::string markdown;
};

inline Rendered Render(const engine::Analyzer& analyzer, const std::filesystem::path& dir) {
  const engine::Analysis a =
      analyzer.Analyze(ReadFile(dir / "resume.txt"), ReadFile(dir / "job.txt"));
  return {codec::ReportToJson(a.report, 2) + "\n", a.markdown};
}

}  // namespace rc::golden

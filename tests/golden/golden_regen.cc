// golden-regen: rewrites expected.json and expected.md of every golden case (see ./regenerate).
#include <iostream>

#include "tests/golden/golden_cases.h"

int main(int argc, char** argv) {
  const std::filesystem::path root =
      argc > 1 ? std::filesystem::path(argv[1])
               : std::filesystem::path(RC_SOURCE_DIR) / "tests" / "golden";
  auto taxonomy = rc::engine::LoadBuiltinTaxonomy();
  if (!taxonomy.ok()) {
    std::cerr << "taxonomy: " << taxonomy.status().message() << "\n";
    return 1;
  }
  const rc::engine::Analyzer analyzer(*taxonomy);
  for (const auto& dir : rc::golden::ListCases(root)) {
    const rc::golden::Rendered r = rc::golden::Render(analyzer, dir);
    std::ofstream(dir / "expected.json", std::ios::binary) << r.json;
    std::ofstream(dir / "expected.md", std::ios::binary) << r.markdown;
    std::cout << "wrote " << dir.filename().string() << "\n";
  }
  return 0;
}

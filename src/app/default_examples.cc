// Loading of the embedded default examples.
#include "app/default_examples.h"

#include "embedded/rc_examples_data.h"

namespace rc::app {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  while (true) {
    const std::size_t tab = line.find('\t');
    out.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return out;
}

}  // namespace

Result<std::vector<model::Example>> ParseExampleManifest(
    std::string_view manifest,
    const std::function<std::optional<std::string>(std::string_view)>& read) {
  std::vector<model::Example> out;
  int number = 0;
  while (!manifest.empty()) {
    const std::size_t nl = manifest.find('\n');
    std::string_view line = manifest.substr(0, nl);
    manifest.remove_prefix(nl == std::string_view::npos ? manifest.size() : nl + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string_view> cols = SplitTabs(line);
    const std::string where = "examples manifest line " + std::to_string(number);
    if (cols.size() != 4) return InvalidArgumentError(where + ": expected 4 tab-separated columns");
    std::optional<std::string> content = read(cols[3]);
    if (!content) return InvalidArgumentError(where + ": no file " + std::string(cols[3]));
    out.push_back(model::Example{std::string(cols[0]), std::string(cols[2]), std::string(cols[1]),
                                 std::move(*content)});
  }
  return out;
}

Result<std::vector<model::Example>> DefaultExamples() {
  const auto& files = data::ExampleFiles();
  auto read = [&files](std::string_view name) -> std::optional<std::string> {
    for (const auto& [path, text] : files) {
      if (path == name) return std::string(text);
    }
    return std::nullopt;
  };
  std::optional<std::string> manifest = read("manifest.tsv");
  if (!manifest) return InternalError("the embedded examples have no manifest.tsv");
  return ParseExampleManifest(*manifest, read);
}

}  // namespace rc::app

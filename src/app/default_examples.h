// The default examples shipped in data/examples and embedded into the binary.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/session.h"

namespace rc::app {

// Parses a manifest (lines "id<TAB>kind<TAB>name<TAB>file"; '#' comments and blank lines
// ignored), reading each file's text through `read`. InvalidArgument naming the line for a
// malformed line or a file `read` cannot find.
Result<std::vector<model::Example>> ParseExampleManifest(
    std::string_view manifest,
    const std::function<std::optional<std::string>(std::string_view)>& read);

// The embedded defaults (data/examples/manifest.tsv and its files).
Result<std::vector<model::Example>> DefaultExamples();

}  // namespace rc::app

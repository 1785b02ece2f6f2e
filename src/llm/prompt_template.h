// PromptTemplate: a versioned prompt file from data/prompts/, with {{name}} placeholders.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "base/status.h"

namespace rc::llm {

// A parsed prompt file. Format: a first line "version: <id>", then "# " note lines (dropped),
// then sections introduced by "=== system ===" and "=== user ===" lines. Sections hold text
// with {{name}} placeholders. Immutable after Parse; thread-safe to share.
class PromptTemplate {
 public:
  // InvalidArgument (naming `file_name`) when the version line or the system/user sections are
  // missing, or a placeholder is unterminated.
  static Result<PromptTemplate> Parse(std::string_view file_name, std::string_view text);

  const std::string& version() const { return version_; }
  const std::string& system() const { return system_; }
  const std::string& user() const { return user_; }

  // Replaces each {{name}} in `section` with vars.at(name), in one pass (text inserted from a
  // value is never expanded again). InvalidArgument when a placeholder has no value.
  static Result<std::string> Render(std::string_view section,
                                    const std::map<std::string, std::string>& vars);

 private:
  std::string version_;
  std::string system_;
  std::string user_;
};

// The embedded prompt file `name` ("analysis.txt", "chat.txt"), parsed once.
// FailedPrecondition if it is not embedded or does not parse (a build error in practice).
Result<const PromptTemplate*> EmbeddedPrompt(std::string_view name);

}  // namespace rc::llm

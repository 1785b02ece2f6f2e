// Parsing and rendering prompt templates, and access to the embedded prompt files.
#include "llm/prompt_template.h"

#include <memory>
#include <mutex>

#include "embedded/rc_llm_prompts.h"

namespace rc::llm {
namespace {

// Drops one trailing newline so a section ends where its text ends.
std::string TrimSection(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

Result<PromptTemplate> PromptTemplate::Parse(std::string_view file_name, std::string_view text) {
  const std::string name(file_name);
  PromptTemplate t;
  std::string* current = nullptr;
  bool first = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (line.ends_with('\r')) line.remove_suffix(1);
    pos = end + 1;
    if (first) {
      first = false;
      if (!line.starts_with("version: ") || line.size() <= 9) {
        return InvalidArgumentError("prompt " + name + " must start with a \"version: \" line");
      }
      t.version_ = std::string(line.substr(9));
      continue;
    }
    if (line == "=== system ===") {
      current = &t.system_;
      continue;
    }
    if (line == "=== user ===") {
      current = &t.user_;
      continue;
    }
    if (current == nullptr) {
      if (line.starts_with("# ") || line == "#" || line.empty()) continue;
      return InvalidArgumentError("prompt " + name + " has text before its first section");
    }
    current->append(line);
    current->push_back('\n');
  }
  if (t.version_.empty()) return InvalidArgumentError("prompt " + name + " is empty");
  t.system_ = TrimSection(std::move(t.system_));
  t.user_ = TrimSection(std::move(t.user_));
  if (t.system_.empty() || t.user_.empty()) {
    return InvalidArgumentError("prompt " + name + " needs a system and a user section");
  }
  for (const std::string* section : {&t.system_, &t.user_}) {
    std::size_t open = 0;
    while ((open = section->find("{{", open)) != std::string::npos) {
      if (section->find("}}", open) == std::string::npos) {
        return InvalidArgumentError("prompt " + name + " has an unterminated placeholder");
      }
      open += 2;
    }
  }
  return t;
}

Result<std::string> PromptTemplate::Render(std::string_view section,
                                           const std::map<std::string, std::string>& vars) {
  std::string out;
  out.reserve(section.size());
  std::size_t pos = 0;
  while (pos < section.size()) {
    const std::size_t open = section.find("{{", pos);
    if (open == std::string_view::npos) {
      out.append(section.substr(pos));
      break;
    }
    const std::size_t close = section.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return InvalidArgumentError("unterminated placeholder in prompt");
    }
    out.append(section.substr(pos, open - pos));
    const std::string key(section.substr(open + 2, close - open - 2));
    const auto it = vars.find(key);
    if (it == vars.end()) return InvalidArgumentError("no value for prompt placeholder " + key);
    out.append(it->second);
    pos = close + 2;
  }
  return out;
}

Result<const PromptTemplate*> EmbeddedPrompt(std::string_view name) {
  static const auto* parsed = [] {
    auto* map = new std::map<std::string, Result<PromptTemplate>, std::less<>>();
    for (const auto& [file, text] : data::PromptFiles()) {
      map->emplace(std::string(file), PromptTemplate::Parse(file, text));
    }
    return map;
  }();
  const auto it = parsed->find(name);
  if (it == parsed->end()) {
    return FailedPreconditionError("prompt " + std::string(name) + " is not embedded");
  }
  if (!it->second.ok()) return FailedPreconditionError(it->second.status().message());
  return &it->second.value();
}

}  // namespace rc::llm

// The skill taxonomy: canonical skills, their surface forms and context rules, loaded from TSV.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "model/skill.h"

namespace rc::engine {

// One taxonomy file: its name (used in error messages) and its contents.
struct TaxonomyFile {
  std::string name;
  std::string text;
};

// Rules that restrict where an ambiguous surface form counts as a skill mention.
struct ContextRules {
  std::vector<std::string> case_sensitive;                 // exact-case forms that may match
  std::vector<std::vector<std::string>> requires_context;  // lower-case token sequences
  std::vector<std::string> reject_next;                    // lower-case words
  std::vector<std::string> reject_prev;
  bool empty() const {
    return case_sensitive.empty() && requires_context.empty() && reject_next.empty() &&
           reject_prev.empty();
  }
};

// One canonical skill.
struct Skill {
  std::string id;
  std::string name;
  model::SkillKind kind = model::SkillKind::kHard;
  std::string category;
  std::vector<std::string> aliases;
  std::vector<std::string> related;  // ids, validated
  ContextRules rules;
  std::string file;  // the file that defines it
};

// A trie over the lower-case word tokens of surface forms. Node 0 is the root.
struct SurfaceTrie {
  struct Terminal {
    std::int32_t skill = -1;  // index into Taxonomy::skills()
    std::string form;         // the surface form's lower-case tokens joined by ' '
  };
  struct Node {
    std::unordered_map<std::string, std::int32_t> children;
    std::vector<Terminal> terminals;  // at most one: forms are unique
  };
  std::vector<Node> nodes;
};

// An immutable, loaded taxonomy. Thread-safe to share once built (all accessors are const).
class Taxonomy {
 public:
  // The contents of data/taxonomy/VERSION, e.g. "2026.11.1".
  const std::string& version() const { return version_; }
  // All skills, sorted by id.
  const std::vector<Skill>& skills() const { return skills_; }
  std::size_t skill_count() const { return skills_.size(); }
  // Number of distinct surface forms (names plus aliases).
  std::size_t surface_form_count() const { return surface_form_count_; }
  // The skill with `id`, or nullptr.
  const Skill* FindById(std::string_view id) const;
  // Index of the skill with `id` in skills(), or -1.
  int IndexOf(std::string_view id) const;
  // The skill owning surface form `form` (any case, punctuation-normalized), or nullptr.
  const Skill* FindBySurfaceForm(std::string_view form) const;
  const SurfaceTrie& trie() const { return trie_; }

 private:
  friend Result<std::shared_ptr<const Taxonomy>> LoadTaxonomy(
      const std::vector<TaxonomyFile>& files);
  std::string version_;
  std::vector<Skill> skills_;
  std::map<std::string, int, std::less<>> by_id_;
  std::unordered_map<std::string, int> by_form_;  // normalized form -> skill index
  std::size_t surface_form_count_ = 0;
  SurfaceTrie trie_;
};

// Splits a surface form into its lower-case word tokens, dropping punctuation that does not
// separate words in matching ("-", "/", "(", ")" ...): "Front-End" -> {"front", "end"}.
std::vector<std::string> SurfaceTokens(std::string_view form);

// Loads and validates taxonomy files: "VERSION", "context_rules.tsv" and any "*.tsv" skills file.
// Fails with InvalidArgument "file:line: message" on a bad header, id, kind, duplicate id or
// surface form, unknown related id, unknown rule or rule id; the first error found is returned.
Result<std::shared_ptr<const Taxonomy>> LoadTaxonomy(const std::vector<TaxonomyFile>& files);

// The data/taxonomy files embedded into the binary at build time, loaded and validated once per
// call (callers share the result).
Result<std::shared_ptr<const Taxonomy>> LoadBuiltinTaxonomy();

}  // namespace rc::engine

// Rewrites one resume bullet: filler removed, an action verb first, never a new fact.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rc::engine::coach {

struct BulletRewrite {
  std::string rewritten;             // plain text, not escaped
  std::vector<std::string> changes;  // what was changed and why, plain text
  bool has_metric = false;           // the bullet already contains a number
  bool starts_with_verb = false;     // the rewrite starts with a known action verb
  std::size_t words = 0;             // word count of the rewrite
};

// Rewrites `bullet`: drops a leading bullet marker, first-person pronouns and filler such as
// "responsible for", "duties included", "worked on", "helped with"; turns the leading gerund or
// present-tense verb into the past tense ("managing" -> "Managed") and replaces weak verbs
// ("handled" -> "Managed"). Keeps every other word, adds no numbers, names or claims. Pure.
BulletRewrite RewriteBullet(std::string_view bullet);

// True when `word` (any case) is a past-tense action verb this module knows or produces.
bool IsActionVerb(std::string_view word);

// True when `text` starts with weak filler ("responsible for", "duties included", ...).
bool StartsWithFiller(std::string_view text);

}  // namespace rc::engine::coach

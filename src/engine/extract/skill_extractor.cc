// Skill extraction: a trie walk per token, then context rules for ambiguous names.
#include "engine/extract/skill_extractor.h"

#include <algorithm>

namespace rc::engine {
namespace {

bool IsJoiner(const Token& t) {
  return !t.is_word && t.end == t.begin + 1 && (t.lower == "-" || t.lower == "/" || t.lower == "&");
}

bool Contains(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// The previous / next word token in the same sentence, or nullptr.
const Token* PrevWord(const Document& doc, std::uint32_t first) {
  for (std::uint32_t k = first; k > 0; --k) {
    const Token& t = doc.tok.tokens[k - 1];
    if (t.sentence != doc.tok.tokens[first].sentence) return nullptr;
    if (t.is_word) return &t;
    if (!IsJoiner(t)) return nullptr;
  }
  return nullptr;
}

const Token* NextWord(const Document& doc, std::uint32_t last) {
  const auto& tokens = doc.tok.tokens;
  if (last == 0) return nullptr;
  for (std::uint32_t k = last; k < tokens.size(); ++k) {
    if (tokens[k].sentence != tokens[last - 1].sentence) return nullptr;
    if (tokens[k].is_word) return &tokens[k];
    if (!IsJoiner(tokens[k])) return nullptr;
  }
  return nullptr;
}

// Lower-case words of tokens [first, last) joined by ' ' (the trie's form key).
std::string LowerForm(const Document& doc, std::uint32_t first, std::uint32_t last) {
  std::string out;
  for (std::uint32_t k = first; k < last; ++k) {
    const Token& t = doc.tok.tokens[k];
    if (!t.is_word) continue;
    if (!out.empty()) out += ' ';
    out += t.lower;
  }
  return out;
}

// Words of tokens [first, last) as written, joined by ' '.
std::string ExactForm(const Document& doc, std::uint32_t first, std::uint32_t last) {
  std::string out;
  for (std::uint32_t k = first; k < last; ++k) {
    const Token& t = doc.tok.tokens[k];
    if (!t.is_word) continue;
    if (!out.empty()) out += ' ';
    out += doc.norm.text.substr(t.begin, t.end - t.begin);
  }
  return out;
}

// Case-sensitive and neighbour rules, which need only the mention itself.
bool PassesLocalRules(const Skill& skill, const Document& doc, std::uint32_t first,
                      std::uint32_t last) {
  const ContextRules& rules = skill.rules;
  if (!rules.case_sensitive.empty()) {
    const std::string lower = LowerForm(doc, first, last);
    const std::string exact = ExactForm(doc, first, last);
    bool listed = false;
    bool exact_ok = false;
    for (const std::string& form : rules.case_sensitive) {
      std::string form_exact;
      for (const std::string& t : SurfaceTokens(form)) {
        if (!form_exact.empty()) form_exact += ' ';
        form_exact += t;
      }
      if (form_exact != lower) continue;
      listed = true;
      // Compare the written words with the form's words as written.
      std::string written;
      const Tokenized tokenized = Tokenize(form);
      for (const Token& t : tokenized.tokens) {
        if (!t.is_word) continue;
        if (!written.empty()) written += ' ';
        written += form.substr(t.begin, t.end - t.begin);
      }
      if (written == exact) exact_ok = true;
    }
    if (listed && !exact_ok) return false;
  }
  if (!rules.reject_prev.empty()) {
    if (const Token* prev = PrevWord(doc, first);
        prev && Contains(rules.reject_prev, prev->lower)) {
      return false;
    }
  }
  if (!rules.reject_next.empty()) {
    if (const Token* next = NextWord(doc, last); next && Contains(rules.reject_next, next->lower)) {
      return false;
    }
  }
  return true;
}

// True when one of the context phrases occurs in the sentence of tokens [first, last).
bool SentenceHasContext(const Skill& skill, const Document& doc, std::uint32_t first) {
  const auto& tokens = doc.tok.tokens;
  const TokenRange& sentence = doc.tok.sentences[tokens[first].sentence];
  std::vector<const Token*> words;
  for (std::uint32_t k = sentence.first; k < sentence.last; ++k) {
    if (tokens[k].is_word) words.push_back(&tokens[k]);
  }
  for (const auto& phrase : skill.rules.requires_context) {
    for (std::size_t i = 0; i + phrase.size() <= words.size(); ++i) {
      bool all = true;
      for (std::size_t j = 0; j < phrase.size() && all; ++j) {
        all = words[i + j]->lower == phrase[j] || words[i + j]->key == phrase[j];
      }
      if (all) return true;
    }
  }
  return false;
}

// True when the line reads like a list: separators and at least `others` other skills.
bool LineIsSkillList(const Document& doc, std::uint32_t line, int others) {
  if (others < 2) return false;
  const TokenRange& r = doc.tok.lines[line];
  for (std::uint32_t k = r.first; k < r.last; ++k) {
    const std::string& t = doc.tok.tokens[k].lower;
    if (t == "," || t == "|" || t == "/" || t == ";" || t == "*" || t == ":") return true;
  }
  return false;
}

}  // namespace

std::vector<SkillHit> FindSkills(const Taxonomy& taxonomy, const Document& doc,
                                 const std::vector<bool>& skills_lines) {
  const auto& tokens = doc.tok.tokens;
  const auto& nodes = taxonomy.trie().nodes;
  std::vector<SkillHit> hits;
  std::vector<bool> needs_context;
  if (nodes.empty()) return hits;
  std::uint32_t i = 0;
  while (i < tokens.size()) {
    if (!tokens[i].is_word) {
      ++i;
      continue;
    }
    // Walk the trie, remembering every terminal (end position, node) on the way.
    std::vector<std::pair<std::uint32_t, std::int32_t>> ends;
    std::int32_t node = 0;
    std::uint32_t j = i;
    while (j < tokens.size() && tokens[j].sentence == tokens[i].sentence) {
      const Token& t = tokens[j];
      if (!t.is_word) {
        if (j > i && IsJoiner(t)) {
          ++j;
          continue;
        }
        break;
      }
      // The word as written first, then its singular ("databases" -> "database").
      auto it = nodes[node].children.find(t.lower);
      if (it == nodes[node].children.end() && t.key != t.lower) {
        it = nodes[node].children.find(t.key);
      }
      if (it == nodes[node].children.end()) break;
      node = it->second;
      ++j;
      if (!nodes[node].terminals.empty()) ends.emplace_back(j, node);
    }
    bool matched = false;
    for (auto e = ends.rbegin(); e != ends.rend() && !matched; ++e) {
      const auto& terminals = nodes[e->second].terminals;
      const std::string lower = LowerForm(doc, i, e->first);
      const SurfaceTrie::Terminal* chosen = &terminals.front();
      for (const auto& term : terminals) {
        if (term.form == lower) chosen = &term;
      }
      const Skill& skill = taxonomy.skills()[chosen->skill];
      if (!PassesLocalRules(skill, doc, i, e->first)) continue;
      hits.push_back({chosen->skill, i, e->first});
      needs_context.push_back(!skill.rules.requires_context.empty());
      i = e->first;
      matched = true;
    }
    if (!matched) ++i;
  }
  // requires_context: the sentence, a Skills section, or a list of other recognised skills.
  std::vector<int> unconditional_per_line(doc.tok.lines.size(), 0);
  for (std::size_t h = 0; h < hits.size(); ++h) {
    if (!needs_context[h]) ++unconditional_per_line[tokens[hits[h].first].line];
  }
  std::vector<SkillHit> out;
  out.reserve(hits.size());
  for (std::size_t h = 0; h < hits.size(); ++h) {
    if (needs_context[h]) {
      const std::uint32_t line = tokens[hits[h].first].line;
      const Skill& skill = taxonomy.skills()[hits[h].skill];
      const bool in_skills = line < skills_lines.size() && skills_lines[line];
      if (!in_skills && !SentenceHasContext(skill, doc, hits[h].first) &&
          !LineIsSkillList(doc, line, unconditional_per_line[line])) {
        continue;
      }
    }
    out.push_back(hits[h]);
  }
  return out;
}

std::vector<model::SkillMention> FindSkillMentions(const Taxonomy& taxonomy,
                                                   std::string_view text) {
  const Document doc = MakeDocument(text);
  std::vector<model::SkillMention> out;
  for (const SkillHit& hit : FindSkills(taxonomy, doc)) {
    const Skill& skill = taxonomy.skills()[hit.skill];
    out.push_back({skill.id, skill.name, skill.kind, doc.TokenSpan(hit.first, hit.last), ""});
  }
  return out;
}

}  // namespace rc::engine

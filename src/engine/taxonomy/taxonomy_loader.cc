// LoadTaxonomy: parses and validates the TSV files and builds the surface-form trie.
#include <algorithm>
#include <set>
#include <utility>

#include "engine/taxonomy/taxonomy.h"
#include "engine/text/tokenizer.h"

namespace rc::engine {
namespace {

struct Row {
  std::vector<std::string> cells;
  int line = 0;
};

// Lines of a TSV file without comments and blank lines, with 1-based line numbers.
std::vector<Row> ReadRows(std::string_view text) {
  std::vector<Row> rows;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    ++line_no;
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    Row row;
    row.line = line_no;
    std::size_t start = 0;
    while (true) {
      const std::size_t tab = line.find('\t', start);
      std::string_view cell =
          line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
      while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
      while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
      row.cells.emplace_back(cell);
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::string> SplitBar(std::string_view value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t bar = value.find('|', start);
    if (bar == std::string_view::npos) bar = value.size();
    std::string_view part = value.substr(start, bar - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    start = bar + 1;
  }
  return out;
}

bool ValidId(std::string_view id) {
  if (id.empty()) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(id.front())) return false;
  return std::all_of(id.begin(), id.end(), [&](char c) {
    return alnum(c) || c == '+' || c == '#' || c == '.' || c == '-';
  });
}

bool ParseKind(std::string_view kind, model::SkillKind* out) {
  static const std::pair<std::string_view, model::SkillKind> kKinds[] = {
      {"hard", model::SkillKind::kHard},
      {"soft", model::SkillKind::kSoft},
      {"tool", model::SkillKind::kTool},
      {"certification", model::SkillKind::kCertification},
      {"language", model::SkillKind::kLanguage},
      {"domain", model::SkillKind::kDomain},
  };
  for (const auto& [name, value] : kKinds) {
    if (name == kind) {
      *out = value;
      return true;
    }
  }
  return false;
}

std::string Where(const std::string& file, int line) { return file + ":" + std::to_string(line); }

Status Error(const std::string& file, int line, const std::string& message) {
  return InvalidArgumentError(Where(file, line) + ": " + message);
}

std::string JoinTokens(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

struct Pending {
  Skill skill;
  int line = 0;
  std::vector<std::string> forms;  // name + aliases as written
};

}  // namespace

std::vector<std::string> SurfaceTokens(std::string_view form) {
  const Tokenized tokenized = Tokenize(form);
  std::vector<std::string> out;
  for (const Token& t : tokenized.tokens) {
    if (t.is_word) out.push_back(t.lower);
  }
  return out;
}

const Skill* Taxonomy::FindById(std::string_view id) const {
  const int index = IndexOf(id);
  return index < 0 ? nullptr : &skills_[index];
}

int Taxonomy::IndexOf(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? -1 : it->second;
}

const Skill* Taxonomy::FindBySurfaceForm(std::string_view form) const {
  auto it = by_form_.find(JoinTokens(SurfaceTokens(form)));
  return it == by_form_.end() ? nullptr : &skills_[it->second];
}

Result<std::shared_ptr<const Taxonomy>> LoadTaxonomy(const std::vector<TaxonomyFile>& files) {
  auto taxonomy = std::make_shared<Taxonomy>();
  std::vector<Pending> pending;
  const TaxonomyFile* rules_file = nullptr;
  bool have_version = false;
  // Sorted by name so that loading does not depend on the order files are given in.
  std::vector<const TaxonomyFile*> sorted;
  for (const auto& f : files) sorted.push_back(&f);
  std::sort(sorted.begin(), sorted.end(),
            [](const TaxonomyFile* a, const TaxonomyFile* b) { return a->name < b->name; });
  std::map<std::string, std::string, std::less<>> id_where;
  for (const TaxonomyFile* file : sorted) {
    const std::string base = file->name.substr(file->name.find_last_of('/') + 1);
    if (base == "VERSION") {
      std::string v = file->text;
      while (!v.empty() && (v.back() == '\n' || v.back() == '\r' || v.back() == ' ')) v.pop_back();
      if (v.empty() || v.find('\n') != std::string::npos) {
        return Error(file->name, 1, "VERSION must hold one non-empty line");
      }
      taxonomy->version_ = v;
      have_version = true;
      continue;
    }
    if (base == "context_rules.tsv") {
      rules_file = file;
      continue;
    }
    if (!EndsWith(base, ".tsv")) continue;
    const std::vector<Row> rows = ReadRows(file->text);
    if (rows.empty()) continue;
    const std::vector<std::string> kHeader = {"id",       "name",    "kind",
                                              "category", "aliases", "related"};
    if (rows.front().cells != kHeader) {
      return Error(file->name, rows.front().line,
                   "header must be 'id<TAB>name<TAB>kind<TAB>category<TAB>aliases<TAB>related'");
    }
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const Row& row = rows[r];
      if (row.cells.size() < 4 || row.cells.size() > 6) {
        return Error(file->name, row.line,
                     "expected 6 tab-separated columns, found " + std::to_string(row.cells.size()));
      }
      Pending p;
      p.line = row.line;
      p.skill.file = file->name;
      p.skill.id = row.cells[0];
      p.skill.name = row.cells[1];
      if (!ValidId(p.skill.id)) {
        return Error(file->name, row.line,
                     "bad id '" + p.skill.id + "' (lower-case slug [a-z0-9][a-z0-9+#.-]*)");
      }
      if (p.skill.name.empty()) return Error(file->name, row.line, "empty name for " + p.skill.id);
      if (!ParseKind(row.cells[2], &p.skill.kind)) {
        return Error(
            file->name, row.line,
            "bad kind '" + row.cells[2] + "' (hard, soft, tool, certification, language, domain)");
      }
      p.skill.category = row.cells[3];
      if (row.cells.size() > 4) p.skill.aliases = SplitBar(row.cells[4]);
      if (row.cells.size() > 5) p.skill.related = SplitBar(row.cells[5]);
      if (auto it = id_where.find(p.skill.id); it != id_where.end()) {
        return Error(file->name, row.line,
                     "duplicate id '" + p.skill.id + "' (first defined at " + it->second + ")");
      }
      id_where[p.skill.id] = Where(file->name, row.line);
      p.forms.push_back(p.skill.name);
      for (const auto& a : p.skill.aliases) p.forms.push_back(a);
      pending.push_back(std::move(p));
    }
  }
  if (!have_version) return Error("VERSION", 0, "missing taxonomy VERSION file");
  std::sort(pending.begin(), pending.end(),
            [](const Pending& a, const Pending& b) { return a.skill.id < b.skill.id; });
  for (std::size_t i = 0; i < pending.size(); ++i) {
    taxonomy->by_id_[pending[i].skill.id] = static_cast<int>(i);
  }
  // Surface forms: unique across all ids.
  struct FormEntry {
    std::vector<std::string> words;  // lower-case word tokens
    std::string key;                 // the words joined by ' '
    int skill = 0;
  };
  std::vector<FormEntry> forms;  // in load order (sorted ids, then name and aliases)
  for (std::size_t i = 0; i < pending.size(); ++i) {
    Pending& p = pending[i];
    for (const std::string& rel : p.skill.related) {
      if (taxonomy->by_id_.find(rel) == taxonomy->by_id_.end()) {
        return Error(p.skill.file, p.line,
                     "related id '" + rel + "' of '" + p.skill.id + "' is not defined");
      }
      if (rel == p.skill.id) {
        return Error(p.skill.file, p.line, "'" + p.skill.id + "' lists itself as related");
      }
    }
    for (const std::string& form : p.forms) {
      FormEntry entry;
      entry.words = SurfaceTokens(form);
      entry.key = JoinTokens(entry.words);
      entry.skill = static_cast<int>(i);
      if (entry.key.empty()) {
        return Error(
            p.skill.file, p.line,
            "surface form '" + form + "' of '" + p.skill.id + "' has no letters or digits");
      }
      auto it = taxonomy->by_form_.find(entry.key);
      if (it != taxonomy->by_form_.end()) {
        if (it->second == static_cast<int>(i)) continue;  // same skill: harmless repeat
        const Pending& owner = pending[it->second];
        return Error(p.skill.file, p.line,
                     "surface form '" + form + "' of '" + p.skill.id + "' already belongs to '" +
                         owner.skill.id + "' (" + Where(owner.skill.file, owner.line) + ")");
      }
      taxonomy->by_form_.emplace(entry.key, static_cast<int>(i));
      forms.push_back(std::move(entry));
    }
  }
  taxonomy->surface_form_count_ = taxonomy->by_form_.size();
  // Context rules.
  if (rules_file != nullptr) {
    const std::vector<Row> rows = ReadRows(rules_file->text);
    if (!rows.empty()) {
      if (rows.front().cells != std::vector<std::string>{"id", "rule", "value"}) {
        return Error(rules_file->name, rows.front().line, "header must be 'id<TAB>rule<TAB>value'");
      }
      for (std::size_t r = 1; r < rows.size(); ++r) {
        const Row& row = rows[r];
        if (row.cells.size() != 3) {
          return Error(
              rules_file->name, row.line,
              "expected 3 tab-separated columns, found " + std::to_string(row.cells.size()));
        }
        auto it = taxonomy->by_id_.find(row.cells[0]);
        if (it == taxonomy->by_id_.end()) {
          return Error(rules_file->name, row.line, "unknown skill id '" + row.cells[0] + "'");
        }
        std::vector<std::string> values = SplitBar(row.cells[2]);
        if (values.empty()) return Error(rules_file->name, row.line, "empty rule value");
        ContextRules& rules = pending[it->second].skill.rules;
        const std::string& rule = row.cells[1];
        if (rule == "case_sensitive") {
          for (auto& v : values) rules.case_sensitive.push_back(v);
        } else if (rule == "requires_context") {
          for (auto& v : values) {
            std::vector<std::string> tokens = SurfaceTokens(v);
            if (!tokens.empty()) rules.requires_context.push_back(std::move(tokens));
          }
        } else if (rule == "reject_next" || rule == "reject_prev") {
          auto& list = rule == "reject_next" ? rules.reject_next : rules.reject_prev;
          for (auto& v : values) list.push_back(AsciiLower(v));
        } else {
          return Error(rules_file->name, row.line,
                       "unknown rule '" + rule +
                           "' (case_sensitive, requires_context, reject_next, reject_prev)");
        }
      }
    }
  }
  for (auto& p : pending) taxonomy->skills_.push_back(std::move(p.skill));
  // The trie over the forms' lower-case words. Surface forms are stored as written; plural
  // folding happens on the text side only, so an alias "teams" never makes "team" match.
  SurfaceTrie& trie = taxonomy->trie_;
  trie.nodes.reserve(forms.size() * 2 + 1);
  trie.nodes.emplace_back();
  for (FormEntry& entry : forms) {
    std::int32_t node = 0;
    for (const std::string& word : entry.words) {
      auto it = trie.nodes[node].children.find(word);
      if (it == trie.nodes[node].children.end()) {
        const auto next = static_cast<std::int32_t>(trie.nodes.size());
        trie.nodes[node].children.emplace(word, next);
        trie.nodes.emplace_back();
        node = next;
      } else {
        node = it->second;
      }
    }
    trie.nodes[node].terminals.push_back({entry.skill, std::move(entry.key)});
  }
  return std::shared_ptr<const Taxonomy>(std::move(taxonomy));
}

}  // namespace rc::engine

// RunEval: dataset readers, prediction with the engine, and the report table and summary line.
#include "eval/eval.h"
#include "eval/vanetik_eval.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/extract/mention_finder.h"
#include "engine/taxonomy/taxonomy.h"
#include "eval/metrics.h"

namespace rc::eval {
namespace {

struct Sentence {
  std::vector<std::string> tokens;
  std::vector<TokenSpan> gold;
  std::string source;  // skillspan: "tech", "house"...; green: ""
};

std::string Fixed3(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

// The dataset file: `path` itself, or the expected file inside a folder.
std::string ResolvePath(std::string_view dataset, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return path;
  if (dataset == "skillspan") return (fs::path(path) / "dev.json").string();
  std::vector<std::string> candidates;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".jsonl") candidates.push_back(entry.path().string());
    (void)name;
  }
  std::sort(candidates.begin(), candidates.end());
  return candidates.empty() ? (fs::path(path) / "testset.jsonl").string() : candidates.front();
}

bool ReadSentences(std::string_view dataset, const std::string& file,
                   std::vector<Sentence>* sentences, std::string* error) {
  std::ifstream in(file);
  if (!in) {
    *error = "cannot read " + file;
    return false;
  }
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json row = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (row.is_discarded() || !row.is_object() || !row.contains("tokens") ||
        !row["tokens"].is_array()) {
      *error = file + ":" + std::to_string(line_no) + ": not a sentence object with tokens";
      return false;
    }
    Sentence s;
    for (const auto& t : row["tokens"])
      s.tokens.push_back(t.is_string() ? t.get<std::string>() : "");
    auto tags_of = [&](const char* key) {
      std::vector<std::string> tags;
      if (row.contains(key) && row[key].is_array()) {
        for (const auto& t : row[key]) tags.push_back(t.is_string() ? t.get<std::string>() : "O");
      }
      tags.resize(s.tokens.size(), "O");
      return tags;
    };
    if (dataset == "skillspan") {
      for (auto& g : SpansFromBio(tags_of("tags_skill"), "skill")) s.gold.push_back(g);
      for (auto& g : SpansFromBio(tags_of("tags_knowledge"), "knowledge")) s.gold.push_back(g);
      if (row.contains("source") && row["source"].is_string()) s.source = row["source"];
    } else {
      s.gold = SpansFromBio(tags_of("tags"), "Entity");
    }
    sentences->push_back(std::move(s));
  }
  return true;
}

// The kind of a mention for the precision table: "taxonomy:<skill kind>" or the phrase kind.
std::string MentionKindName(const engine::Taxonomy& taxonomy, const engine::Mention& m) {
  if (m.skill >= 0) {
    return std::string("taxonomy:") + model::SkillKindName(taxonomy.skills()[m.skill].kind);
  }
  switch (m.phrase_kind) {
    case engine::PhraseKind::kCueObject:
      return "phrase:cue-object";
    case engine::PhraseKind::kSkillNoun:
      return "phrase:skill-noun";
    case engine::PhraseKind::kTrait:
      return "phrase:trait";
    case engine::PhraseKind::kAction:
      return "phrase:action";
    case engine::PhraseKind::kOccupation:
      return "phrase:occupation";
    case engine::PhraseKind::kListItem:
      return "phrase:list-item";
  }
  return "phrase";
}

// Predicted token ranges for one sentence: the engine's mentions on the space-joined text.
std::vector<TokenSpan> Predict(const engine::Taxonomy& taxonomy, const Sentence& s,
                               const engine::MentionOptions& options) {
  std::string text;
  std::vector<int> starts;
  for (const std::string& t : s.tokens) {
    if (!text.empty()) text += ' ';
    starts.push_back(static_cast<int>(text.size()));
    text += t;
  }
  const engine::Document doc = engine::MakeDocument(text);
  std::vector<TokenSpan> out;
  for (const engine::Mention& m : engine::FindMentions(taxonomy, doc, options)) {
    const model::Span span = doc.TokenSpan(m.first, m.last);
    int first = -1;
    int last = -1;
    for (int i = 0; i < static_cast<int>(s.tokens.size()); ++i) {
      const int b = starts[i];
      const int e = b + static_cast<int>(s.tokens[i].size());
      if (b < span.end && span.begin < e) {
        if (first < 0) first = i;
        last = i + 1;
      }
    }
    if (first < 0) continue;
    TokenSpan ts{first, last, MentionKindName(taxonomy, m)};
    const bool dup = std::any_of(out.begin(), out.end(), [&](const TokenSpan& o) {
      return o.first == ts.first && o.last == ts.last;
    });
    if (!dup) out.push_back(ts);
  }
  return out;
}

// One sentence with its gold and predicted spans, for error analysis (RC_EVAL_DUMP=1).
void DumpSentence(const Sentence& s, const std::vector<TokenSpan>& pred, std::ostream& out) {
  auto text = [&](const TokenSpan& t) {
    std::string r;
    for (int i = t.first; i < t.last; ++i) r += (i > t.first ? " " : "") + s.tokens[i];
    return r;
  };
  out << "S:";
  for (const auto& t : s.tokens) out << ' ' << t;
  out << "\n  gold:";
  for (const auto& g : s.gold) out << " [" << text(g) << "]" << g.category;
  out << "\n  pred:";
  for (const auto& p : pred) {
    const bool hit = std::any_of(s.gold.begin(), s.gold.end(), [&](const TokenSpan& g) {
      return g.first < p.last && p.first < g.last;
    });
    out << (hit ? " [" : " ![") << text(p) << "]";
  }
  out << "\n";
}

// The built-in taxonomy, or the files of the folder named by RC_TAXONOMY_DIR when it is set
// (so taxonomy changes can be measured without a rebuild).
Result<std::shared_ptr<const engine::Taxonomy>> EvalTaxonomy() {
  const char* dir = std::getenv("RC_TAXONOMY_DIR");
  if (dir == nullptr || *dir == '\0') return engine::LoadBuiltinTaxonomy();
  std::vector<engine::TaxonomyFile> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    files.push_back({entry.path().filename().string(), text.str()});
  }
  if (ec) return NotFoundError("cannot list taxonomy folder " + std::string(dir));
  return engine::LoadTaxonomy(files);
}

}  // namespace

int RunEval(std::string_view dataset, const std::string& path, std::ostream& out) {
  if (dataset == "vanetik") return RunVanetikEval(path, out);
  if (dataset != "skillspan" && dataset != "green") {
    out << "unknown dataset '" << dataset << "' (skillspan, green or vanetik)\n";
    return 2;
  }
  auto taxonomy = EvalTaxonomy();
  if (!taxonomy.ok()) {
    out << "taxonomy: " << taxonomy.status().message() << "\n";
    return 1;
  }
  std::vector<Sentence> sentences;
  std::string error;
  if (!ReadSentences(dataset, ResolvePath(dataset, path), &sentences, &error)) {
    out << error << "\n";
    return 1;
  }
  const char* dump_env = std::getenv("RC_EVAL_DUMP");
  const bool dump = dump_env != nullptr && *dump_env != '\0';
  // Label mapping: Green annotates job titles (Occupation); SkillSpan does not.
  engine::MentionOptions options;
  options.occupations = dataset == "green";
  Counts counts;
  std::map<std::string, std::pair<long, long>> by_category;  // category -> (found, total)
  std::map<std::string, Counts> by_source;
  std::map<std::string, std::pair<long, long>> by_pred_kind;  // kind -> (correct, predicted)
  for (const Sentence& s : sentences) {
    const std::vector<TokenSpan> pred = Predict(**taxonomy, s, options);
    if (dump) DumpSentence(s, pred, out);
    Accumulate(s.gold, pred, &counts);
    if (!s.source.empty()) Accumulate(s.gold, pred, &by_source[s.source]);
    for (const TokenSpan& p : pred) {
      Counts one;
      Accumulate(s.gold, {p}, &one);
      by_pred_kind[p.category].first += one.loose_correct;
      by_pred_kind[p.category].second += 1;
    }
    std::map<std::string, int> categories;
    for (const TokenSpan& g : s.gold) categories[g.category] = 1;
    for (const auto& [category, unused] : categories) {
      long total = 0;
      const long found = LooseFound(s.gold, pred, category, &total);
      by_category[category].first += found;
      by_category[category].second += total;
    }
  }
  out << "category            gold  loose_r\n";
  for (const auto& [category, fr] : by_category) {
    char row[96];
    std::snprintf(row, sizeof row, "%-18s %5ld  %s\n", category.c_str(), fr.second,
                  Fixed3(Ratio(fr.first, fr.second)).c_str());
    out << row;
  }
  out << "predicted kind         pred  loose_p\n";
  for (const auto& [kind, cp] : by_pred_kind) {
    char row[96];
    std::snprintf(row, sizeof row, "%-21s %5ld  %s\n", kind.c_str(), cp.second,
                  Fixed3(Ratio(cp.first, cp.second)).c_str());
    out << row;
  }
  for (const auto& [source, c] : by_source) {
    const double p = Ratio(c.loose_correct, c.pred);
    const double r = Ratio(c.loose_found, c.gold);
    char row[128];
    std::snprintf(row, sizeof row, "source %-11s %5ld  %s  loose_p=%s loose_f1=%s\n",
                  source.c_str(), c.gold, Fixed3(r).c_str(), Fixed3(p).c_str(),
                  Fixed3(F1(p, r)).c_str());
    out << row;
  }
  const double lp = Ratio(counts.loose_correct, counts.pred);
  const double lr = Ratio(counts.loose_found, counts.gold);
  const double sp = Ratio(counts.strict_correct, counts.pred);
  const double sr = Ratio(counts.strict_found, counts.gold);
  auto recall_of = [&](const std::string& category) {
    auto it = by_category.find(category);
    return it == by_category.end() ? 0.0 : Ratio(it->second.first, it->second.second);
  };
  out << "eval " << dataset << ": sentences=" << sentences.size() << " gold=" << counts.gold
      << " pred=" << counts.pred << " loose_p=" << Fixed3(lp) << " loose_r=" << Fixed3(lr)
      << " loose_f1=" << Fixed3(F1(lp, lr)) << " strict_p=" << Fixed3(sp)
      << " strict_r=" << Fixed3(sr) << " strict_f1=" << Fixed3(F1(sp, sr));
  if (dataset == "skillspan") {
    out << " knowledge_loose_r=" << Fixed3(recall_of("knowledge"))
        << " skill_loose_r=" << Fixed3(recall_of("skill"));
  } else {
    out << " skill_loose_r=" << Fixed3(recall_of("Skill"));
  }
  out << "\n";
  return 0;
}

}  // namespace rc::eval

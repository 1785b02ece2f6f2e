// RunEval: dataset readers, prediction with the engine, and the report table and summary line.
#include "eval/eval.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/extract/mention_finder.h"
#include "engine/parse/jd_layout.h"
#include "engine/parse/jd_parser.h"
#include "engine/taxonomy/taxonomy.h"
#include "eval/metrics.h"
#include "eval/vanetik_eval.h"

namespace rc::eval {
namespace {

struct Sentence {
  std::vector<std::string> tokens;
  long posting = -1;  // SkillSpan "idx": sentences of one job posting share it
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
      if (row.contains("idx") && row["idx"].is_number_integer()) s.posting = row["idx"];
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
// Predicted token ranges for the sentences [first, last) of one posting. The engine reads the
// posting as a job description, one sentence per line, as it reads a pasted JD: headings such as
// "Company description:" or "Job benefits:" open sections whose lines hold no requirements.
// Mentions are then mapped back to each sentence's tokens.
std::vector<std::vector<TokenSpan>> PredictPosting(const engine::Taxonomy& taxonomy,
                                                   const std::vector<Sentence>& sentences,
                                                   std::size_t first, std::size_t last,
                                                   const engine::MentionOptions& options) {
  std::string text;
  std::vector<std::vector<int>> starts(last - first);  // token starts in `text`
  std::vector<int> sentence_start(last - first);
  for (std::size_t i = first; i < last; ++i) {
    if (i > first) text += '\n';
    sentence_start[i - first] = static_cast<int>(text.size());
    for (std::size_t t = 0; t < sentences[i].tokens.size(); ++t) {
      if (t > 0) text += ' ';
      starts[i - first].push_back(static_cast<int>(text.size()));
      text += sentences[i].tokens[t];
    }
  }
  const engine::Document doc = engine::MakeJobDocument(text);
  // Section of each line, from the JD headings.
  std::vector<bool> skip(doc.tok.lines.size(), false);
  std::string section = "other";
  for (std::uint32_t l = 0; l < doc.tok.lines.size(); ++l) {
    const std::string heading = engine::JobHeadingKind(doc.LineText(l));
    if (heading == "field") {  // a label and its value line
      skip[l] = true;
      if (l + 1 < skip.size()) skip[++l] = true;
      continue;
    }
    if (!heading.empty()) section = heading;
    skip[l] = !heading.empty() || section == "about" || section == "benefits";
  }
  std::vector<std::vector<TokenSpan>> out(last - first);
  for (const engine::Mention& m : engine::FindMentions(taxonomy, doc, options)) {
    const bool occupation = m.skill < 0 && m.phrase_kind == engine::PhraseKind::kOccupation;
    if (!occupation && skip[doc.tok.tokens[m.first].line]) continue;
    const model::Span span = doc.TokenSpan(m.first, m.last);
    const std::size_t k = static_cast<std::size_t>(
        std::upper_bound(sentence_start.begin(), sentence_start.end(), span.begin) -
        sentence_start.begin() - 1);
    const Sentence& s = sentences[first + k];
    int tf = -1;
    int tl = -1;
    for (int i = 0; i < static_cast<int>(s.tokens.size()); ++i) {
      const int b = starts[k][i];
      const int e = b + static_cast<int>(s.tokens[i].size());
      if (b < span.end && span.begin < e) {
        if (tf < 0) tf = i;
        tl = i + 1;
      }
    }
    if (tf < 0) continue;
    TokenSpan ts{tf, tl, MentionKindName(taxonomy, m)};
    const bool dup = std::any_of(out[k].begin(), out[k].end(), [&](const TokenSpan& o) {
      return o.first == ts.first && o.last == ts.last;
    });
    if (!dup) out[k].push_back(ts);
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
  // Sentences of one posting (same SkillSpan idx, consecutive) are read together; Green
  // sentences stand alone.
  std::vector<std::vector<TokenSpan>> predictions(sentences.size());
  for (std::size_t i = 0; i < sentences.size();) {
    std::size_t j = i + 1;
    while (j < sentences.size() && sentences[i].posting >= 0 &&
           sentences[j].posting == sentences[i].posting) {
      ++j;
    }
    auto spans = PredictPosting(**taxonomy, sentences, i, j, options);
    for (std::size_t k = i; k < j; ++k) predictions[k] = std::move(spans[k - i]);
    i = j;
  }
  for (std::size_t index = 0; index < sentences.size(); ++index) {
    const Sentence& s = sentences[index];
    const std::vector<TokenSpan>& pred = predictions[index];
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

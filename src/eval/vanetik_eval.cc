// The Vanetik vacancy-ranking evaluation: CSV and JSONL readers, DOCX ingestion, scoring,
// rank correlations.
#include "eval/vanetik_eval.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>

#include "engine/analyzer.h"
#include "engine/taxonomy/taxonomy.h"
#include "ingest/ingest.h"

namespace rc::eval {
namespace {

std::string Fixed3(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

bool ReadWhole(const std::filesystem::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Position (0 = best) of each item 1-5 in a ranking.
std::array<int, 6> Positions(const Ranking& r) {
  std::array<int, 6> pos{};
  for (int i = 0; i < 5; ++i) pos[static_cast<size_t>(r[static_cast<size_t>(i)])] = i;
  return pos;
}

bool IsPermutation(const std::vector<int>& v) {
  if (v.size() != 5) return false;
  std::vector<int> s = v;
  std::sort(s.begin(), s.end());
  return s == std::vector<int>{1, 2, 3, 4, 5};
}

Ranking ToRanking(const std::vector<int>& v) {
  Ranking r{};
  std::copy(v.begin(), v.end(), r.begin());
  return r;
}

// Agreement of a set of (ours, theirs) pairs.
struct Agreement {
  int arrays = 0;
  double spearman = 0;
  double kendall = 0;
  double top1 = 0;
};

Agreement Compare(const std::vector<std::pair<Ranking, Ranking>>& pairs) {
  Agreement a;
  for (const auto& [x, y] : pairs) {
    a.spearman += Spearman(x, y);
    a.kendall += Kendall(x, y);
    a.top1 += x[0] == y[0] ? 1 : 0;
  }
  a.arrays = static_cast<int>(pairs.size());
  if (a.arrays > 0) {
    a.spearman /= a.arrays;
    a.kendall /= a.arrays;
    a.top1 /= a.arrays;
  }
  return a;
}

// 95% percentile bootstrap interval of the mean Spearman over arrays (2000 resamples, fixed
// seed, so the output is reproducible).
std::pair<double, double> BootstrapSpearman(const std::vector<std::pair<Ranking, Ranking>>& pairs) {
  if (pairs.empty()) return {0, 0};
  std::vector<double> values;
  for (const auto& [x, y] : pairs) values.push_back(Spearman(x, y));
  std::vector<double> means;
  uint64_t state = 0x9E3779B97F4A7C15ull;
  for (int b = 0; b < 2000; ++b) {
    double sum = 0;
    for (size_t i = 0; i < values.size(); ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      sum += values[(state >> 33) % values.size()];
    }
    means.push_back(sum / static_cast<double>(values.size()));
  }
  std::sort(means.begin(), means.end());
  return {means[50], means[1949]};
}

std::string FormatRanking(const Ranking& r) {
  std::string s = "[";
  for (size_t i = 0; i < r.size(); ++i) s += (i ? "," : "") + std::to_string(r[i]);
  return s + "]";
}

// The built-in taxonomy, or the files of the folder named by RC_TAXONOMY_DIR when it is set, as
// for the other datasets.
Result<std::shared_ptr<const engine::Taxonomy>> Taxonomy() {
  const char* dir = std::getenv("RC_TAXONOMY_DIR");
  if (dir == nullptr || *dir == '\0') return engine::LoadBuiltinTaxonomy();
  std::vector<engine::TaxonomyFile> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    std::string text;
    if (!ReadWhole(entry.path(), &text)) continue;
    files.push_back({entry.path().filename().string(), std::move(text)});
  }
  if (ec) return NotFoundError("cannot list taxonomy folder " + std::string(dir));
  return engine::LoadTaxonomy(files);
}

}  // namespace

bool ParseCsv(std::string_view text, std::vector<std::vector<std::string>>* rows) {
  rows->clear();
  std::vector<std::string> row;
  std::string field;
  bool in_quotes = false;
  bool any = false;  // the current record has content
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      in_quotes = true;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows->push_back(std::move(row));
      }
      field.clear();
      row.clear();
      any = false;
    } else {
      field.push_back(c);
      any = true;
    }
  }
  if (in_quotes) return false;
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows->push_back(std::move(row));
  }
  return true;
}

Ranking RankByScore(const std::array<int, 5>& scores) {
  Ranking r = {1, 2, 3, 4, 5};
  std::stable_sort(r.begin(), r.end(), [&scores](int a, int b) {
    return scores[static_cast<size_t>(a - 1)] > scores[static_cast<size_t>(b - 1)];
  });
  return r;
}

double Spearman(const Ranking& a, const Ranking& b) {
  const auto pa = Positions(a);
  const auto pb = Positions(b);
  double d2 = 0;
  for (int item = 1; item <= 5; ++item) {
    double d = pa[static_cast<size_t>(item)] - pb[static_cast<size_t>(item)];
    d2 += d * d;
  }
  return 1.0 - 6.0 * d2 / (5.0 * (25.0 - 1.0));
}

double Kendall(const Ranking& a, const Ranking& b) {
  const auto pa = Positions(a);
  const auto pb = Positions(b);
  int concordant = 0, discordant = 0;
  for (int i = 1; i <= 5; ++i) {
    for (int j = i + 1; j <= 5; ++j) {
      int x = pa[static_cast<size_t>(i)] - pa[static_cast<size_t>(j)];
      int y = pb[static_cast<size_t>(i)] - pb[static_cast<size_t>(j)];
      (x * y > 0 ? concordant : discordant) += 1;
    }
  }
  return static_cast<double>(concordant - discordant) / 10.0;
}

int RunVanetikEval(const std::string& path, std::ostream& out) {
  const std::filesystem::path dir(path);
  std::string csv_text;
  if (!ReadWhole(dir / "5_vacancies.csv", &csv_text)) {
    out << "cannot read " << (dir / "5_vacancies.csv").string() << "\n";
    return 1;
  }
  std::vector<std::vector<std::string>> rows;
  if (!ParseCsv(csv_text, &rows) || rows.size() < 2) {
    out << "cannot parse 5_vacancies.csv\n";
    return 1;
  }
  const auto& header = rows[0];
  auto column = [&header](std::string_view name) -> int {
    for (size_t i = 0; i < header.size(); ++i) {
      std::string h = header[i];
      if (!h.empty() && h.front() == '\xEF') h = h.substr(3);  // UTF-8 BOM
      if (h == name) return static_cast<int>(i);
    }
    return -1;
  };
  const int desc_col = column("job_description");
  const int title_col = column("job_title");
  if (desc_col < 0 || rows.size() != 6) {
    out << "5_vacancies.csv: expected a job_description column and 5 vacancies\n";
    return 1;
  }
  std::vector<std::string> vacancies;
  for (size_t r = 1; r < rows.size(); ++r) {
    std::string jd;
    if (title_col >= 0 && static_cast<size_t>(title_col) < rows[r].size()) {
      jd = rows[r][static_cast<size_t>(title_col)] + "\n\n";
    }
    if (static_cast<size_t>(desc_col) < rows[r].size())
      jd += rows[r][static_cast<size_t>(desc_col)];
    vacancies.push_back(std::move(jd));
  }

  // cv id -> annotator -> ranking (valid permutations only).
  std::map<int, std::map<int, Ranking>> human;
  int skipped = 0;
  {
    std::ifstream in(dir / "human_rankings.jsonl");
    if (!in) {
      out << "cannot read " << (dir / "human_rankings.jsonl").string() << "\n";
      return 1;
    }
    std::string line;
    while (std::getline(in, line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.contains("cv_id") || !j.contains("annotator") ||
          !j.contains("ranking_array_as_published")) {
        out << "human_rankings.jsonl: malformed line\n";
        return 1;
      }
      std::vector<int> array;
      for (const auto& v : j["ranking_array_as_published"]) {
        if (!v.is_number_integer()) break;
        array.push_back(v.get<int>());
      }
      bool flagged_ok = j.value("is_permutation_of_1_5", true);
      if (!flagged_ok || !IsPermutation(array)) {
        ++skipped;
        continue;
      }
      human[j["cv_id"].get<int>()][j["annotator"].get<int>()] = ToRanking(array);
    }
  }

  auto taxonomy = Taxonomy();
  if (!taxonomy.ok()) {
    out << "taxonomy: " << taxonomy.status().message() << "\n";
    return 1;
  }
  const engine::Analyzer analyzer(*taxonomy);
  ingest::Limits limits;

  std::vector<std::pair<Ranking, Ranking>> ours_vs_human;
  std::vector<std::pair<Ranking, Ranking>> baseline_vs_human;
  std::vector<std::pair<Ranking, Ranking>> annotator_pairs;
  out << "cv   scores(v1..v5)        ours         human\n";
  for (const auto& [cv, by_annotator] : human) {
    const auto file = dir / "CV" / (std::to_string(cv) + ".docx");
    std::string bytes;
    if (!ReadWhole(file, &bytes)) {
      out << "cannot read " << file.string() << "\n";
      return 1;
    }
    auto doc = ingest::Extract(bytes, "", file.filename().string(), limits);
    if (!doc.ok()) {
      out << file.string() << ": " << doc.status().message() << "\n";
      return 1;
    }
    std::array<int, 5> scores{};
    for (size_t v = 0; v < 5; ++v) {
      scores[v] = analyzer.Analyze(doc->text, vacancies[v]).report.score.total;
    }
    const Ranking ours = RankByScore(scores);
    char row[160];
    std::snprintf(row, sizeof row, "%-4d %3d %3d %3d %3d %3d  %s ", cv, scores[0], scores[1],
                  scores[2], scores[3], scores[4], FormatRanking(ours).c_str());
    out << row;
    for (const auto& [annotator, ranking] : by_annotator) {
      ours_vs_human.emplace_back(ours, ranking);
      baseline_vs_human.emplace_back(Ranking{1, 2, 3, 4, 5}, ranking);
      out << " a" << annotator << "=" << FormatRanking(ranking);
    }
    out << "\n";
    if (by_annotator.count(1) && by_annotator.count(2)) {
      annotator_pairs.emplace_back(by_annotator.at(1), by_annotator.at(2));
    }
  }

  const Agreement ours = Compare(ours_vs_human);
  const Agreement baseline = Compare(baseline_vs_human);
  const Agreement annotators = Compare(annotator_pairs);
  const auto [lo, hi] = BootstrapSpearman(ours_vs_human);
  out << "skipped arrays (not a permutation of 1-5): " << skipped << "\n";
  out << "inter-annotator (CVs ranked by both, " << annotators.arrays
      << " pairs): spearman=" << Fixed3(annotators.spearman)
      << " kendall=" << Fixed3(annotators.kendall) << " top1=" << Fixed3(annotators.top1) << "\n";
  out << "baseline (vacancy file order for every CV): spearman=" << Fixed3(baseline.spearman)
      << " kendall=" << Fixed3(baseline.kendall) << " top1=" << Fixed3(baseline.top1) << "\n";
  out << "engine spearman_mean 95% bootstrap interval: [" << Fixed3(lo) << ", " << Fixed3(hi)
      << "]\n";
  out << "eval vanetik: cvs=" << human.size() << " arrays=" << ours.arrays
      << " spearman_mean=" << Fixed3(ours.spearman) << " kendall_mean=" << Fixed3(ours.kendall)
      << " top1_agreement=" << Fixed3(ours.top1) << "\n";
  return 0;
}

}  // namespace rc::eval

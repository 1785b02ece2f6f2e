// Vanetik & Kogan (2023) vacancy-ranking evaluation: rank 5 vacancies per resume by match score
// and compare with the human rankings.
#pragma once

#include <array>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace rc::eval {

// Runs `resume-coach eval vanetik PATH` as specified in the evaluation README. `path` is the
// dataset folder (5_vacancies.csv, human_rankings.jsonl, CV/<n>.docx). Every resume with at
// least one valid human array (arrays flagged is_permutation_of_1_5=false are skipped) is read
// with rc::ingest::Extract and scored against the 5 vacancies with the engine (built-in
// taxonomy, or the folder named by the RC_TAXONOMY_DIR environment variable); the
// vacancies are ranked by score.total, ties broken by vacancy order (1 before 2). Prints the
// inter-annotator agreement and a constant-order baseline for context, then ONE summary line:
//   eval vanetik: cvs=N arrays=N spearman_mean=0.000 kendall_mean=0.000 top1_agreement=0.000
// Returns 0 on success and 1 when a file is missing or cannot be parsed (the error goes to `out`).
int RunVanetikEval(const std::string& path, std::ostream& out);

// Building blocks, exposed for tests.

// Parses RFC 4180 CSV: fields separated by commas, optionally quoted; quoted fields may hold
// commas, newlines and doubled quotes. CRLF and LF both end records. Returns false when a
// quoted field is not closed.
bool ParseCsv(std::string_view text, std::vector<std::vector<std::string>>* rows);

// A ranking of 5 items: item numbers 1-5 from best to worst.
using Ranking = std::array<int, 5>;

// Item numbers ordered by descending score; equal scores keep item order.
Ranking RankByScore(const std::array<int, 5>& scores);

// Spearman's rho and Kendall's tau between two permutations of 1-5.
double Spearman(const Ranking& a, const Ranking& b);
double Kendall(const Ranking& a, const Ranking& b);

}  // namespace rc::eval

// Evaluation of the engine's extraction on published annotated job-ad datasets.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace rc::eval {

// Runs `resume-coach eval DATASET PATH` as specified in the evaluation README: reads the dataset
// at `path` (a file, or a folder holding it), extracts mentions from every sentence with the
// built-in taxonomy (or the folder named by the RC_TAXONOMY_DIR environment variable), prints a
// per-category table and ends with ONE summary line, e.g.
//   eval skillspan: sentences=N gold=N pred=N loose_p=0.000 ... skill_loose_r=0.000
// `dataset` is "skillspan" or "green". Returns 0 on success, 2 for an unknown dataset, 1 when the
// file cannot be read or parsed (the error goes to `out`).
int RunEval(std::string_view dataset, const std::string& path, std::ostream& out);

}  // namespace rc::eval

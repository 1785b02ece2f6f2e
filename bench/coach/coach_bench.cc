// Benchmarks of the built-in coach: one answer per intent on the backend fixture session.
#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "engine/analyzer.h"
#include "engine/coach/coach.h"
#include "engine/taxonomy/taxonomy.h"

namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(RC_SOURCE_DIR) + "/src/engine/coach/testdata/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

constexpr const char* kQuestions[] = {
    "What am I missing?",
    "Am I qualified for this job?",
    "How can I improve my experience section?",
    "Rewrite this bullet: Responsible for managing the weekly payroll reports",
    "Draft a cover letter",
    "What interview questions should I expect?",
    "Where does my resume show PostgreSQL?",
    "What should I learn first?",
    "Anything about hospital staffing data?",
};

void BM_CoachAnswer(benchmark::State& state) {
  auto taxonomy = rc::engine::LoadBuiltinTaxonomy();
  if (!taxonomy.ok()) {
    state.SkipWithError(taxonomy.status().ToString().c_str());
    return;
  }
  const std::string resume = ReadFixture("backend_resume.txt");
  const std::string job = ReadFixture("backend_job.txt");
  const rc::engine::Analysis analysis = rc::engine::Analyzer(taxonomy.value()).Analyze(resume, job);
  const std::vector<rc::model::ChatTurn> history;
  const rc::engine::Coach coach(taxonomy.value());
  const char* question = kQuestions[state.range(0)];
  state.SetLabel(question);
  for (auto _ : state) {
    rc::engine::CoachAnswer answer =
        coach.Answer({resume, job, &analysis.report, &history, question});
    benchmark::DoNotOptimize(answer);
  }
}
BENCHMARK(BM_CoachAnswer)->DenseRange(0, std::size(kQuestions) - 1)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

// Command-line options of llm_relay_bench.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace rc::bench {

// What one run of the benchmark does; defaults are the issue 6 set-up.
struct Options {
  std::string server = RC_SERVER_BIN;
  std::string fake = std::string(RC_SOURCE_DIR) + "/tests/fake_llm/fake_llm.py";
  bool cpp_upstream = false;  // bench/llm/paced_upstream instead of the Python fake
  int streams = 500;
  int tokens = 300;
  std::vector<double> rates = {100};
  int ttft_runs = 50;
  int ramp_ms = 0;
  int session_threads = 4;
  int max_pending = 1024;
  std::vector<std::string> server_args;  // more `serve` flags, e.g. --io-threads 1
  std::string perf_out;       // perf record of the server during the first concurrent run
  std::string perf_stat_out;  // perf stat (syscalls, context switches) of the same
  bool verbose = false;
};

// The --help text.
extern const char kUsage[];

// Options from argv (after the program name). InvalidArgument names a bad or unknown option.
Result<Options> ParseOptions(int argc, char** argv);

}  // namespace rc::bench

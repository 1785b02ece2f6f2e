// llm_relay_bench's options.
#include "bench/llm/relay_options.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace rc::bench {

const char kUsage[] = R"(usage: llm_relay_bench [options]
  --smoke            a short run (5 streams of 20 tokens, 5 first-token runs) for CI
  --server PATH      the resume-coach binary (default: the one built with this benchmark)
  --fake PATH        tests/fake_llm/fake_llm.py
  --upstream KIND    python (default: the fake above) or cpp (the paced upstream built into this
                     benchmark, for rates the Python fake cannot reach on this machine)
  --streams N        concurrent /chat streams, one session each (default 500)
  --tokens N         tokens per stream (default 300)
  --rate R[,R...]    tokens per second per stream; one concurrent run per rate (default 100)
  --ttft-runs N      sequential first-token runs (default 50, after 3 warm-up runs)
  --ramp-ms N        spread the concurrent connects over N ms (default 0: all at once)
  --max-pending N    the server's --max-pending (default 1024; the server's own default, 256,
                     refuses part of a burst of more simultaneous requests with 503)
  --server-arg ARG   one more argument for `resume-coach serve` (repeatable), e.g.
                     --server-arg --io-threads --server-arg 1
  --perf FILE        record the server (`perf record --call-graph dwarf`) during the first
                     concurrent run
  --perf-stat FILE   count the server's context switches and socket/wake-up system calls
                     (`perf stat`) during the first concurrent run
  --verbose          per-thread CPU of the server
)";

Result<Options> ParseOptions(int argc, char** argv) {
  Options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const auto value = [&]() -> Result<std::string> {
      if (i + 1 >= args.size()) return InvalidArgumentError(a + " needs a value");
      return args[++i];
    };
    const auto positive = [&]() -> Result<int> {
      RC_ASSIGN_OR_RETURN(std::string v, value());
      const int n = std::atoi(v.c_str());
      if (n <= 0) return InvalidArgumentError(a + " must be a positive number");
      return n;
    };
    if (a == "--smoke") {
      o.streams = 5;
      o.tokens = 20;
      o.ttft_runs = 5;
      o.session_threads = 2;
    } else if (a == "--server") {
      RC_ASSIGN_OR_RETURN(o.server, value());
    } else if (a == "--fake") {
      RC_ASSIGN_OR_RETURN(o.fake, value());
    } else if (a == "--upstream") {
      RC_ASSIGN_OR_RETURN(std::string kind, value());
      if (kind != "python" && kind != "cpp")
        return InvalidArgumentError("--upstream is python or cpp");
      o.cpp_upstream = kind == "cpp";
    } else if (a == "--streams") {
      RC_ASSIGN_OR_RETURN(o.streams, positive());
    } else if (a == "--tokens") {
      RC_ASSIGN_OR_RETURN(o.tokens, positive());
    } else if (a == "--ttft-runs") {
      RC_ASSIGN_OR_RETURN(o.ttft_runs, positive());
    } else if (a == "--ramp-ms") {
      RC_ASSIGN_OR_RETURN(std::string v, value());
      o.ramp_ms = std::max(0, std::atoi(v.c_str()));
    } else if (a == "--rate") {
      RC_ASSIGN_OR_RETURN(std::string v, value());
      o.rates.clear();
      std::istringstream in(v);
      std::string part;
      while (std::getline(in, part, ',')) {
        const double r = std::atof(part.c_str());
        if (r <= 0) return InvalidArgumentError("--rate must be positive numbers");
        o.rates.push_back(r);
      }
    } else if (a == "--max-pending") {
      RC_ASSIGN_OR_RETURN(o.max_pending, positive());
    } else if (a == "--server-arg") {
      RC_ASSIGN_OR_RETURN(std::string arg, value());
      o.server_args.push_back(arg);
    } else if (a == "--perf") {
      RC_ASSIGN_OR_RETURN(o.perf_out, value());
    } else if (a == "--perf-stat") {
      RC_ASSIGN_OR_RETURN(o.perf_stat_out, value());
    } else if (a == "--verbose") {
      o.verbose = true;
    } else {
      return InvalidArgumentError("unknown option " + a);
    }
  }
  return o;
}

}  // namespace rc::bench

// What llm_relay_bench measured, and how it prints it: tables, then a verdict against issue 6's
// targets.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "bench/llm/relay_options.h"

namespace rc::bench {

// The sequential time-to-first-token pairs: through the server, and straight to the upstream.
struct TtftResult {
  std::vector<double> relay_ms;
  std::vector<double> direct_ms;
  std::vector<double> added_ms;  // per pair: relay - direct
  std::size_t relay_body_bytes = 0;
  int failures = 0;
  std::string first_error;
};

// One concurrent run.
struct FleetResult {
  double rate = 0;
  double wall_s = 0;
  int complete = 0;
  int llm_mode = 0;
  long tokens = 0;  // upstream tokens relayed, counted in the final answers
  std::vector<double> ttft_ms;
  std::vector<double> end_s;
  double server_cpu_s = 0;
  double server_run_delay_s = 0;  // its threads runnable but waiting for a CPU
  double fake_cpu_s = 0;
  double client_cpu_s = 0;
  int threads_idle = 0;
  int threads_max = 0;
  long rss_idle_kib = 0;
  long rss_max_kib = 0;
  std::map<pid_t, double> thread_cpu;  // server threads' CPU during the run
  std::map<std::string, int> errors;   // error text -> count
};

// The value at quantile `p` (0..1) of `values`, nearest rank; 0 when empty.
double Percentile(std::vector<double> values, double p);

// `v` with `digits` decimals.
std::string Fixed(double v, int digits);

// The tables of one measurement, on stdout.
void PrintTtft(const TtftResult& t);
void PrintFleet(const Options& o, const FleetResult& f);

// Issue 6's targets against this run. The CPU target is about the requested rate: when the
// upstream delivered less, the server's CPU per token is scaled up to it, and says so.
void PrintTargets(const Options& o, const TtftResult& t, const std::vector<FleetResult>& fleets);

}  // namespace rc::bench

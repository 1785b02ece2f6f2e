// llm_relay_bench's output.
#include "bench/llm/relay_report.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace rc::bench {

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

std::string Fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

void PrintTtft(const TtftResult& t) {
  std::printf(
      "\nTime to first token, %zu sequential runs (chat question, %zu-byte upstream body)\n",
      t.relay_ms.size(), t.relay_body_bytes);
  std::printf("  %-44s %10s %10s %10s\n", "", "median ms", "p95 ms", "max ms");
  const auto row = [](const char* name, const std::vector<double>& v) {
    std::printf("  %-44s %10.2f %10.2f %10.2f\n", name, Percentile(v, 0.5), Percentile(v, 0.95),
                v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()));
  };
  row("through the server (POST /chat -> token event)", t.relay_ms);
  row("upstream directly (same body)", t.direct_ms);
  row("added by the server (per pair)", t.added_ms);
  if (t.failures > 0)
    std::printf("  FAILED runs: %d (first: %s)\n", t.failures, t.first_error.c_str());
}

void PrintFleet(const Options& o, const FleetResult& f) {
  const double ideal_s = o.tokens / f.rate;
  const double cores = f.wall_s > 0 ? f.server_cpu_s / f.wall_s : 0;
  std::printf("\n%d concurrent streams x %d tokens at %s tokens/s (ideal %.2f s each)\n", o.streams,
              o.tokens, Fixed(f.rate, 0).c_str(), ideal_s);
  std::printf("  complete with done event          %d / %d (mode llm: %d)\n", f.complete, o.streams,
              f.llm_mode);
  std::printf("  wall time                         %.2f s\n", f.wall_s);
  std::printf("  tokens relayed                    %ld (%.0f tokens/s; target %.0f)\n", f.tokens,
              f.wall_s > 0 ? static_cast<double>(f.tokens) / f.wall_s : 0, o.streams * f.rate);
  std::printf("  stream duration p50 / max         %.2f / %.2f s\n", Percentile(f.end_s, 0.5),
              f.end_s.empty() ? 0.0 : *std::max_element(f.end_s.begin(), f.end_s.end()));
  std::printf("  first token p50 / p95 / max       %.1f / %.1f / %.1f ms\n",
              Percentile(f.ttft_ms, 0.5), Percentile(f.ttft_ms, 0.95),
              f.ttft_ms.empty() ? 0.0 : *std::max_element(f.ttft_ms.begin(), f.ttft_ms.end()));
  std::printf("  server CPU                        %.2f s = %.3f core (%.1f us per token)\n",
              f.server_cpu_s, cores,
              f.tokens > 0 ? f.server_cpu_s * 1e6 / static_cast<double>(f.tokens) : 0);
  std::printf("  server waiting for a CPU          %.2f s (summed over its threads)\n",
              f.server_run_delay_s);
  std::printf("  server threads idle / max         %d / %d\n", f.threads_idle, f.threads_max);
  std::printf("  server RSS idle / max             %.1f / %.1f MiB\n",
              static_cast<double>(f.rss_idle_kib) / 1024,
              static_cast<double>(f.rss_max_kib) / 1024);
  std::printf("  upstream CPU (%s)%s %.2f s = %.3f core\n", o.cpp_upstream ? "C++" : "python",
              o.cpp_upstream ? "              " : "           ", f.fake_cpu_s,
              f.wall_s > 0 ? f.fake_cpu_s / f.wall_s : 0);
  std::printf("  this client CPU                   %.2f s = %.3f core\n", f.client_cpu_s,
              f.wall_s > 0 ? f.client_cpu_s / f.wall_s : 0);
  for (const auto& [why, count] : f.errors) std::printf("  FAILED x%d: %s\n", count, why.c_str());
  if (o.verbose) {
    std::vector<std::pair<double, pid_t>> by_cpu;
    for (const auto& [tid, cpu] : f.thread_cpu) by_cpu.emplace_back(cpu, tid);
    std::sort(by_cpu.rbegin(), by_cpu.rend());
    std::printf("  server threads by CPU during the run:");
    for (const auto& [cpu, tid] : by_cpu) std::printf(" %d=%.2fs", tid, cpu);
    std::printf("\n");
  }
}

void PrintTargets(const Options& o, const TtftResult& t, const std::vector<FleetResult>& fleets) {
  const auto verdict = [](bool met) { return met ? "met" : "NOT met"; };
  std::printf("\nTargets (issue 6)\n");
  if (!t.added_ms.empty()) {
    const double added = Percentile(t.added_ms, 0.5);
    std::printf("  time to first token added by the server <= 50 ms: %s (median %.2f ms)\n",
                verdict(added <= 50), added);
  }
  for (const FleetResult& f : fleets) {
    const double target = o.streams * f.rate;
    const double delivered = f.wall_s > 0 ? static_cast<double>(f.tokens) / f.wall_s : 0;
    const double per_token = f.tokens > 0 ? f.server_cpu_s / static_cast<double>(f.tokens) : 0;
    const bool full_rate = delivered >= 0.95 * target;
    const double cores = full_rate ? f.server_cpu_s / f.wall_s : per_token * target;
    std::printf(
        "  %d streams at %s tokens/s: no thread per stream: %s (%d threads idle, %d max); "
        "< 1 core: %s (%.2f core%s)\n",
        o.streams, Fixed(f.rate, 0).c_str(), verdict(f.threads_max <= f.threads_idle),
        f.threads_idle, f.threads_max, verdict(cores < 1), cores,
        full_rate ? ""
                  : ", extrapolated from the CPU per token: the full rate was not "
                    "delivered");
  }
}

}  // namespace rc::bench

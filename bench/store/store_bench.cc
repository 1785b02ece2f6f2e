// Store benchmarks: CreateSession, GetSession and AppendChat throughput and p99 latency per
// backend, with 1 and 8 client threads. SQLite runs with synchronous=NORMAL (what ships) and
// FULL (for comparison). PostgreSQL runs when RC_BENCH_POSTGRES_URL is set (for example the
// URL printed by scripts/pg-start), in a schema of its own that is dropped at exit. Each benchmark
// reports items_per_second over wall time and p99_us, the mean over threads of each thread's
// 99th-percentile call latency.
#include <benchmark/benchmark.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/clock.h"
#include "storage/memory_store.h"
#include "storage/postgres/pg_conn.h"
#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace rc::storage {
namespace {

using Clock_ = std::chrono::steady_clock;

SystemClock g_clock;
std::string g_tmp_dir;
std::atomic<std::int64_t> g_next_id{0};

std::string NewId() { return "bench-" + std::to_string(g_next_id++); }

// A session shaped like a real one: a few KB of resume, JD, report and analysis.
model::Session SampleSession(std::string id) {
  model::Session s;
  s.id = std::move(id);
  s.resume = std::string(5000, 'r');
  s.job_description = std::string(2000, 'j');
  s.report_json = std::string(3000, 'p');
  s.analysis_markdown = std::string(3000, 'm');
  return s;
}

std::vector<model::ChatTurn> SamplePair() {
  model::ChatTurn q{"user", std::string(200, 'q'), "", true, 0};
  model::ChatTurn a{"assistant", std::string(1500, 'a'), "builtin", true, 0};
  return {q, a};
}

struct Backend {
  std::string name;
  std::function<std::unique_ptr<Store>()> open;
};

// One store per backend, opened on first use and shared by every benchmark and thread.
std::mutex g_stores_mu;
std::vector<std::pair<std::string, std::unique_ptr<Store>>> g_stores;

Store& Shared(const Backend& backend) {
  std::lock_guard lock(g_stores_mu);
  for (auto& [name, store] : g_stores) {
    if (name == backend.name) return *store;
  }
  g_stores.emplace_back(backend.name, backend.open());
  return *g_stores.back().second;
}

// Records each call's latency and publishes items/s and p99 when the thread finishes.
class Latencies {
 public:
  template <typename F>
  void Time(F&& f) {
    const auto start = Clock_::now();
    f();
    samples_.push_back(std::chrono::duration<double, std::micro>(Clock_::now() - start).count());
  }
  void Publish(benchmark::State& state) {
    state.SetItemsProcessed(state.iterations());
    if (samples_.empty()) return;
    const std::size_t k = (samples_.size() * 99) / 100;
    std::nth_element(samples_.begin(), samples_.begin() + static_cast<std::ptrdiff_t>(k),
                     samples_.end());
    state.counters["p99_us"] = benchmark::Counter(samples_[std::min(k, samples_.size() - 1)],
                                                  benchmark::Counter::kAvgThreads);
  }

 private:
  std::vector<double> samples_;
};

void Create(benchmark::State& state, const Backend* backend) {
  Store& store = Shared(*backend);
  Latencies latencies;
  for (auto _ : state) {
    model::Session s = SampleSession(NewId());
    latencies.Time([&] {
      if (!store.CreateSession(s).ok()) state.SkipWithError("create failed");
    });
  }
  latencies.Publish(state);
}

void Load(benchmark::State& state, const Backend* backend) {
  Store& store = Shared(*backend);
  // Each thread loads its own small set of sessions with 6 chat turns each.
  std::vector<std::string> ids;
  for (int i = 0; i < 16; ++i) {
    ids.push_back(NewId());
    model::Session s = SampleSession(ids.back());
    for (int k = 0; k < 3; ++k) {
      for (auto& t : SamplePair()) s.chat.push_back(t);
    }
    if (!store.CreateSession(s).ok()) state.SkipWithError("setup failed");
  }
  Latencies latencies;
  std::size_t i = 0;
  for (auto _ : state) {
    const std::string& id = ids[i++ % ids.size()];
    latencies.Time([&] {
      auto s = store.GetSession(id);
      if (!s.ok()) state.SkipWithError("load failed");
      benchmark::DoNotOptimize(s);
    });
  }
  latencies.Publish(state);
}

void Append(benchmark::State& state, const Backend* backend) {
  Store& store = Shared(*backend);
  const std::string id = NewId();
  if (!store.CreateSession(SampleSession(id)).ok()) state.SkipWithError("setup failed");
  const auto pair = SamplePair();
  Latencies latencies;
  for (auto _ : state) {
    latencies.Time([&] {
      if (!store.AppendChat(id, pair).ok()) state.SkipWithError("append failed");
    });
  }
  latencies.Publish(state);
}

void AppendSameSession(benchmark::State& state, const Backend* backend) {
  Store& store = Shared(*backend);
  // One session per backend, shared by all threads of this benchmark.
  static std::mutex mu;
  static std::vector<std::pair<const Backend*, std::string>> ids;
  std::string shared_id;
  {
    std::lock_guard lock(mu);
    for (const auto& [b, id] : ids) {
      if (b == backend) shared_id = id;
    }
    if (shared_id.empty()) {
      shared_id = NewId();
      if (!store.CreateSession(SampleSession(shared_id)).ok()) state.SkipWithError("setup failed");
      ids.emplace_back(backend, shared_id);
    }
  }
  const auto pair = SamplePair();
  Latencies latencies;
  for (auto _ : state) {
    latencies.Time([&] {
      if (!store.AppendChat(shared_id, pair).ok()) state.SkipWithError("append failed");
    });
  }
  latencies.Publish(state);
}

std::unique_ptr<Store> OpenSqlite(const std::string& file, bool full) {
  SqliteOptions options;
  options.synchronous_full = full;
  options.pool_size = 8;
  auto store = SqliteStore::Open(g_tmp_dir + "/" + file, g_clock, kDefaultSessionTtlMs, options);
  if (!store.ok()) {
    fprintf(stderr, "cannot open sqlite: %s\n", store.status().ToString().c_str());
    abort();
  }
  return std::move(store).value();
}

std::string PostgresUrl() {
  const char* url = std::getenv("RC_BENCH_POSTGRES_URL");
  return url != nullptr ? url : "";
}

std::string PostgresSchema() { return "bench_" + std::to_string(getpid()); }

std::unique_ptr<Store> OpenPostgres() {
  PostgresOptions options;
  options.pool_size = 8;
  options.schema = PostgresSchema();
  auto store = PostgresStore::Open(PostgresUrl(), options);
  if (!store.ok()) {
    fprintf(stderr, "cannot open postgres: %s\n", store.status().ToString().c_str());
    abort();
  }
  return std::move(store).value();
}

void DropPostgresSchema() {
  auto conn = pg::PgConnection::Open(PostgresUrl(), "public", 5, "resume-coach-bench");
  if (conn.ok()) (void)(*conn)->Exec("DROP SCHEMA IF EXISTS " + PostgresSchema() + " CASCADE");
}

std::vector<Backend>& Backends() {
  static std::vector<Backend> backends = [] {
    std::vector<Backend> out;
    out.push_back({"memory", [] { return std::make_unique<MemoryStore>(g_clock); }});
    out.push_back({"sqlite_normal", [] { return OpenSqlite("normal.db", false); }});
    out.push_back({"sqlite_full", [] { return OpenSqlite("full.db", true); }});
    if (!PostgresUrl().empty()) out.push_back({"postgres", OpenPostgres});
    return out;
  }();
  return backends;
}

void RegisterAll() {
  for (const Backend& backend : Backends()) {
    const struct {
      const char* name;
      void (*fn)(benchmark::State&, const Backend*);
    } cases[] = {{"Create", Create},
                 {"Load", Load},
                 {"Append", Append},
                 {"AppendSameSession", AppendSameSession}};
    for (const auto& c : cases) {
      benchmark::RegisterBenchmark((std::string(c.name) + "/" + backend.name).c_str(), c.fn,
                                   &backend)
          ->Threads(1)
          ->Threads(8)
          ->UseRealTime();
    }
  }
}

}  // namespace
}  // namespace rc::storage

int main(int argc, char** argv) {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/rc-store-bench-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) return 1;
  rc::storage::g_tmp_dir = pattern;
  benchmark::Initialize(&argc, argv);
  rc::storage::RegisterAll();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  rc::storage::g_stores.clear();  // close every database before removing its files
  if (!rc::storage::PostgresUrl().empty()) rc::storage::DropPostgresSchema();
  std::error_code ec;
  std::filesystem::remove_all(pattern, ec);
  return 0;
}

// Engine benchmarks (figures in docs/performance.md, "Engine" section).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "engine/analyzer.h"
#include "engine/taxonomy/taxonomy.h"

namespace {

// About 850 words (6 KB): a two-page resume with six roles of eight bullets each.
std::string TwoPageResume() {
  std::string r =
      "Jordan Avery\nPortland, OR | jordan.avery@example.com | (503) 555-0175 | "
      "linkedin.com/in/javery | github.com/javery\n\nSUMMARY\nBackend and data engineer with "
      "twelve years of experience building payment, logistics and analytics systems in Python, "
      "Go and Java. Comfortable leading small teams, owning services end to end and working "
      "with product, finance and operations partners.\n\nEXPERIENCE\n";
  const char* roles[][3] = {
      {"Staff Software Engineer", "Ledgerly", "Mar 2021 - Present"},
      {"Senior Software Engineer", "Brightpath Analytics", "Jun 2018 - Feb 2021"},
      {"Software Engineer", "Cascade Freight", "Aug 2015 - May 2018"},
      {"Data Engineer", "Willamette Health", "Jan 2013 - Jul 2015"},
      {"Junior Developer", "Summit Web", "Jul 2011 - Dec 2012"},
      {"IT Support Technician", "Columbia College", "Sep 2009 - Jun 2011"},
  };
  const char* bullets[] = {
      "Designed Python and Django REST APIs handling 3M requests per day with 99.95% uptime",
      "Migrated 25 services from MySQL to PostgreSQL, cutting p95 query latency by 45%",
      "Led a team of 5 engineers through the move to Kubernetes on AWS using Terraform",
      "Built Go microservices for event ingestion on Kafka, processing 40k events per second",
      "Automated CI/CD pipelines in GitLab, reducing release time from 2 days to 3 hours",
      "Wrote Airflow DAGs and Spark jobs that load 2 TB of data into Snowflake every night",
      "Mentored 6 junior engineers and ran weekly code reviews and design sessions",
      "Partnered with finance to reconcile payouts, removing $120k of annual manual work",
      "Introduced structured logging and Grafana dashboards, halving incident triage time",
      "Responsible for the on-call rotation and for writing post-incident reviews for the team",
      "Profiled slow endpoints with pprof and py-spy and fixed N+1 queries in the ORM layer",
  };
  int b = 0;
  for (const auto& role : roles) {
    r += std::string(role[0]) + " | " + role[1] + " | " + role[2] + "\n";
    for (int i = 0; i < 8; ++i) r += std::string("- ") + bullets[(b++) % 11] + "\n";
    r += "\n";
  }
  r += "PROJECTS\nOpen-source contributor to a Python data validation library (2k stars)\n"
       "- Added JSON Schema support and improved test coverage to 92%\n\n"
       "EDUCATION\nB.S. in Computer Science, Oregon State University, 2011\n\n"
       "CERTIFICATIONS\nAWS Certified Solutions Architect - Associate\n\n"
       "SKILLS\nPython, Go, Java, SQL, Django, Flask, PostgreSQL, MySQL, Redis, Kafka, Spark, "
       "Airflow, Snowflake, Docker, Kubernetes, Terraform, AWS, GCP, Git, Linux, CI/CD\n";
  return r;
}

// About 350 words: a one-page job description.
std::string OnePageJob() {
  return "Senior Backend Engineer (Payments)\n\nAbout us\nWe are a fintech company helping small "
         "businesses get paid faster. Our team of 60 engineers ships to production dozens of "
         "times a day.\n\nWhat you'll do\n- Design and build reliable payment APIs in Python\n"
         "- Own services from design to production monitoring\n- Work with product managers "
         "and finance partners to plan features\n- Mentor other engineers and review code\n"
         "- Improve our CI/CD pipelines and observability\n\nRequirements\n- 6+ years of "
         "professional software development experience\n- Strong experience with Python and "
         "Django\n- Experience with PostgreSQL and Redis\n- Experience running services on "
         "Kubernetes and AWS\n- Experience with event streaming using Kafka\n- Excellent "
         "communication skills and a collaborative approach\n- Bachelor's degree in Computer "
         "Science or a related field\n\nNice to have\n- Experience with Terraform\n- "
         "Knowledge of PCI DSS and payment card networks\n- Experience with Go\n\nBenefits\n"
         "- Competitive salary and equity\n- Remote-friendly, with an office in Portland\n"
         "- 401k matching and health insurance\n";
}

std::shared_ptr<const rc::engine::Taxonomy> Taxonomy() {
  static const auto taxonomy = [] {
    auto t = rc::engine::LoadBuiltinTaxonomy();
    return t.ok() ? *t : nullptr;
  }();
  return taxonomy;
}

void BM_AnalyzeTwoPageResumeOnePageJob(benchmark::State& state) {
  const auto taxonomy = Taxonomy();
  if (taxonomy == nullptr) {
    state.SkipWithError("built-in taxonomy does not load");
    return;
  }
  const rc::engine::Analyzer analyzer(taxonomy);
  const std::string resume = TwoPageResume();
  const std::string job = OnePageJob();
  for (auto _ : state) {
    rc::engine::Analysis a = analyzer.Analyze(resume, job);
    benchmark::DoNotOptimize(a);
  }
  state.counters["resume_bytes"] = static_cast<double>(resume.size());
  state.counters["job_bytes"] = static_cast<double>(job.size());
}
BENCHMARK(BM_AnalyzeTwoPageResumeOnePageJob)->Unit(benchmark::kMicrosecond);

void BM_LoadBuiltinTaxonomy(benchmark::State& state) {
  std::size_t skills = 0;
  for (auto _ : state) {
    auto t = rc::engine::LoadBuiltinTaxonomy();
    if (!t.ok()) {
      state.SkipWithError("built-in taxonomy does not load");
      return;
    }
    skills = (*t)->skill_count();
    benchmark::DoNotOptimize(t);
  }
  state.counters["skills"] = static_cast<double>(skills);
}
BENCHMARK(BM_LoadBuiltinTaxonomy)->Unit(benchmark::kMillisecond);

// Resident set size in bytes, from /proc/self/statm.
double ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

// Resident memory of one loaded taxonomy: RSS after minus before, the taxonomy kept alive.
void BM_TaxonomyResidentMemory(benchmark::State& state) {
  double delta = 0;
  std::size_t forms = 0;
  for (auto _ : state) {
    const double before = ResidentBytes();
    auto t = rc::engine::LoadBuiltinTaxonomy();
    if (!t.ok()) {
      state.SkipWithError("built-in taxonomy does not load");
      return;
    }
    delta = ResidentBytes() - before;
    forms = (*t)->surface_form_count();
    benchmark::DoNotOptimize(t);
  }
  state.counters["rss_delta_mb"] = delta / (1024.0 * 1024.0);
  state.counters["surface_forms"] = static_cast<double>(forms);
}
BENCHMARK(BM_TaxonomyResidentMemory)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

// Tests for serve configuration parsing.
#include "app/config.h"

#include <gtest/gtest.h>

#include <map>

namespace rc::app {
namespace {

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ParseServeConfig, Defaults) {
  Result<ServeConfig> c = ParseServeConfig({}, FakeEnv({}));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->host, "127.0.0.1");
  EXPECT_EQ(c->port, 8080);
  EXPECT_EQ(c->data_dir, "./data-dir");
  EXPECT_EQ(c->database, "");
  EXPECT_EQ(c->web_root, "web/dist");
  EXPECT_EQ(c->max_body_bytes, 1u << 20);
  EXPECT_EQ(c->max_resume_chars, 100000u);
  EXPECT_EQ(c->max_question_chars, 4000u);
  EXPECT_EQ(c->session_ttl, std::chrono::hours(24));
  EXPECT_TRUE(c->cors_origins.empty());
  EXPECT_TRUE(c->test_clock_file.empty());
}

TEST(ParseServeConfig, EnvironmentThenFlags) {
  auto env = FakeEnv({{"RESUME_COACH_HOST", "0.0.0.0"},
                      {"RESUME_COACH_PORT", "9000"},
                      {"RESUME_COACH_DATA_DIR", "/var/lib/rc"},
                      {"RESUME_COACH_DATABASE_URL", "/tmp/x.db"},
                      {"RESUME_COACH_TEST_CLOCK_FILE", "/tmp/clock"}});
  Result<ServeConfig> c = ParseServeConfig({}, env);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->host, "0.0.0.0");
  EXPECT_EQ(c->port, 9000);
  EXPECT_EQ(c->data_dir, "/var/lib/rc");
  EXPECT_EQ(c->database, "/tmp/x.db");
  EXPECT_EQ(c->test_clock_file, "/tmp/clock");

  c = ParseServeConfig({"--port", "0", "--host=::1", "--data-dir", "d"}, env);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->port, 0);
  EXPECT_EQ(c->host, "::1");
  EXPECT_EQ(c->data_dir, "d");
}

TEST(ParseServeConfig, XdgDataHome) {
  Result<ServeConfig> c =
      ParseServeConfig({}, FakeEnv({{"XDG_DATA_HOME", "/home/u/.local/share"}}));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->data_dir, "/home/u/.local/share/resume-coach");
}

TEST(ParseServeConfig, LimitsAndDurations) {
  Result<ServeConfig> c = ParseServeConfig(
      {"--max-body", "64KiB", "--max-question-chars", "10", "--read-timeout", "500ms",
       "--session-ttl", "2h", "--sweep-interval", "30", "--max-header", "8k"},
      FakeEnv({}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->max_body_bytes, 65536u);
  EXPECT_EQ(c->max_header_bytes, 8192u);
  EXPECT_EQ(c->max_question_chars, 10u);
  EXPECT_EQ(c->read_timeout, std::chrono::milliseconds(500));
  EXPECT_EQ(c->session_ttl, std::chrono::hours(2));
  EXPECT_EQ(c->sweep_interval, std::chrono::seconds(30));
}

TEST(ParseServeConfig, LlmLimitsFromEnvironmentAndFlags) {
  Result<ServeConfig> d = ParseServeConfig({}, FakeEnv({}));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->llm_session_per_minute, 5);
  EXPECT_EQ(d->llm_ip_per_minute, 10);
  EXPECT_EQ(d->llm_daily_tokens, 0);
  EXPECT_EQ(d->client_ip_header, "");
  Result<ServeConfig> c =
      ParseServeConfig({"--llm-session-per-minute", "3", "--llm-daily-tokens", "200000"},
                       FakeEnv({{"RESUME_COACH_LLM_IP_PER_MINUTE", "30"},
                                {"RESUME_COACH_LLM_SESSION_PER_MINUTE", "9"},
                                {"RESUME_COACH_CLIENT_IP_HEADER", "X-Forwarded-For"}}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->llm_session_per_minute, 3);  // the flag wins over the environment
  EXPECT_EQ(c->llm_ip_per_minute, 30);
  EXPECT_EQ(c->llm_daily_tokens, 200000);
  EXPECT_EQ(c->client_ip_header, "X-Forwarded-For");
  EXPECT_FALSE(ParseServeConfig({"--llm-session-per-minute", "0"}, FakeEnv({})).ok());
  EXPECT_FALSE(ParseServeConfig({"--llm-daily-tokens", "-1"}, FakeEnv({})).ok());
}

TEST(ParseServeConfig, CorsOrigins) {
  Result<ServeConfig> c =
      ParseServeConfig({"--cors-origin", "http://localhost:5173",
                        "--cors-origin=https://a.example, https://b.example"},
                       FakeEnv({{"RESUME_COACH_CORS_ORIGIN", "https://env.example"}}));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->cors_origins, (std::vector<std::string>{"http://localhost:5173", "https://a.example",
                                                       "https://b.example"}));
  for (std::string bad : {"*", "null", "example.com", "https://x.example/"}) {
    EXPECT_FALSE(ParseServeConfig({"--cors-origin", bad}, FakeEnv({})).ok()) << bad;
  }
}

TEST(ParseServeConfig, RejectsBadInput) {
  const std::vector<std::vector<std::string>> bad = {
      {"--port", "70000"},  {"--port", "-1"},   {"--port"},
      {"--nope", "1"},      {"stray"},          {"--read-timeout", "0"},
      {"--max-body", "1G"}, {"--workers", "0"}, {"--session-ttl", "5 days"}};
  for (const auto& args : bad) {
    Result<ServeConfig> c = ParseServeConfig(args, FakeEnv({}));
    EXPECT_FALSE(c.ok()) << args[0];
    if (!c.ok()) {
      EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
    }
  }
  EXPECT_FALSE(ParseServeConfig({}, FakeEnv({{"RESUME_COACH_PORT", "http"}})).ok());
}

TEST(ParseDuration, Units) {
  EXPECT_EQ(ParseDuration("15s").value_or({}), std::chrono::seconds(15));
  EXPECT_EQ(ParseDuration("15").value_or({}), std::chrono::seconds(15));
  EXPECT_EQ(ParseDuration("250ms").value_or({}), std::chrono::milliseconds(250));
  EXPECT_EQ(ParseDuration("10m").value_or({}), std::chrono::minutes(10));
  EXPECT_EQ(ParseDuration("24h").value_or({}), std::chrono::hours(24));
  EXPECT_FALSE(ParseDuration("h").ok());
  EXPECT_FALSE(ParseDuration("1d").ok());
  EXPECT_FALSE(ParseDuration("99999999999999999999h").ok());
}

TEST(ParseSize, Units) {
  EXPECT_EQ(ParseSize("100").value_or(0), 100u);
  EXPECT_EQ(ParseSize("2KiB").value_or(0), 2048u);
  EXPECT_EQ(ParseSize("1MiB").value_or(0), 1048576u);
  EXPECT_EQ(ParseSize("1M").value_or(0), 1048576u);
  EXPECT_FALSE(ParseSize("1GB").ok());
  EXPECT_FALSE(ParseSize("MiB").ok());
}

TEST(ParseServeConfig, DocumentLimits) {
  Result<ServeConfig> d = ParseServeConfig({}, FakeEnv({}));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->max_document_bytes, 10u << 20);
  EXPECT_EQ(d->max_document_pages, 20);
  EXPECT_EQ(d->max_pdf_workers, 4);
  EXPECT_EQ(d->pdf_worker, "");

  Result<ServeConfig> c = ParseServeConfig(
      {"--max-document", "2MiB", "--max-document-pages=5", "--max-pdf-workers", "2"},
      FakeEnv({{"RESUME_COACH_PDF_WORKER", "/opt/rc/worker"}}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->max_document_bytes, 2u << 20);
  EXPECT_EQ(c->max_document_pages, 5);
  EXPECT_EQ(c->max_pdf_workers, 2);
  EXPECT_EQ(c->pdf_worker, "/opt/rc/worker");

  EXPECT_FALSE(ParseServeConfig({"--max-document", "0"}, FakeEnv({})).ok());
  EXPECT_FALSE(ParseServeConfig({"--max-document-pages", "0"}, FakeEnv({})).ok());
  EXPECT_FALSE(ParseServeConfig({"--max-pdf-workers", "x"}, FakeEnv({})).ok());
}

TEST(ParseServeConfig, ReportCacheBudget) {
  Result<ServeConfig> d = ParseServeConfig({}, FakeEnv({}));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->report_cache_mb, 64);
  Result<ServeConfig> off = ParseServeConfig({"--report-cache-mb", "0"}, FakeEnv({}));
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(off->report_cache_mb, 0);
  EXPECT_EQ(ParseServeConfig({"--report-cache-mb=256"}, FakeEnv({}))->report_cache_mb, 256);
  EXPECT_FALSE(ParseServeConfig({"--report-cache-mb", "-1"}, FakeEnv({})).ok());
  EXPECT_FALSE(ParseServeConfig({"--report-cache-mb", "lots"}, FakeEnv({})).ok());
}

}  // namespace
}  // namespace rc::app

// Tests that chat answers from a cached report are the ones the stored report gives, with the real
// engine and coach behind the seams.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "codec/report_json.h"
#include "engine/taxonomy/taxonomy.h"
#include "service/analysis_service.h"
#include "service/builtin_analyst.h"
#include "service/builtin_responder.h"
#include "service/chat_service.h"
#include "service/report_cache.h"
#include "storage/memory_store.h"

namespace rc::service {
namespace {

std::string ReadExample(const std::string& name) {
  std::ifstream in(std::string(RC_SOURCE_DIR) + "/data/examples/" + name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class ReportCacheBuiltinTest
    : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(ReportCacheBuiltinTest, CachedReportsAnswerLikeDecodedOnes) {
  Result<std::shared_ptr<const engine::Taxonomy>> taxonomy = engine::LoadBuiltinTaxonomy();
  ASSERT_TRUE(taxonomy.ok()) << taxonomy.status().ToString();
  const BuiltinAnalyst analyst(*taxonomy);
  const BuiltinResponder responder(*taxonomy);
  FakeClock clock;
  storage::MemoryStore store(clock);
  ReportCache cache;
  AnalysisService cached_analysis(store, analyst, Limits{}, nullptr, &cache);
  ChatService cached_chat(store, analyst, responder, clock, Limits{}, nullptr, &cache);
  AnalysisService analysis(store, analyst, Limits{});
  ChatService chat(store, analyst, responder, clock, Limits{});

  const std::string resume = ReadExample(GetParam().first);
  const std::string job = ReadExample(GetParam().second);
  ASSERT_FALSE(resume.empty() || job.empty());
  Result<AnalyzeResult> cached = cached_analysis.Analyze(resume, job);
  Result<AnalyzeResult> plain = analysis.Analyze(resume, job);
  ASSERT_TRUE(cached.ok() && plain.ok());
  ASSERT_EQ(cached->report_json, plain->report_json);

  // What the analysis put is what the stored report_json decodes to, byte for byte.
  std::shared_ptr<const model::Report> report = cache.Find(cached->session_id, cached->report_json);
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(codec::ReportToJson(*report), cached->report_json);

  for (const char* question :
       {"Am I qualified for this job?", "What am I missing?", "How can I improve my resume?",
        "Which of my skills match?", "How many years of experience do they want?"}) {
    SCOPED_TRACE(question);
    Result<AskResult> from_cache = cached_chat.Ask(cached->session_id, question);
    Result<AskResult> decoded = chat.Ask(plain->session_id, question);
    ASSERT_TRUE(from_cache.ok() && decoded.ok());
    EXPECT_EQ(from_cache->answer, decoded->answer);
  }
  const ReportCacheStats stats = cache.stats();
  EXPECT_EQ(stats.hits, 6u);  // the Find above and every question
  EXPECT_EQ(stats.misses, 0u);
  // The budget's estimate stays within a small factor of the stored JSON.
  EXPECT_GT(stats.bytes, cached->report_json.size() / 2);
  EXPECT_LT(stats.bytes, cached->report_json.size() * 4);
}

INSTANTIATE_TEST_SUITE_P(
    Examples, ReportCacheBuiltinTest,
    ::testing::Values(std::pair{"software-engineer-resume.md", "backend-engineer-job.md"},
                      std::pair{"registered-nurse-resume.md", "icu-nurse-job.md"},
                      std::pair{"marketing-manager-resume.md", "marketing-manager-job.md"},
                      std::pair{"software-engineer-resume.md", "icu-nurse-job.md"}));

}  // namespace
}  // namespace rc::service

// Tests for AnalysisService over MemoryStore.
#include "service/analysis_service.h"

#include <gtest/gtest.h>

#include <string>

#include "service/fakes_for_test.h"
#include "service/session_id.h"
#include "storage/memory_store.h"

namespace rc::service {
namespace {

class AnalysisServiceTest : public ::testing::Test {
 protected:
  FakeClock clock_;
  storage::MemoryStore store_{clock_};
  FakeAnalyst analyst_;
  Limits limits_{.max_resume_chars = 50, .max_job_description_chars = 40};
  AnalysisService service_{store_, analyst_, limits_};
};

TEST_F(AnalysisServiceTest, StoresTheInputsReportAndMarkdown) {
  Result<AnalyzeResult> r = service_.Analyze("my resume", "the job");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(LooksLikeSessionId(r->session_id));
  EXPECT_EQ(r->markdown, "## Qualification Assessment\nresume 9 bytes, job 7 bytes");
  Result<model::Session> s = store_.GetSession(r->session_id);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->resume, "my resume");
  EXPECT_EQ(s->job_description, "the job");
  EXPECT_EQ(s->analysis_markdown, r->markdown);
  EXPECT_EQ(s->report_json, r->report_json);
  EXPECT_TRUE(s->chat.empty());
  EXPECT_EQ(s->created_at_ms, clock_.NowMillis());
}

TEST_F(AnalysisServiceTest, EachAnalysisGetsItsOwnSession) {
  Result<AnalyzeResult> a = service_.Analyze("r", "j");
  Result<AnalyzeResult> b = service_.Analyze("r", "j");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->session_id, b->session_id);
}

TEST_F(AnalysisServiceTest, RejectsBadInputsBeforeRunningTheEngine) {
  struct Case {
    std::string resume, jd;
    StatusCode code;
    std::string message;
  };
  const Case cases[] = {
      {"", "job", StatusCode::kInvalidArgument, "resume is empty"},
      {"  \n", "job", StatusCode::kInvalidArgument, "resume is empty"},
      {"resume", "", StatusCode::kInvalidArgument, "job_description is empty"},
      {"bad \xFF", "job", StatusCode::kInvalidArgument, "resume is not valid UTF-8 (byte 4)"},
      {std::string(51, 'r'), "job", StatusCode::kPayloadTooLarge,
       "resume is longer than 50 characters"},
      {"resume", std::string(41, 'j'), StatusCode::kPayloadTooLarge,
       "job_description is longer than 40 characters"},
  };
  for (const Case& c : cases) {
    Result<AnalyzeResult> r = service_.Analyze(c.resume, c.jd);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), c.code);
    EXPECT_EQ(r.status().message(), c.message);
  }
  EXPECT_EQ(analyst_.calls.load(), 0);
}

TEST_F(AnalysisServiceTest, EngineFailureStoresNothing) {
  analyst_.fail = true;
  Result<AnalyzeResult> r = service_.Analyze("resume", "job");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  EXPECT_EQ(store_.DeleteExpired().value_or(-1), 0);
}

}  // namespace
}  // namespace rc::service

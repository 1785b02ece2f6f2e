// Tests for SessionService over MemoryStore.
#include "service/session_service.h"

#include <gtest/gtest.h>

#include "service/analysis_service.h"
#include "service/fakes_for_test.h"
#include "storage/memory_store.h"

namespace rc::service {
namespace {

class SessionServiceTest : public ::testing::Test {
 protected:
  FakeClock clock_;
  storage::MemoryStore store_{clock_};
  FakeAnalyst analyst_;
  AnalysisService analysis_{store_, analyst_, Limits{}};
  SessionService sessions_{store_, storage::kDefaultSessionTtlMs};
};

TEST_F(SessionServiceTest, GetReturnsTheStoredSession) {
  Result<AnalyzeResult> a = analysis_.Analyze("resume", "job");
  ASSERT_TRUE(a.ok());
  Result<model::Session> s = sessions_.Get(a->session_id);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->id, a->session_id);
  EXPECT_EQ(s->resume, "resume");
  EXPECT_EQ(sessions_.ExpiresAt(s->updated_at_ms),
            clock_.NowMillis() + storage::kDefaultSessionTtlMs);
}

TEST_F(SessionServiceTest, TtlBoundaryIsExact) {
  Result<AnalyzeResult> a = analysis_.Analyze("resume", "job");
  ASSERT_TRUE(a.ok());
  clock_.Advance(storage::kDefaultSessionTtlMs - 1);
  EXPECT_TRUE(sessions_.Get(a->session_id).ok());
  clock_.Advance(1);
  EXPECT_EQ(sessions_.Get(a->session_id).status(), NotFoundError("session not found"));
}

TEST_F(SessionServiceTest, DeleteRemovesTheSession) {
  Result<AnalyzeResult> a = analysis_.Analyze("resume", "job");
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(sessions_.Delete(a->session_id).ok());
  EXPECT_EQ(sessions_.Get(a->session_id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(sessions_.Delete(a->session_id).code(), StatusCode::kNotFound);
}

TEST_F(SessionServiceTest, MalformedIdsAreNotFound) {
  EXPECT_EQ(sessions_.Get("x").status(), NotFoundError("session not found"));
  EXPECT_EQ(sessions_.Delete("../../etc").code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace rc::service

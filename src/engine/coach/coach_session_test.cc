// The coach on real sessions: fixture texts run through the Analyzer with the built-in taxonomy.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/analyzer.h"
#include "engine/coach/coach.h"
#include "engine/coach/markdown_assertions.h"
#include "engine/taxonomy/taxonomy.h"

namespace rc::engine {
namespace {

using testing::ExpectInert;
using testing::Has;

std::string ReadTestData(const std::string& name) {
  std::ifstream in(std::string(RC_SOURCE_DIR) + "/src/engine/coach/testdata/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CoachSessionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = LoadBuiltinTaxonomy();
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    taxonomy_ = new std::shared_ptr<const Taxonomy>(loaded.value());
  }
  static void TearDownTestSuite() {
    delete taxonomy_;
    taxonomy_ = nullptr;
  }

  void SetUp() override { ASSERT_NE(taxonomy_, nullptr); }

  // Analyses the fixture pair `name` ("backend", "nurse") into this test's session.
  void Load(const std::string& name) {
    resume_ = ReadTestData(name + "_resume.txt");
    job_ = ReadTestData(name + "_job.txt");
    analysis_ = Analyzer(*taxonomy_).Analyze(resume_, job_);
  }

  CoachAnswer Ask(std::string_view question) const {
    return Coach(*taxonomy_).Answer({resume_, job_, &analysis_.report, &history_, question});
  }

  static std::shared_ptr<const Taxonomy>* taxonomy_;
  std::string resume_;
  std::string job_;
  Analysis analysis_;
  std::vector<model::ChatTurn> history_;
};

std::shared_ptr<const Taxonomy>* CoachSessionTest::taxonomy_ = nullptr;

TEST_F(CoachSessionTest, MissingSkillsNameTheJobsGaps) {
  Load("backend");
  CoachAnswer a = Ask("What am I missing?");
  EXPECT_EQ(a.intent, "missing_skills");
  EXPECT_TRUE(Has(a.markdown, "**Kubernetes**")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "AWS") || Has(a.markdown, "Amazon Web Services")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "Terraform")) << a.markdown;
  EXPECT_FALSE(Has(a.markdown, "**Python**")) << a.markdown;
  EXPECT_LT(a.markdown.find("Kubernetes"), a.markdown.find("Terraform"));
}

TEST_F(CoachSessionTest, QualificationQuotesTheReportsScore) {
  Load("backend");
  CoachAnswer a = Ask("Am I qualified for this job?");
  EXPECT_EQ(a.intent, "qualification");
  EXPECT_TRUE(Has(a.markdown, std::to_string(analysis_.report.score.total) + "/100")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "| Hard skills |")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "9.5 years")) << a.markdown;
}

TEST_F(CoachSessionTest, FindInResumeQuotesTheRoleAndSkillsLines) {
  Load("backend");
  CoachAnswer a = Ask("Where does my resume show PostgreSQL?");
  EXPECT_EQ(a.intent, "find_in_resume");
  EXPECT_TRUE(Has(a.markdown, "PostgreSQL migration of the billing database")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "Larkspur Payments")) << a.markdown;
  CoachAnswer absent = Ask("Do I have Kubernetes experience?");
  EXPECT_TRUE(Has(absent.markdown, "does not mention **Kubernetes**")) << absent.markdown;
}

TEST_F(CoachSessionTest, DraftsUseTheResumesOwnFacts) {
  Load("backend");
  CoachAnswer letter = Ask("Draft a cover letter for this job");
  EXPECT_EQ(letter.intent, "cover_letter");
  EXPECT_TRUE(Has(letter.markdown, "Larkspur Payments")) << letter.markdown;
  EXPECT_TRUE(Has(letter.markdown, "Meridian Health Analytics")) << letter.markdown;
  EXPECT_TRUE(Has(letter.markdown, "Dana Whitfield")) << letter.markdown;
  EXPECT_TRUE(Has(letter.markdown, "38%")) << letter.markdown;
  CoachAnswer summary = Ask("write a summary for my resume");
  EXPECT_EQ(summary.intent, "draft_summary");
  EXPECT_TRUE(Has(summary.markdown, "> Senior Software Engineer with 9+ years"))
      << summary.markdown;
  EXPECT_TRUE(Has(summary.markdown, "Python")) << summary.markdown;
}

TEST_F(CoachSessionTest, RewritesTheWeakBulletsOfTheResume) {
  Load("backend");
  CoachAnswer a = Ask("Rewrite my weakest bullets");
  EXPECT_EQ(a.intent, "rewrite_bullet");
  EXPECT_TRUE(Has(a.markdown, "Managed the PostgreSQL migration of the billing database"))
      << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "Wrote SQL reports for the operations team")) << a.markdown;
}

TEST_F(CoachSessionTest, InterviewAndLearningFollowTheGaps) {
  Load("backend");
  CoachAnswer interview = Ask("What will they ask me in the interview?");
  EXPECT_EQ(interview.intent, "interview_questions");
  EXPECT_TRUE(Has(interview.markdown, "This role uses Kubernetes.")) << interview.markdown;
  CoachAnswer learn = Ask("What should I learn first?");
  EXPECT_EQ(learn.intent, "learn_first");
  EXPECT_TRUE(Has(learn.markdown, "1. **Kubernetes** (required, missing)") ||
              Has(learn.markdown, "(required, missing)"))
      << learn.markdown;
  EXPECT_LT(learn.markdown.find("Kubernetes"), learn.markdown.find("Terraform"));
}

TEST_F(CoachSessionTest, FollowUpDetailsTheFirstListedGap) {
  Load("backend");
  CoachAnswer missing = Ask("What am I missing?");
  std::size_t start = missing.markdown.find("1. **");
  ASSERT_NE(start, std::string::npos) << missing.markdown;
  start += 5;
  std::string first = missing.markdown.substr(start, missing.markdown.find("**", start) - start);
  history_ = {{"user", "What am I missing?", "", true, 1},
              {"assistant", missing.markdown, "builtin", true, 2}};
  CoachAnswer follow = Ask("tell me more about the first one");
  EXPECT_EQ(follow.intent, "follow_up");
  EXPECT_TRUE(Has(follow.markdown, "## " + first + " (required)")) << follow.markdown;
}

TEST_F(CoachSessionTest, NurseSessionCertificationsAndPlaceholders) {
  Load("nurse");
  CoachAnswer missing = Ask("which requirements am I missing?");
  EXPECT_TRUE(Has(missing.markdown, "ACLS")) << missing.markdown;
  CoachAnswer letter = Ask("cover letter please");
  EXPECT_TRUE(Has(letter.markdown, "[Company]")) << letter.markdown;
  EXPECT_TRUE(Has(letter.markdown, "Mercy Lakeside Hospital")) << letter.markdown;
  CoachAnswer epic = Ask("Where does my resume show Epic?");
  EXPECT_TRUE(Has(epic.markdown, "Charted in Epic and coordinated discharges")) << epic.markdown;
  CoachAnswer french = Ask("Can you translate my resume into Spanish?");
  EXPECT_EQ(french.intent, "needs_llm");
}

TEST_F(CoachSessionTest, ResumeWithoutDatesClaimsNoYears) {
  Load("marketing");
  CoachAnswer summary = Ask("Draft a summary");
  EXPECT_TRUE(Has(summary.markdown, "> Marketing Coordinator, most recently at Greenleaf Grocers"))
      << summary.markdown;
  EXPECT_FALSE(Has(summary.markdown, "years of experience")) << summary.markdown;
  EXPECT_TRUE(Has(summary.markdown, "48,000 subscribers")) << summary.markdown;
  CoachAnswer years = Ask("How many years of experience do they want?");
  EXPECT_TRUE(Has(years.markdown, "4+ years")) << years.markdown;
  EXPECT_TRUE(Has(years.markdown, "no dates the analysis could read")) << years.markdown;
  CoachAnswer letter = Ask("write me a cover letter");
  EXPECT_TRUE(Has(letter.markdown, "position at Brightline Foods")) << letter.markdown;
  EXPECT_TRUE(Has(letter.markdown,
                  "Most recently I worked as a Marketing Coordinator at "
                  "Greenleaf Grocers."))
      << letter.markdown;
  EXPECT_FALSE(Has(letter.markdown, "[Company]")) << letter.markdown;
  CoachAnswer missing = Ask("what am I missing?");
  EXPECT_TRUE(Has(missing.markdown, "HubSpot")) << missing.markdown;
}

TEST_F(CoachSessionTest, HostileResumeTextStaysInert) {
  resume_ = ReadTestData("backend_resume.txt") +
            "\nPROJECTS\n- Built ![pixel](http://evil.example/p.png) dashboards with "
            "<script>alert(1)</script> and [a link](javascript:alert(1))\n";
  job_ = ReadTestData("backend_job.txt");
  analysis_ = Analyzer(*taxonomy_).Analyze(resume_, job_);
  for (const char* q : {"Where does my resume show dashboards?", "dashboards?",
                        "How can I improve my projects section?", "rewrite my bullets"}) {
    CoachAnswer a = Ask(q);
    ExpectInert(a.markdown);
  }
}

TEST_F(CoachSessionTest, SameSessionSameBytes) {
  Load("backend");
  Analysis again = Analyzer(*taxonomy_).Analyze(resume_, job_);
  for (const char* q :
       {"What am I missing?", "Am I qualified?", "Draft a cover letter", "Draft a summary",
        "interview questions", "improve my experience", "where does my resume show Docker",
        "what should I learn first", "anything about hospitals?"}) {
    CoachAnswer a = Ask(q);
    CoachAnswer b = Coach(*taxonomy_).Answer({resume_, job_, &again.report, &history_, q});
    EXPECT_EQ(a.markdown, b.markdown) << q;
    EXPECT_EQ(a.intent, b.intent) << q;
  }
}

}  // namespace
}  // namespace rc::engine

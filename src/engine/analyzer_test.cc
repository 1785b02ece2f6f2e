// Tests for the Analyzer facade: matching, scoring, checks, Markdown and determinism.
#include "engine/analyzer.h"

#include <gtest/gtest.h>

#include "engine/match/matcher.h"
#include "engine/report/markdown.h"
#include "engine/test_taxonomy.h"
#include "engine/version.h"

namespace rc::engine {
namespace {

constexpr char kResume[] =
    "Jane Doe\n"
    "jane@example.com | 206-555-0142\n"
    "\n"
    "EXPERIENCE\n"
    "Senior Backend Engineer | Acme Corp | Jan 2022 - Present\n"
    "- Built REST APIs in Python and Django serving 2M requests per day\n"
    "- Migrated 40 services from MySQL to Postgres, cutting costs by 30%\n"
    "Backend Engineer | Globex | Jan 2019 - Dec 2021\n"
    "- Developed Python data pipelines\n"
    "- Responsible for on-call duties\n"
    "\n"
    "EDUCATION\n"
    "B.S. in Computer Science, State University, 2018\n"
    "\n"
    "SKILLS\n"
    "Python, Docker, Kubernetes, SQL\n";

constexpr char kJob[] =
    "Senior Backend Engineer\n"
    "Requirements:\n"
    "- 6+ years of experience with Python\n"
    "- Experience with Kubernetes and Terraform\n"
    "- Strong communication skills\n"
    "- Bachelor's degree in Computer Science\n"
    "Nice to have:\n"
    "- Experience with MySQL\n"
    "- Go\n";

const model::RequirementMatch* MatchFor(const Analysis& a, std::string_view name) {
  for (std::size_t i = 0; i < a.report.job.requirements.size(); ++i) {
    if (a.report.job.requirements[i].name == name) return &a.report.matches[i];
  }
  return nullptr;
}

class AnalyzerTest : public ::testing::Test {
 protected:
  Analyzer analyzer_{testing::TestTaxonomy()};
};

TEST_F(AnalyzerTest, VersionsAndOneMatchPerRequirement) {
  const Analysis a = analyzer_.Analyze(kResume, kJob);
  EXPECT_EQ(a.report.engine_version, kEngineVersion);
  EXPECT_EQ(a.report.taxonomy_version, "test.1");
  ASSERT_EQ(a.report.matches.size(), a.report.job.requirements.size());
  for (std::size_t i = 0; i < a.report.matches.size(); ++i) {
    EXPECT_EQ(a.report.matches[i].requirement_id, a.report.job.requirements[i].id);
  }
}

TEST_F(AnalyzerTest, RoleTitleShowsTheSkillTheJobTitleNames) {
  const char* job =
      "Bookkeeping Supervisor\n"
      "Requirements:\n"
      "- Experience with QuickBooks\n";
  const Analysis a = analyzer_.Analyze(
      "Sam Lee\n"
      "\n"
      "EXPERIENCE\n"
      "Senior Bookkeeper | Acme Corp | Jan 2020 - Present\n"
      "- Closed the books for 12 clients in QuickBooks\n",
      job);
  const model::RequirementMatch* m = MatchFor(a, "Bookkeeping");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->status, model::MatchStatus::kMet);
  EXPECT_NE(m->explanation.find("Senior Bookkeeper"), std::string::npos) << m->explanation;
  // A bare word is another thing: an "Accounts Clerk" role is no evidence of "Accounting".
  EXPECT_FALSE(TitleWordsAgree("accountant", "account"));
  EXPECT_TRUE(TitleWordsAgree("accountant", "accounting"));
  EXPECT_TRUE(TitleWordsAgree("developer", "development"));
  // A role title that does not name it leaves the skill missing.
  const Analysis other = analyzer_.Analyze(
      "Sam Lee\n"
      "\n"
      "EXPERIENCE\n"
      "Office Manager | Acme Corp | Jan 2020 - Present\n"
      "- Closed the books for 12 clients in QuickBooks\n",
      job);
  EXPECT_EQ(MatchFor(other, "Bookkeeping")->status, model::MatchStatus::kMissing);
}

TEST_F(AnalyzerTest, YearsOfUseFromDatedRoles) {
  const Analysis a = analyzer_.Analyze(kResume, kJob);
  const auto* python = MatchFor(a, "Python");
  ASSERT_NE(python, nullptr);
  // Jan 2019 - Dec 2021 plus Jan 2022 - Nov 2026: about 8 years, more than the 6 asked for.
  EXPECT_EQ(python->status, model::MatchStatus::kMet);
  ASSERT_TRUE(python->years_found.has_value());
  EXPECT_EQ(*python->years_found, 8.0);
  EXPECT_NE(python->explanation.find("Acme Corp and Globex"), std::string::npos)
      << python->explanation;
  ASSERT_FALSE(python->evidence.empty());
  EXPECT_EQ(python->evidence[0].section, "experience");
}

TEST_F(AnalyzerTest, SkillsListOnlyIsPartial) {
  const Analysis a = analyzer_.Analyze(kResume, kJob);
  const auto* k8s = MatchFor(a, "Kubernetes");
  ASSERT_NE(k8s, nullptr);
  EXPECT_EQ(k8s->status, model::MatchStatus::kPartial);
  EXPECT_DOUBLE_EQ(k8s->credit, 0.5);
  ASSERT_EQ(k8s->evidence.size(), 1u);
  EXPECT_EQ(k8s->evidence[0].section, "skills");
}

TEST_F(AnalyzerTest, RelatedSkillGivesNamedPartialCredit) {
  // Terraform lists Kubernetes as related; the resume lists Kubernetes (Skills only).
  const Analysis a = analyzer_.Analyze(kResume, kJob);
  const auto* tf = MatchFor(a, "Terraform");
  ASSERT_NE(tf, nullptr);
  // Kubernetes is itself required, so it does not stand in for Terraform.
  EXPECT_EQ(tf->status, model::MatchStatus::kMissing);
  const auto* mysql = MatchFor(a, "MySQL");
  ASSERT_NE(mysql, nullptr);
  EXPECT_EQ(mysql->status, model::MatchStatus::kMet);  // in a role bullet
  const Analysis b = analyzer_.Analyze("EXPERIENCE\nDBA, Initech, 2015 - 2020\n- Ran PostgreSQL\n",
                                       "Requirements:\n- MySQL\n");
  ASSERT_EQ(b.report.matches.size(), 1u);
  EXPECT_EQ(b.report.matches[0].status, model::MatchStatus::kPartial);
  EXPECT_EQ(b.report.matches[0].related_skill, "PostgreSQL");
  EXPECT_DOUBLE_EQ(b.report.matches[0].credit, 0.5);
}

TEST_F(AnalyzerTest, EducationAndSkillLists) {
  const Analysis a = analyzer_.Analyze(kResume, kJob);
  const auto* degree = MatchFor(a, "Bachelor's degree in Computer Science");
  ASSERT_NE(degree, nullptr);
  EXPECT_EQ(degree->status, model::MatchStatus::kMet);
  bool terraform_missing = false;
  for (const auto& m : a.report.missing_skills) terraform_missing |= m.skill_id == "terraform";
  EXPECT_TRUE(terraform_missing);
  bool docker_extra = false;
  for (const auto& m : a.report.extra_skills) docker_extra |= m.skill_id == "docker";
  EXPECT_TRUE(docker_extra);
}

TEST_F(AnalyzerTest, ScoreFactorsAreConsistent) {
  const Analysis a = analyzer_.Analyze(kResume, kJob);
  ASSERT_EQ(a.report.score.factors.size(), 5u);
  double weights = 0, points = 0;
  for (const auto& f : a.report.score.factors) {
    weights += f.weight;
    points += f.points;
    EXPECT_GE(f.score, 0.0);
    EXPECT_LE(f.score, 1.0);
  }
  EXPECT_NEAR(weights, 1.0, 1e-9);
  EXPECT_NEAR(points, a.report.score.total, 0.6);
  EXPECT_EQ(a.report.score.factors[0].id, "hard_skills");
}

TEST_F(AnalyzerTest, KeywordStuffingScoresLowerThanEvidence) {
  const std::string job =
      "Data Engineer\nRequirements:\n- Python\n- SQL\n- Docker\n- Kubernetes\n- Terraform\n";
  const std::string stuffed =
      "Sam Lee\nsam@example.com | 555-010-0199\nSKILLS\nPython, SQL, Docker, Kubernetes, "
      "Terraform\nEXPERIENCE\nClerk, Shop, 2018 - 2022\n- Served customers\n";
  const std::string evidenced =
      "Sam Lee\nsam@example.com | 555-010-0199\nEXPERIENCE\nData Engineer, Initech, 2018 - 2022\n"
      "- Built Python and SQL pipelines\n- Deployed Docker images to Kubernetes with Terraform\n";
  const Analysis s = analyzer_.Analyze(stuffed, job);
  const Analysis e = analyzer_.Analyze(evidenced, job);
  EXPECT_LT(s.report.score.total, 50);
  EXPECT_GT(e.report.score.total, s.report.score.total + 25);
  bool warned = false;
  for (const auto& w : s.report.warnings) warned |= w.find("Skills list") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST_F(AnalyzerTest, ChecksInFixedOrder) {
  const Analysis a = analyzer_.Analyze(kResume, kJob);
  std::vector<std::string> ids;
  for (const auto& c : a.report.checks) ids.push_back(c.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"contact_info", "section_headings", "measurable_results",
                                           "length", "weak_phrases", "action_verbs", "pronouns",
                                           "dates", "bullet_length"}));
  const model::Check& weak = a.report.checks[4];
  EXPECT_EQ(weak.status, model::CheckStatus::kWarn);
  ASSERT_FALSE(weak.spans.empty());
  EXPECT_EQ(
      std::string(kResume).substr(weak.spans[0].begin, weak.spans[0].end - weak.spans[0].begin),
      "Responsible for");
  EXPECT_EQ(a.report.checks[0].status, model::CheckStatus::kPass);
  EXPECT_EQ(a.report.checks[7].status, model::CheckStatus::kPass);
}

TEST_F(AnalyzerTest, MarkdownSectionsInOrder) {
  const Analysis a = analyzer_.Analyze(kResume, kJob);
  const std::string& md = a.markdown;
  EXPECT_EQ(md.rfind("## Qualification Assessment\n", 0), 0u);
  const auto missing = md.find("\n## Missing Skills / Experience\n");
  const auto strengths = md.find("\n## Key Strengths\n");
  const auto breakdown = md.find("\n## Score Breakdown\n");
  const auto checks = md.find("\n## Resume Checks\n");
  const auto steps = md.find("\n## Next Steps\n");
  ASSERT_NE(missing, std::string::npos);
  EXPECT_LT(missing, strengths);
  EXPECT_LT(strengths, breakdown);
  EXPECT_LT(breakdown, checks);
  EXPECT_LT(checks, steps);
  EXPECT_NE(md.find("**Terraform** (required, missing)"), std::string::npos) << md;
  EXPECT_NE(md.find("Acme Corp"), std::string::npos);
}

TEST_F(AnalyzerTest, MarkdownEscapesUntrustedText) {
  const Analysis a = analyzer_.Analyze(
      "EXPERIENCE\nDev, [x](javascript:alert(1)) <img src=x>, 2020 - 2021\n- Used Python daily\n",
      "Requirements:\n- Python\n");
  EXPECT_EQ(a.markdown.find("[x]("), std::string::npos);
  // Only the escaped forms remain ("\\<" renders as a literal "<").
  for (std::size_t at = a.markdown.find('<'); at != std::string::npos;
       at = a.markdown.find('<', at + 1)) {
    ASSERT_GT(at, 0u);
    EXPECT_EQ(a.markdown[at - 1], '\\');
  }
  EXPECT_NE(a.markdown.find("\\<img"), std::string::npos);
  EXPECT_EQ(EscapeMarkdown("a*b_[c](d)<e>|f"), "a\\*b\\_\\[c\\](d)\\<e\\>\\|f");
}

TEST_F(AnalyzerTest, EmptyInputsGiveWarnings) {
  const Analysis a = analyzer_.Analyze("", "");
  EXPECT_EQ(a.report.warnings.size(), 2u);
  EXPECT_TRUE(a.report.job.requirements.empty());
  EXPECT_EQ(a.markdown.rfind("## Qualification Assessment", 0), 0u);
}

TEST_F(AnalyzerTest, DeterministicAcrossRunsAndLoads) {
  const Analysis first = analyzer_.Analyze(kResume, kJob);
  const Analysis second = analyzer_.Analyze(kResume, kJob);
  EXPECT_EQ(first.markdown, second.markdown);
  auto fresh = LoadTaxonomy(testing::TestTaxonomyFiles());
  ASSERT_TRUE(fresh.ok());
  const Analysis third = Analyzer(*fresh).Analyze(kResume, kJob);
  EXPECT_EQ(first.markdown, third.markdown);
  EXPECT_EQ(first.report.score.total, third.report.score.total);
}

TEST_F(AnalyzerTest, NullTaxonomyStillWorks) {
  const Analysis a = Analyzer(nullptr).Analyze(kResume, kJob);
  EXPECT_EQ(a.report.taxonomy_version, "");
  EXPECT_FALSE(a.markdown.empty());
}

}  // namespace
}  // namespace rc::engine

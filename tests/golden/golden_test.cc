// Golden tests: every case's report and Markdown equal the reviewed expected files, byte for byte,
// and stay identical across runs and fresh taxonomy loads.
#include <gtest/gtest.h>

#include <map>

#include "tests/golden/golden_cases.h"

namespace rc::golden {
namespace {

const std::filesystem::path kRoot = std::filesystem::path(RC_SOURCE_DIR) / "tests" / "golden";

// The first line where two texts differ, for a readable failure.
std::string FirstDifference(const std::string& want, const std::string& got) {
  std::istringstream a(want), b(got);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool ma = static_cast<bool>(std::getline(a, la));
    const bool mb = static_cast<bool>(std::getline(b, lb));
    if (!ma && !mb) return "(identical)";
    if (la != lb || ma != mb) {
      return "line " + std::to_string(line) + "\n  expected: " + la + "\n  actual:   " + lb;
    }
  }
}

std::shared_ptr<const engine::Taxonomy> Builtin() {
  auto t = engine::LoadBuiltinTaxonomy();
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *t : nullptr;
}

TEST(GoldenTest, AtLeastTwelveCases) { EXPECT_GE(ListCases(kRoot).size(), 12u); }

TEST(GoldenTest, MatchesExpectedFiles) {
  auto taxonomy = Builtin();
  ASSERT_NE(taxonomy, nullptr);
  const engine::Analyzer analyzer(taxonomy);
  for (const auto& dir : ListCases(kRoot)) {
    SCOPED_TRACE(dir.filename().string());
    const Rendered got = Render(analyzer, dir);
    const std::string want_json = ReadFile(dir / "expected.json");
    const std::string want_md = ReadFile(dir / "expected.md");
    EXPECT_TRUE(got.json == want_json)
        << "expected.json differs (run tests/golden/regenerate and review the diff): "
        << FirstDifference(want_json, got.json);
    EXPECT_TRUE(got.markdown == want_md)
        << "expected.md differs (run tests/golden/regenerate and review the diff): "
        << FirstDifference(want_md, got.markdown);
  }
}

TEST(GoldenTest, DeterministicAcrossRunsAndFreshLoads) {
  auto first = Builtin();
  auto second = Builtin();
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  ASSERT_NE(first.get(), second.get());
  const engine::Analyzer a(first);
  const engine::Analyzer b(second);
  for (const auto& dir : ListCases(kRoot)) {
    SCOPED_TRACE(dir.filename().string());
    const Rendered r1 = Render(a, dir);
    const Rendered r2 = Render(a, dir);
    const Rendered r3 = Render(b, dir);
    EXPECT_EQ(r1.json, r2.json);
    EXPECT_EQ(r1.markdown, r2.markdown);
    EXPECT_EQ(r1.json, r3.json);
    EXPECT_EQ(r1.markdown, r3.markdown);
  }
}

// Behaviour the snapshots must keep, whatever the taxonomy's exact contents.
class GoldenBehaviourTest : public ::testing::Test {
 protected:
  engine::Analysis Run(const std::string& name) {
    auto taxonomy = Builtin();
    const engine::Analyzer analyzer(taxonomy);
    return analyzer.Analyze(ReadFile(kRoot / name / "resume.txt"),
                            ReadFile(kRoot / name / "job.txt"));
  }
  static const model::RequirementMatch* Match(const engine::Analysis& a, const std::string& id) {
    for (std::size_t i = 0; i < a.report.job.requirements.size(); ++i) {
      if (a.report.job.requirements[i].skill_id == id) return &a.report.matches[i];
    }
    return nullptr;
  }
};

TEST_F(GoldenBehaviourTest, JavaNeverMeetsJavaScript) {
  const engine::Analysis a = Run("java-vs-javascript");
  for (std::size_t i = 0; i < a.report.job.requirements.size(); ++i) {
    const auto& r = a.report.job.requirements[i];
    if (r.name == "JavaScript") {
      EXPECT_NE(a.report.matches[i].status, model::MatchStatus::kMet);
    }
  }
}

TEST_F(GoldenBehaviourTest, KeywordStuffingStaysLow) {
  const engine::Analysis a = Run("keyword-stuffed");
  EXPECT_LT(a.report.score.total, 45);
  EXPECT_FALSE(a.report.warnings.empty());
}

TEST_F(GoldenBehaviourTest, PreferredOnlyRequirements) {
  const engine::Analysis a = Run("preferred-only");
  ASSERT_FALSE(a.report.job.requirements.empty());
  for (const auto& r : a.report.job.requirements) {
    // The skill the title names ("Junior Graphic Designer") is the job itself, so it stays
    // required; everything under "Nice to have" is preferred.
    if (r.span.begin < a.report.job.title_span.end) {
      EXPECT_TRUE(r.core) << r.name;
      EXPECT_EQ(r.importance, model::Importance::kRequired) << r.name;
      continue;
    }
    EXPECT_EQ(r.importance, model::Importance::kPreferred) << r.name;
  }
}

TEST_F(GoldenBehaviourTest, FlattenedJobReadsLikeAStructuredOne) {
  const engine::Analysis a = Run("flattened-jd");
  const std::string job = ReadFile(kRoot / "flattened-jd" / "job.txt");
  const std::size_t benefits = job.find("What's In It for You");
  ASSERT_NE(benefits, std::string::npos);
  std::map<std::string, const model::Requirement*> by_id;
  for (const auto& r : a.report.job.requirements) {
    // Nothing from the benefits, the employer or the legal lines.
    EXPECT_LT(static_cast<std::size_t>(r.span.begin), benefits) << r.name;
    if (!r.skill_id.empty()) by_id[r.skill_id] = &r;
  }
  for (const char* id : {"c-sharp", "aspnet", "sql-server", "entity-framework", "visual-studio"}) {
    ASSERT_TRUE(by_id.count(id)) << id;
    EXPECT_EQ(by_id[id]->importance, model::Importance::kRequired) << id;
  }
  ASSERT_TRUE(by_id.count("dotnet"));
  EXPECT_TRUE(by_id["dotnet"]->core);
  ASSERT_TRUE(by_id.count("azure"));
  EXPECT_EQ(by_id["azure"]->importance, model::Importance::kPreferred);
  EXPECT_EQ(a.report.job.years_required, 4.0);
  // Role headers written as dated bullets give the years.
  EXPECT_GE(a.report.resume.total_experience_months, 60);
  EXPECT_EQ(a.report.resume.experience[0].title, ".NET Developer");
}

TEST_F(GoldenBehaviourTest, NoDatesMeansNoMonths) {
  const engine::Analysis a = Run("no-dates");
  EXPECT_EQ(a.report.resume.total_experience_months, 0);
  EXPECT_FALSE(a.report.resume.experience.empty());
  EXPECT_EQ(a.report.checks[7].id, "dates");
  EXPECT_EQ(a.report.checks[7].status, model::CheckStatus::kFail);
}

TEST_F(GoldenBehaviourTest, NonStandardHeadingsAreRecognised) {
  const engine::Analysis a = Run("nonstandard-headings");
  std::vector<std::string> kinds;
  for (const auto& s : a.report.resume.sections) kinds.push_back(s.kind);
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "experience"), kinds.end());
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "skills"), kinds.end());
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "education"), kinds.end());
  EXPECT_EQ(a.report.resume.experience.size(), 2u);
}

TEST_F(GoldenBehaviourTest, NoRequirementsSectionStillFindsRequirements) {
  const engine::Analysis a = Run("no-requirements-jd");
  EXPECT_FALSE(a.report.job.requirements.empty());
  EXPECT_FALSE(a.report.warnings.empty());
}

TEST_F(GoldenBehaviourTest, AmbiguousNamesNeedContext) {
  // "go the extra mile" and "react quickly" in the resume are not Go or React.
  const engine::Analysis a = Run("ambiguous-names");
  for (const auto& s : a.report.extra_skills) {
    EXPECT_NE(s.skill_id, "go");
    EXPECT_NE(s.skill_id, "react");
  }
  const auto* go = Match(a, "go");
  if (go != nullptr) {
    EXPECT_EQ(go->status, model::MatchStatus::kMissing);
  }
}

}  // namespace
}  // namespace rc::golden

// Tests for the score: requirement weights, soft-skill credit and title similarity.
#include "engine/score/scorer.h"

#include <gtest/gtest.h>

namespace rc::engine {
namespace {

model::Requirement Skill(std::string name, std::string kind, bool core = false,
                         model::Importance importance = model::Importance::kRequired) {
  model::Requirement r;
  r.kind = model::RequirementKind::kSkill;
  r.name = std::move(name);
  r.skill_id = r.name;
  r.skill_kind = std::move(kind);
  r.core = core;
  r.importance = importance;
  return r;
}

model::RequirementMatch Credit(double credit) {
  model::RequirementMatch m;
  m.credit = credit;
  m.status = credit >= 1.0  ? model::MatchStatus::kMet
             : credit > 0.0 ? model::MatchStatus::kPartial
                            : model::MatchStatus::kMissing;
  return m;
}

model::ScoreFactor FactorOf(const model::Score& score, std::string_view id) {
  for (const auto& f : score.factors) {
    if (f.id == id) return f;
  }
  static const model::ScoreFactor kNone;
  return kNone;
}

struct Fixture {
  Document resume_doc = MakeDocument("Dana Levi\nBackend Software Engineer\n");
  ParsedResume resume = ParseResume(resume_doc);
  ParsedJob job;
  MatchResult matches;

  void Add(model::Requirement r, double credit) {
    job.facts.requirements.push_back(std::move(r));
    matches.matches.push_back(Credit(credit));
  }
  model::Score Score() const { return ComputeScore(job, matches, resume, resume_doc); }
};

TEST(ScorerTest, UnnamedSoftSkillIsUnknownNotAbsent) {
  Fixture f;
  f.Add(Skill("Python", "hard"), 1.0);
  f.Add(Skill("Teamwork", "soft"), 0.0);
  f.Add(Skill("Communication", "soft"), 1.0);
  const model::ScoreFactor soft = FactorOf(f.Score(), "soft_skills");
  // (0.5 + 1) / 2: the unnamed one at kUnstatedSoftCredit, the shown one at full credit.
  EXPECT_DOUBLE_EQ(soft.score, (kUnstatedSoftCredit + 1.0) / 2.0);
  EXPECT_NE(soft.explanation.find("unknown"), std::string::npos);
}

TEST(ScorerTest, HardSkillsGetNoFreeCredit) {
  Fixture f;
  f.Add(Skill("Python", "hard"), 0.0);
  f.Add(Skill("Go", "hard"), 0.0);
  EXPECT_DOUBLE_EQ(FactorOf(f.Score(), "hard_skills").score, 0.0);
}

TEST(ScorerTest, CoreRequirementsWeighMore) {
  Fixture core;
  core.Add(Skill(".NET", "hard", /*core=*/true), 1.0);
  core.Add(Skill("Crystal Reports", "tool"), 0.0);
  EXPECT_DOUBLE_EQ(FactorOf(core.Score(), "hard_skills").score, kCoreWeight / (kCoreWeight + 1.0));
  Fixture plain;
  plain.Add(Skill(".NET", "hard"), 1.0);
  plain.Add(Skill("Crystal Reports", "tool"), 0.0);
  EXPECT_DOUBLE_EQ(FactorOf(plain.Score(), "hard_skills").score, 0.5);
  // A preferred core skill still counts less than a required one.
  Fixture preferred;
  preferred.Add(Skill("Docker", "tool", true, model::Importance::kPreferred), 1.0);
  preferred.Add(Skill("Go", "hard"), 0.0);
  const double w = kCoreWeight * kPreferredWeight;
  EXPECT_DOUBLE_EQ(FactorOf(preferred.Score(), "hard_skills").score, w / (w + 1.0));
}

double Title(std::string_view job_title, std::string_view resume_text) {
  model::JobFacts job;
  job.title = std::string(job_title);
  const Document doc = MakeDocument(resume_text);
  const ParsedResume resume = ParseResume(doc);
  return TitleSimilarity(job, resume, doc);
}

TEST(TitleSimilarityTest, RoleWordsOnly) {
  // Seniority, arrangement and years say nothing about the role.
  EXPECT_DOUBLE_EQ(Title("Junior Level Software Developer (1-4 years experience)",
                         "Dana Levi\nSoftware Developer\n"),
                   1.0);
  EXPECT_DOUBLE_EQ(Title("Remote Software Developer", "Dana Levi\nSoftware Developer\n"), 1.0);
}

TEST(TitleSimilarityTest, CompoundsAndRoleFamilies) {
  EXPECT_DOUBLE_EQ(Title("Back-End Software Developer", "Dana Levi\nBackend Software Engineer\n"),
                   1.0);
  EXPECT_DOUBLE_EQ(Title("Full Stack Developer", "Dana Levi\nFULL-STACK DEVELOPER\n"), 1.0);
  // A different focus is a partial match: the role noun agrees, the focus does not.
  const double front = Title("Backend Developer", "Dana Levi\nFrontend Developer\n");
  EXPECT_GE(front, 0.5);
  EXPECT_LT(front, 1.0);
  EXPECT_DOUBLE_EQ(Title("Registered Nurse", "Dana Levi\nSoftware Engineer\n"), 0.0);
}

TEST(ScorerTest, YearsRangeIsStatedAndTheLowerEndIsScored) {
  Fixture f;
  f.job.facts.years_required = 1.0;
  f.job.facts.years_max = 4.0;
  const model::ScoreFactor exp = FactorOf(f.Score(), "experience_years");
  EXPECT_NE(exp.explanation.find("1.0 to 4.0 years"), std::string::npos) << exp.explanation;
  // The resume has no dated roles: 0 of the 1 year asked.
  EXPECT_DOUBLE_EQ(exp.score, 0.0);
}

}  // namespace
}  // namespace rc::engine

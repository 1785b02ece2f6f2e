// Tests for JD parsing: title, seniority, importance, years, degrees and phrase requirements.
#include "engine/parse/jd_parser.h"

#include <gtest/gtest.h>

#include "engine/test_taxonomy.h"

namespace rc::engine {
namespace {

constexpr char kJob[] =
    "Senior Backend Engineer\n"
    "\n"
    "About us\n"
    "We build payment software in Java.\n"
    "\n"
    "Requirements:\n"
    "- 5+ years of experience with Python\n"
    "- At least three years of professional experience\n"
    "- Experience with Kubernetes and Terraform\n"
    "- Knowledge of double-entry accounting\n"
    "- Bachelor's degree in Computer Science\n"
    "\n"
    "Nice to have:\n"
    "- React\n"
    "- Docker is a plus\n";

const model::Requirement* Find(const ParsedJob& job, std::string_view name) {
  for (const auto& r : job.facts.requirements) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

TEST(JdParserTest, TitleAndSeniority) {
  const Document doc = MakeDocument(kJob);
  const ParsedJob job = ParseJob(*testing::TestTaxonomy(), doc);
  EXPECT_EQ(job.facts.title, "Senior Backend Engineer");
  EXPECT_EQ(job.facts.seniority, "senior");
  EXPECT_TRUE(job.has_requirements_section);
}

TEST(JdParserTest, RequirementsWithImportanceAndYears) {
  const Document doc = MakeDocument(kJob);
  const ParsedJob job = ParseJob(*testing::TestTaxonomy(), doc);
  const model::Requirement* python = Find(job, "Python");
  ASSERT_NE(python, nullptr);
  EXPECT_EQ(python->importance, model::Importance::kRequired);
  EXPECT_EQ(python->years_min, 5.0);
  EXPECT_EQ(python->skill_id, "python");
  EXPECT_EQ(python->skill_kind, "hard");
  EXPECT_EQ(std::string(kJob).substr(python->span.begin, python->span.end - python->span.begin),
            "Python");
  EXPECT_EQ(job.facts.years_required, 3.0);
  ASSERT_NE(Find(job, "Kubernetes"), nullptr);
  ASSERT_NE(Find(job, "Terraform"), nullptr);
  const model::Requirement* react = Find(job, "React");
  ASSERT_NE(react, nullptr);
  EXPECT_EQ(react->importance, model::Importance::kPreferred);
  const model::Requirement* docker = Find(job, "Docker");
  ASSERT_NE(docker, nullptr);
  EXPECT_EQ(docker->importance, model::Importance::kPreferred);
  // Java is only in the employer's description.
  EXPECT_EQ(Find(job, "Java"), nullptr);
  // Ids follow JD order.
  for (std::size_t i = 0; i < job.facts.requirements.size(); ++i) {
    EXPECT_EQ(job.facts.requirements[i].id, "r" + std::to_string(i + 1));
    if (i > 0) {
      EXPECT_LE(job.facts.requirements[i - 1].span.begin, job.facts.requirements[i].span.begin);
    }
  }
}

TEST(JdParserTest, DegreeAndPhraseOutsideTaxonomy) {
  const Document doc = MakeDocument(kJob);
  const ParsedJob job = ParseJob(*testing::TestTaxonomy(), doc);
  EXPECT_EQ(job.facts.degree_level, "bachelor");
  const model::Requirement* degree = Find(job, "Bachelor's degree in Computer Science");
  ASSERT_NE(degree, nullptr);
  EXPECT_EQ(degree->kind, model::RequirementKind::kEducation);
  const model::Requirement* phrase = Find(job, "double-entry accounting");
  ASSERT_NE(phrase, nullptr);
  EXPECT_EQ(phrase->skill_id, "");
  EXPECT_EQ(phrase->kind, model::RequirementKind::kSkill);
}

TEST(JdParserTest, NoRequirementsSection) {
  const Document doc = MakeDocument(
      "Line Cook\nYou will prepare meals and keep the kitchen clean. Experience with food safety "
      "is preferred. You must be fluent in Spanish.\n");
  const ParsedJob job = ParseJob(*testing::TestTaxonomy(), doc);
  EXPECT_FALSE(job.has_requirements_section);
  EXPECT_EQ(job.facts.title, "Line Cook");
  const model::Requirement* spanish = Find(job, "Spanish");
  ASSERT_NE(spanish, nullptr);
  EXPECT_EQ(spanish->importance, model::Importance::kRequired);
  const model::Requirement* food = Find(job, "food safety");
  ASSERT_NE(food, nullptr);
  EXPECT_EQ(food->importance, model::Importance::kPreferred);
}

// A one-sentence job description, as users paste to try the product: the sentence is no title,
// and the employer stating a need addresses the candidate.
TEST(JdParserTest, OneSentenceJobDescriptionYieldsRequirements) {
  const Document doc =
      MakeDocument("We need a backend engineer with Python, PostgreSQL and Kubernetes.\n");
  const ParsedJob job = ParseJob(*testing::TestTaxonomy(), doc);
  EXPECT_EQ(job.facts.title, "");
  EXPECT_NE(Find(job, "Python"), nullptr);
  EXPECT_NE(Find(job, "PostgreSQL"), nullptr);
  EXPECT_NE(Find(job, "Kubernetes"), nullptr);
}

TEST(JdParserTest, SentenceLikeFirstLineIsNotATitle) {
  const Document doc =
      MakeDocument("We are hiring a data analyst.\nYou will build dashboards in SQL.\n");
  const ParsedJob job = ParseJob(*testing::TestTaxonomy(), doc);
  EXPECT_EQ(job.facts.title, "");
  EXPECT_NE(Find(job, "SQL"), nullptr);
}

TEST(JdParserTest, YearsPatterns) {
  auto years = [](std::string_view text) {
    const Document doc = MakeDocument(text);
    std::vector<const Token*> words;
    for (const Token& t : doc.tok.tokens) words.push_back(&t);
    return YearsIn(words);
  };
  EXPECT_EQ(years("5+ years of Python"), 5.0);
  EXPECT_EQ(years("3-5 years in sales"), 3.0);
  EXPECT_EQ(years("at least two years of experience"), 2.0);
  EXPECT_EQ(years("minimum of 10 yrs"), 10.0);
  EXPECT_FALSE(years("children 5 years old").has_value());
  EXPECT_FALSE(years("years of fun").has_value());
}

TEST(JdParserTest, YearsRangeUpperEnd) {
  auto range = [](std::string_view text) {
    const Document doc = MakeDocument(text);
    std::vector<const Token*> words;
    for (const Token& t : doc.tok.tokens) words.push_back(&t);
    std::optional<double> max = 99.0;
    const std::optional<double> min = YearsIn(words, &max);
    return std::make_pair(min, max);
  };
  EXPECT_EQ(range("(1-4 years experience)"),
            std::make_pair(std::optional(1.0), std::optional(4.0)));
  EXPECT_EQ(range("3 to 5 years in sales"), std::make_pair(std::optional(3.0), std::optional(5.0)));
  const auto open = range("5+ years of Python");
  EXPECT_EQ(open.first, 5.0);
  EXPECT_FALSE(open.second.has_value());
}

TEST(JdParserTest, TitleSkillsAreCoreAndTitleYearsCount) {
  const Document doc = MakeDocument(
      "Junior Frontend Developer (1-4 years experience)\n"
      "\n"
      "Nice to have:\n"
      "- Python\n"
      "- SQL and Python scripts for reports\n"
      "- SQL\n");
  const ParsedJob job = ParseJob(*testing::TestTaxonomy(), doc);
  EXPECT_EQ(job.facts.seniority, "junior");
  EXPECT_EQ(job.facts.years_required, 1.0);
  EXPECT_EQ(job.facts.years_max, 4.0);
  const model::Requirement* front = Find(job, "Front End Development");
  ASSERT_NE(front, nullptr);
  EXPECT_TRUE(front->core);
  EXPECT_EQ(front->importance, model::Importance::kRequired);
  // Named in two separate sentences: what the vacancy centres on, even when preferred.
  const model::Requirement* python = Find(job, "Python");
  ASSERT_NE(python, nullptr);
  EXPECT_TRUE(python->core);
  EXPECT_EQ(python->importance, model::Importance::kPreferred);
  const model::Requirement* sql = Find(job, "SQL");
  ASSERT_NE(sql, nullptr);
  EXPECT_TRUE(sql->core);
  ASSERT_NE(job.facts.requirements.size(), 0u);
  EXPECT_EQ(job.facts.requirements[0].kind, model::RequirementKind::kExperience);
}

TEST(JdParserTest, OneMentionIsNotCore) {
  const Document doc = MakeDocument(kJob);
  const ParsedJob job = ParseJob(*testing::TestTaxonomy(), doc);
  const model::Requirement* terraform = Find(job, "Terraform");
  ASSERT_NE(terraform, nullptr);
  EXPECT_FALSE(terraform->core);
}

TEST(JdParserTest, WillingnessToLearnNamesTheObject) {
  const Document doc = MakeDocument(
      "Backend Developer\n"
      "\n"
      "Requirements:\n"
      "- 3+ years of experience with Python\n"
      "- Willingness to learn Go\n"
      "- Eager to learn new things\n");
  const ParsedJob job = ParseJob(*testing::TestTaxonomy(), doc);
  const model::Requirement* go = Find(job, "Go");
  ASSERT_NE(go, nullptr);
  EXPECT_EQ(go->importance, model::Importance::kPreferred);
  EXPECT_EQ(Find(job, "Python")->importance, model::Importance::kRequired);
  // The learning phrase stays a requirement only where it has no object.
  int learning = 0;
  for (const auto& r : job.facts.requirements) {
    if (r.name == "Willingness to Learn") {
      ++learning;
      EXPECT_NE(std::string(doc.original.substr(r.span.begin)).rfind("Eager", 0),
                std::string::npos);
    }
  }
  EXPECT_EQ(learning, 1);
}

TEST(JdParserTest, HeadingKinds) {
  EXPECT_EQ(JobHeadingKind("Nice to have:"), "preferred");
  EXPECT_EQ(JobHeadingKind("What you'll need"), "requirements");
  EXPECT_EQ(JobHeadingKind("BENEFITS"), "benefits");
  EXPECT_EQ(JobHeadingKind("PREFERRED EXPERIENCE"), "preferred");
  EXPECT_EQ(JobHeadingKind("You will build APIs in Go."), "");
}

}  // namespace
}  // namespace rc::engine

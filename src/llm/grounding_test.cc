// Tests for the grounding check over realistic LLM answers.
#include "llm/grounding.h"

#include <gtest/gtest.h>

#include "llm/test_report.h"

namespace rc::llm {
namespace {

std::vector<UnsupportedSkill> Skills() { return UnsupportedSkills(testing::SampleReport()); }

std::vector<std::string> ClaimedSkills(const std::vector<FlaggedClaim>& claims) {
  std::vector<std::string> out;
  for (const FlaggedClaim& c : claims) out.insert(out.end(), c.skills.begin(), c.skills.end());
  return out;
}

TEST(UnsupportedSkillsTest, MissingAndRelatedOnlyRequirementsMinusShownSkills) {
  std::vector<std::string> names;
  for (const UnsupportedSkill& s : Skills()) names.push_back(s.name);
  // Kubernetes and PostgreSQL (missing skills), the AWS certification (missing requirement);
  // not Python (met) nor MySQL (shown, the related skill) nor "5+ years overall" (experience).
  EXPECT_EQ(names, (std::vector<std::string>{"AWS Certified Solutions Architect", "Kubernetes",
                                             "PostgreSQL"}));
}

TEST(UnsupportedSkillsTest, AliasesComeFromTheLookup) {
  auto skills = UnsupportedSkills(testing::SampleReport(), [](std::string_view id) {
    if (id == "kubernetes") return std::vector<std::string>{"k8s", "K8S"};
    if (id == "postgresql") return std::vector<std::string>{"Postgres", "MySQL"};  // MySQL shown
    return std::vector<std::string>{};
  });
  ASSERT_EQ(skills.size(), 3u);
  EXPECT_EQ(skills[1].aliases, (std::vector<std::string>{"k8s", "K8S"}));
  EXPECT_EQ(skills[2].aliases, (std::vector<std::string>{"Postgres"}));
}

TEST(FindUnsupportedClaimsTest, FlagsAnOverclaimingAnalysis) {
  const std::string answer =
      "## Qualification Assessment\n"
      "Jane is a solid backend engineer with a score of 58/100. She has hands-on Kubernetes "
      "experience from her work at Acme. Her Python depth is clear.\n\n"
      "## Missing Skills / Experience\n"
      "- **Kubernetes**: the resume shows no Kubernetes; add a project if you have one.\n"
      "- **PostgreSQL**: you have MySQL, which transfers well to PostgreSQL.\n\n"
      "## Key Strengths\n"
      "- Python services at scale (2M requests/day).\n"
      "- Deep PostgreSQL tuning experience.\n"
      "- AWS Certified Solutions Architect.\n";
  const auto claims = FindUnsupportedClaims(answer, Skills());
  ASSERT_EQ(claims.size(), 3u);
  EXPECT_EQ(claims[0].sentence, "She has hands-on Kubernetes experience from her work at Acme.");
  EXPECT_EQ(claims[1].sentence, "- Deep PostgreSQL tuning experience.");
  EXPECT_EQ(claims[2].sentence, "- AWS Certified Solutions Architect.");
  EXPECT_EQ(ClaimedSkills(claims), (std::vector<std::string>{"Kubernetes", "PostgreSQL",
                                                             "AWS Certified Solutions Architect"}));
  for (const FlaggedClaim& c : claims)
    EXPECT_EQ(answer.substr(c.begin, c.end - c.begin), c.sentence);
}

TEST(FindUnsupportedClaimsTest, GapsAndSuggestionsAreNotClaims) {
  const std::string answer =
      "Kubernetes is not mentioned in your resume.\n"
      "You lack PostgreSQL, but MySQL is close.\n"
      "Consider adding Kubernetes if you have used it.\n"
      "The role requires Kubernetes in production.\n"
      "Without PostgreSQL you may want to take a course.\n"
      "You should pursue the AWS Certified Solutions Architect certification.\n"
      "Your Python experience is strong.\n";
  EXPECT_TRUE(FindUnsupportedClaims(answer, Skills()).empty());
}

TEST(FindUnsupportedClaimsTest, ChatAnswerClaimingASkill) {
  const std::string answer =
      "Sure. You can lead with your Kubernetes expertise in the summary. Then mention Python.";
  const auto claims = FindUnsupportedClaims(answer, Skills());
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].sentence, "You can lead with your Kubernetes expertise in the summary.");
}

TEST(FindUnsupportedClaimsTest, WholeWordsAndShortNamesMatchExactly) {
  std::vector<UnsupportedSkill> skills = {{"Go", {}}, {"Java", {}}};
  // "go" (verb) and "JavaScript" are not the skills; "Go" is.
  EXPECT_TRUE(FindUnsupportedClaims("You have a strong drive to go further.", skills).empty());
  EXPECT_TRUE(FindUnsupportedClaims("You have strong JavaScript skills.", skills).empty());
  const auto claims = FindUnsupportedClaims("You have strong Go skills.", skills);
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].skills, std::vector<std::string>{"Go"});
}

TEST(FindUnsupportedClaimsTest, AliasesAreDetected) {
  std::vector<UnsupportedSkill> skills = {{"Kubernetes", {"k8s"}}};
  EXPECT_EQ(FindUnsupportedClaims("You have deep K8s knowledge.", skills).size(), 1u);
}

TEST(FindUnsupportedClaimsTest, NothingToCheckFlagsNothing) {
  EXPECT_TRUE(FindUnsupportedClaims("You have Kubernetes experience.", {}).empty());
  EXPECT_TRUE(FindUnsupportedClaims("", Skills()).empty());
}

TEST(AnnotateClaimsTest, AddsAVisibleNoteAfterEachClaim) {
  const std::string answer = "Intro. You have Kubernetes experience. Outro.";
  const auto claims = FindUnsupportedClaims(answer, Skills());
  EXPECT_EQ(AnnotateClaims(answer, claims),
            "Intro. You have Kubernetes experience. _(Not supported by the resume: no evidence of "
            "Kubernetes was found.)_ Outro.");
}

TEST(AnnotateClaimsTest, NamesEverySkillOfASentence) {
  const std::string answer = "You have Kubernetes and PostgreSQL experience.";
  const auto claims = FindUnsupportedClaims(answer, Skills());
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_NE(AnnotateClaims(answer, claims).find("no evidence of Kubernetes or PostgreSQL"),
            std::string::npos);
}

TEST(RemoveClaimsTest, RemovesSentencesAndEmptiedListItems) {
  const std::string answer =
      "## Key Strengths\n"
      "- Python services at scale.\n"
      "- Deep PostgreSQL tuning experience.\n"
      "- Clear writing. You have Kubernetes experience. Good dates.\n";
  const auto claims = FindUnsupportedClaims(answer, Skills());
  ASSERT_EQ(claims.size(), 2u);
  EXPECT_EQ(RemoveClaims(answer, claims),
            "## Key Strengths\n"
            "- Python services at scale.\n"
            "- Clear writing. Good dates.\n");
}

TEST(RemoveClaimsTest, NoClaimsLeavesTheAnswerAlone) {
  const std::string answer = "## Key Strengths\n- Python.\n\nBye.\n";
  EXPECT_EQ(RemoveClaims(answer, {}), answer);
  EXPECT_EQ(AnnotateClaims(answer, {}), answer);
}

}  // namespace
}  // namespace rc::llm

// Tests for LoadTaxonomy: valid files and each validation error with file and line.
#include "engine/taxonomy/taxonomy.h"

#include <gtest/gtest.h>

#include "engine/test_taxonomy.h"

namespace rc::engine {
namespace {

const char kHeader[] = "id\tname\tkind\tcategory\taliases\trelated\n";

Status LoadError(const std::string& tsv, const std::string& rules = "") {
  std::vector<TaxonomyFile> files = {{"VERSION", "1\n"}, {"a.tsv", tsv}};
  if (!rules.empty()) files.push_back({"context_rules.tsv", rules});
  auto result = LoadTaxonomy(files);
  return result.status();
}

TEST(TaxonomyTest, LoadsTestTaxonomy) {
  auto taxonomy = testing::TestTaxonomy();
  ASSERT_NE(taxonomy, nullptr);
  EXPECT_EQ(taxonomy->version(), "test.1");
  EXPECT_EQ(taxonomy->skill_count(), 35u);
  EXPECT_GT(taxonomy->surface_form_count(), taxonomy->skill_count());
  const Skill* pg = taxonomy->FindById("postgresql");
  ASSERT_NE(pg, nullptr);
  EXPECT_EQ(pg->name, "PostgreSQL");
  EXPECT_EQ(pg->kind, model::SkillKind::kTool);
  EXPECT_EQ(pg->related, (std::vector<std::string>{"mysql", "sql"}));
  EXPECT_EQ(taxonomy->FindBySurfaceForm("POSTGRES"), pg);
  EXPECT_EQ(taxonomy->FindBySurfaceForm("front-end"), taxonomy->FindById("front-end"));
  EXPECT_EQ(taxonomy->FindById("missing"), nullptr);
  const Skill* go = taxonomy->FindById("go");
  ASSERT_NE(go, nullptr);
  EXPECT_EQ(go->rules.case_sensitive, (std::vector<std::string>{"Go", "GO"}));
  EXPECT_EQ(go->rules.reject_next, (std::vector<std::string>{"to", "ahead"}));
  EXPECT_EQ(go->rules.requires_context.size(), 4u);
}

TEST(TaxonomyTest, SkillsSortedById) {
  auto taxonomy = testing::TestTaxonomy();
  ASSERT_NE(taxonomy, nullptr);
  for (std::size_t i = 1; i < taxonomy->skills().size(); ++i) {
    EXPECT_LT(taxonomy->skills()[i - 1].id, taxonomy->skills()[i].id);
  }
}

TEST(TaxonomyTest, RejectsBadHeader) {
  EXPECT_EQ(LoadError("id\tname\tkind\n").message(),
            "a.tsv:1: header must be 'id<TAB>name<TAB>kind<TAB>category<TAB>aliases<TAB>related'");
}

TEST(TaxonomyTest, RejectsBadKindWithLine) {
  const Status s = LoadError(std::string(kHeader) + "# comment\n\nx\tX\tweird\tcat\t\t\n");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message().rfind("a.tsv:4: bad kind 'weird'", 0), 0u) << s.message();
}

TEST(TaxonomyTest, RejectsBadId) {
  EXPECT_EQ(LoadError(std::string(kHeader) + "Bad Id\tX\thard\tcat\t\t\n")
                .message()
                .rfind("a.tsv:2: bad id 'Bad Id'", 0),
            0u);
}

TEST(TaxonomyTest, RejectsDuplicateId) {
  const Status s = LoadError(std::string(kHeader) + "x\tX\thard\tc\t\t\nx\tY\thard\tc\t\t\n");
  EXPECT_EQ(s.message(), "a.tsv:3: duplicate id 'x' (first defined at a.tsv:2)");
}

TEST(TaxonomyTest, RejectsDuplicateSurfaceFormAcrossIds) {
  const Status s =
      LoadError(std::string(kHeader) + "x\tPostgreSQL\thard\tc\t\t\ny\tY\thard\tc\tpostgresql\t\n");
  EXPECT_EQ(s.message(),
            "a.tsv:3: surface form 'postgresql' of 'y' already belongs to 'x' (a.tsv:2)");
}

TEST(TaxonomyTest, RejectsUnknownRelated) {
  const Status s = LoadError(std::string(kHeader) + "x\tX\thard\tc\t\tnope\n");
  EXPECT_EQ(s.message(), "a.tsv:2: related id 'nope' of 'x' is not defined");
}

TEST(TaxonomyTest, RejectsBadRules) {
  const std::string skills = std::string(kHeader) + "x\tX\thard\tc\t\t\n";
  EXPECT_EQ(LoadError(skills, "id\trule\tvalue\nzz\treject_next\tto\n").message(),
            "context_rules.tsv:2: unknown skill id 'zz'");
  EXPECT_EQ(LoadError(skills, "id\trule\tvalue\nx\tfancy\tto\n")
                .message()
                .rfind("context_rules.tsv:2: unknown rule 'fancy'", 0),
            0u);
  EXPECT_EQ(LoadError(skills, "id\trule\tvalue\nx\treject_next\t\n").message(),
            "context_rules.tsv:2: empty rule value");
}

TEST(TaxonomyTest, RequiresVersion) {
  auto result = LoadTaxonomy({{"a.tsv", std::string(kHeader)}});
  EXPECT_FALSE(result.ok());
}

TEST(TaxonomyTest, SurfaceTokensDropPunctuation) {
  EXPECT_EQ(SurfaceTokens("Front-End (Web)"), (std::vector<std::string>{"front", "end", "web"}));
  EXPECT_EQ(SurfaceTokens("C++"), (std::vector<std::string>{"c++"}));
}

}  // namespace
}  // namespace rc::engine

// Tests for FindSkills: boundaries, longest match, plurals and context rules.
#include "engine/extract/skill_extractor.h"

#include <gtest/gtest.h>

#include "engine/test_taxonomy.h"

namespace rc::engine {
namespace {

std::vector<std::string> Ids(std::string_view text, std::vector<bool> skills_lines = {}) {
  auto taxonomy = testing::TestTaxonomy();
  const Document doc = MakeDocument(text);
  std::vector<std::string> ids;
  for (const SkillHit& hit : FindSkills(*taxonomy, doc, skills_lines)) {
    ids.push_back(taxonomy->skills()[hit.skill].id);
  }
  return ids;
}

using Ids_ = std::vector<std::string>;

TEST(SkillExtractorTest, JavaIsNotJavaScript) {
  EXPECT_EQ(Ids("JavaScript developer"), Ids_{"javascript"});
  EXPECT_EQ(Ids("Java developer"), Ids_{"java"});
  EXPECT_EQ(Ids("Java and JavaScript"), (Ids_{"java", "javascript"}));
}

TEST(SkillExtractorTest, SqlIsNotNoSql) {
  EXPECT_EQ(Ids("NoSQL stores"), Ids_{"nosql"});
  EXPECT_EQ(Ids("SQL, MySQL"), (Ids_{"sql", "mysql"}));
}

TEST(SkillExtractorTest, LongestMatchAndJoiners) {
  EXPECT_EQ(Ids("Built RESTful APIs"), Ids_{"rest-api"});
  EXPECT_EQ(Ids("front-end work"), Ids_{"front-end"});
  EXPECT_EQ(Ids("CI/CD pipelines"), Ids_{"ci-cd"});
  EXPECT_EQ(Ids("C++ and C# on .NET"), (Ids_{"c++", "c-sharp", "dotnet"}));
}

TEST(SkillExtractorTest, PluralsFold) {
  EXPECT_EQ(Ids("REST APIs"), Ids_{"rest-api"});
  EXPECT_EQ(Ids("strong communication skills"), Ids_{"communication"});
}

TEST(SkillExtractorTest, MatchesDoNotCrossSentences) {
  EXPECT_EQ(Ids("Machine. Learning"), Ids_{});
}

TEST(SkillExtractorTest, GoNeedsCaseAndContext) {
  EXPECT_EQ(Ids("Backend developer in Go"), Ids_{"go"});
  EXPECT_EQ(Ids("backend developer who will go far"), Ids_{});          // lower-case go
  EXPECT_EQ(Ids("Go to market strategy for developer tools"), Ids_{});  // reject_next
  EXPECT_EQ(Ids("Go is great"), Ids_{});                                // no context
  EXPECT_EQ(Ids("golang developer"), Ids_{"go"});  // the alias has no case rule
}

TEST(SkillExtractorTest, ContextFromListOrSkillsSection) {
  EXPECT_EQ(Ids("Python, Go, Docker"), (Ids_{"python", "go", "docker"}));
  EXPECT_EQ(Ids("Go", {true}), Ids_{"go"});
  EXPECT_EQ(Ids("R for statistics"), Ids_{"r"});
  EXPECT_EQ(Ids("r for statistics"), Ids_{});
}

TEST(SkillExtractorTest, ReactRejectNext) {
  EXPECT_EQ(Ids("React to incidents"), Ids_{});
  EXPECT_EQ(Ids("React and TypeScript"), (Ids_{"react", "typescript"}));
}

TEST(SkillExtractorTest, MentionsCarryOriginalSpans) {
  auto taxonomy = testing::TestTaxonomy();
  const std::string text = "\xE2\x80\xA2 Used Postgres daily";
  const auto mentions = FindSkillMentions(*taxonomy, text);
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(mentions[0].skill_id, "postgresql");
  EXPECT_EQ(mentions[0].name, "PostgreSQL");
  EXPECT_EQ(text.substr(mentions[0].span.begin, mentions[0].span.end - mentions[0].span.begin),
            "Postgres");
}

}  // namespace
}  // namespace rc::engine

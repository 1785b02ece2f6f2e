// The embedded data/taxonomy files load and validate.
#include <gtest/gtest.h>

#include "engine/extract/skill_extractor.h"
#include "engine/taxonomy/taxonomy.h"

namespace rc::engine {
namespace {

TEST(BuiltinTaxonomyTest, LoadsAndValidates) {
  auto taxonomy = LoadBuiltinTaxonomy();
  ASSERT_TRUE(taxonomy.ok()) << taxonomy.status().ToString();
  EXPECT_FALSE((*taxonomy)->version().empty());
  EXPECT_GT((*taxonomy)->skill_count(), 0u);
  EXPECT_GE((*taxonomy)->surface_form_count(), (*taxonomy)->skill_count());
  for (const Skill& skill : (*taxonomy)->skills()) {
    for (const std::string& related : skill.related) {
      EXPECT_NE((*taxonomy)->FindById(related), nullptr) << skill.id << " -> " << related;
    }
  }
}

// The skill ids the built-in taxonomy finds in `text`.
std::vector<std::string> SkillIds(std::string_view text) {
  auto taxonomy = LoadBuiltinTaxonomy();
  std::vector<std::string> ids;
  if (!taxonomy.ok()) return ids;
  for (const auto& m : FindSkillMentions(**taxonomy, text)) ids.push_back(m.skill_id);
  return ids;
}

bool Has(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(BuiltinTaxonomyTest, EpicInNursingWork) {
  EXPECT_TRUE(Has(SkillIds("Charted in Epic and coordinated discharges."), "epic"));
  EXPECT_TRUE(Has(SkillIds("Documented care in Epic."), "epic"));
  // The adjective, and the games company, are not the health record system.
  EXPECT_FALSE(Has(SkillIds("Documented an epic care journey for new hires."), "epic"));
  EXPECT_FALSE(Has(SkillIds("Wrote documentation at Epic Games for the engine."), "epic"));
  EXPECT_FALSE(Has(SkillIds("Led an Epic launch week for the product."), "epic"));
}

TEST(BuiltinTaxonomyTest, TraitAdjectiveIsNoSkill) {
  EXPECT_FALSE(Has(SkillIds("Backend engineer who builds reliable services."), "accountability"));
  EXPECT_FALSE(Has(SkillIds("Reliable and dependable team member."), "accountability"));
  EXPECT_FALSE(Has(SkillIds("Improved the reliability of the payment API."), "accountability"));
  // The noun phrases that name the habit still count.
  EXPECT_TRUE(Has(SkillIds("Known for follow-through on every commitment."), "accountability"));
}

}  // namespace
}  // namespace rc::engine

// The embedded data/taxonomy files load and validate.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace rc::engine

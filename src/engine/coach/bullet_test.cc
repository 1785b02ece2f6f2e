// Tests for the bullet rewriter: filler removed, verbs strengthened, no facts added.
#include "engine/coach/bullet.h"

#include <gtest/gtest.h>

namespace rc::engine::coach {
namespace {

TEST(RewriteBulletTest, RemovesResponsibleForAndUsesTheGerundAsVerb) {
  BulletRewrite r = RewriteBullet("- Responsible for managing the PostgreSQL migration.");
  EXPECT_EQ(r.rewritten, "Managed the PostgreSQL migration");
  EXPECT_TRUE(r.starts_with_verb);
  EXPECT_FALSE(r.has_metric);
  ASSERT_FALSE(r.changes.empty());
  EXPECT_NE(r.changes.front().find("Responsible for"), std::string::npos);
}

TEST(RewriteBulletTest, NounPhraseAfterFillerGetsAnOwnershipVerb) {
  EXPECT_EQ(RewriteBullet("Responsible for the weekly payroll").rewritten,
            "Owned the weekly payroll");
  EXPECT_EQ(RewriteBullet("Duties included answering phones").rewritten, "Answered phones");
  EXPECT_EQ(RewriteBullet("Duties included accounting for 3 stores").rewritten,
            "Managed accounting for 3 stores");
}

TEST(RewriteBulletTest, HelpedKeepsTheSharedCredit) {
  EXPECT_EQ(RewriteBullet("Helped with on-call rotation").rewritten, "Supported on-call rotation");
  EXPECT_EQ(RewriteBullet("Helped build the mobile app").rewritten,
            "Contributed to building the mobile app");
  EXPECT_EQ(RewriteBullet("Assisted with preparing tax returns").rewritten,
            "Contributed to preparing tax returns");
}

TEST(RewriteBulletTest, TenseAndWeakVerbs) {
  EXPECT_EQ(RewriteBullet("Manages a team of 6 nurses").rewritten, "Managed a team of 6 nurses");
  EXPECT_EQ(RewriteBullet("Leading the design review").rewritten, "Led the design review");
  EXPECT_EQ(RewriteBullet("Applying fixes to legacy code").rewritten,
            "Applied fixes to legacy code");
  EXPECT_EQ(RewriteBullet("Handled customer complaints").rewritten, "Managed customer complaints");
  EXPECT_EQ(RewriteBullet("I planned the quarterly budget").rewritten,
            "Planned the quarterly budget");
  EXPECT_EQ(RewriteBullet("Worked on shipping the checkout flow").rewritten,
            "Shipped the checkout flow");
}

TEST(RewriteBulletTest, ListsColonsAndBareFiller) {
  EXPECT_EQ(RewriteBullet("Duties included: cleaning, restocking and customer service").rewritten,
            "Managed cleaning, restocking and customer service");
  EXPECT_EQ(RewriteBullet("Helped increase sales by 15%").rewritten,
            "Contributed to increasing sales by 15%");
  EXPECT_EQ(RewriteBullet("Tasked with the data migration").rewritten, "Owned the data migration");
  BulletRewrite bare = RewriteBullet("Responsible for");
  EXPECT_EQ(bare.rewritten, "Responsible for");
  EXPECT_TRUE(bare.changes.empty());
}

TEST(RewriteBulletTest, StrongBulletsStayAsTheyAre) {
  BulletRewrite r = RewriteBullet("Reduced API latency by 38% with Redis caching");
  EXPECT_EQ(r.rewritten, "Reduced API latency by 38% with Redis caching");
  EXPECT_TRUE(r.changes.empty());
  EXPECT_TRUE(r.has_metric);
}

TEST(RewriteBulletTest, NeverAddsNumbers) {
  for (const char* bullet : {"Responsible for managing payroll", "Helped customers",
                             "Worked on the website", "Duties included stocking shelves"}) {
    BulletRewrite r = RewriteBullet(bullet);
    EXPECT_FALSE(r.has_metric) << bullet;
    for (char c : r.rewritten) EXPECT_FALSE(c >= '0' && c <= '9') << r.rewritten;
  }
}

TEST(IsActionVerbTest, KnowsStrongAndWeakVerbs) {
  EXPECT_TRUE(IsActionVerb("Led"));
  EXPECT_TRUE(IsActionVerb("reduced"));
  EXPECT_FALSE(IsActionVerb("helped"));
  EXPECT_FALSE(IsActionVerb("Responsible"));
  EXPECT_TRUE(StartsWithFiller("Responsible for stuff"));
  EXPECT_FALSE(StartsWithFiller("Built stuff"));
}

}  // namespace
}  // namespace rc::engine::coach

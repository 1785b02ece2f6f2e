// Tests for the resume checks: status, message and spans of each check.
#include "engine/checks/resume_checks.h"

#include <gtest/gtest.h>

namespace rc::engine {
namespace {

// A copy, so that a check can be taken from a temporary list.
model::Check Get(const std::vector<model::Check>& checks, std::string_view id) {
  for (const auto& c : checks) {
    if (c.id == id) return c;
  }
  ADD_FAILURE() << "no check " << id;
  return {};
}

std::vector<model::Check> RunChecks(const std::string& text) {
  const Document doc = MakeDocument(text);
  return RunResumeChecks(doc, ParseResume(doc));
}

std::string At(const std::string& text, model::Span span) {
  return text.substr(span.begin, span.end - span.begin);
}

TEST(ResumeChecksTest, ContactInfo) {
  EXPECT_EQ(Get(RunChecks("Ann Lee\nann@example.com | 555-123-4567\n"), "contact_info").status,
            model::CheckStatus::kPass);
  EXPECT_EQ(Get(RunChecks("Ann Lee\nann@example.com\n"), "contact_info").status,
            model::CheckStatus::kWarn);
  EXPECT_EQ(Get(RunChecks("Ann Lee\n"), "contact_info").status, model::CheckStatus::kFail);
}

TEST(ResumeChecksTest, HeadingsNameWhatIsMissing) {
  const model::Check c =
      Get(RunChecks("EXPERIENCE\nCook, Diner, 2019 - 2020\n- Cooked\nSKILLS\nGrill\n"),
          "section_headings");
  EXPECT_EQ(c.status, model::CheckStatus::kWarn);
  EXPECT_EQ(c.message, "No standard heading for: Education.");
}

TEST(ResumeChecksTest, WeakPhrasesPronounsAndActionVerbs) {
  const std::string text =
      "EXPERIENCE\nClerk, Shop, 2019 - 2021\n- Responsible for the till\n- I stocked shelves\n"
      "- Managed 3 suppliers\n";
  const auto checks = RunChecks(text);
  const auto& weak = Get(checks, "weak_phrases");
  EXPECT_EQ(weak.status, model::CheckStatus::kWarn);
  ASSERT_EQ(weak.spans.size(), 1u);
  EXPECT_EQ(At(text, weak.spans[0]), "Responsible for");
  const auto& pronouns = Get(checks, "pronouns");
  EXPECT_EQ(pronouns.status, model::CheckStatus::kWarn);
  ASSERT_EQ(pronouns.spans.size(), 1u);
  EXPECT_EQ(At(text, pronouns.spans[0]), "I");
  const auto& verbs = Get(checks, "action_verbs");
  EXPECT_EQ(verbs.status, model::CheckStatus::kWarn);  // 1 of 3
  EXPECT_EQ(verbs.spans.size(), 2u);
}

TEST(ResumeChecksTest, MeasurableResultsIgnoreYears) {
  EXPECT_EQ(Get(RunChecks("EXPERIENCE\nClerk, Shop, 2019 - 2021\n- Joined in 2019\n"),
                "measurable_results")
                .status,
            model::CheckStatus::kFail);
  EXPECT_EQ(Get(RunChecks("EXPERIENCE\nClerk, Shop, 2019 - 2021\n- Cut waste by 20%\n- Served 300 "
                          "customers a day\n- Handled $2k daily\n"),
                "measurable_results")
                .status,
            model::CheckStatus::kPass);
}

TEST(ResumeChecksTest, DatesGapsAndInconsistencies) {
  const std::string gap =
      "EXPERIENCE\nCook, Diner, Jan 2015 - Dec 2016\n- Cooked\nChef, Bistro, Jan 2019 - Dec "
      "2020\n- Led the kitchen\n";
  const model::Check g = Get(RunChecks(gap), "dates");
  EXPECT_EQ(g.status, model::CheckStatus::kWarn);
  EXPECT_NE(g.message.find("gap of about 2 year(s) before Bistro"), std::string::npos) << g.message;
  const model::Check bad =
      Get(RunChecks("EXPERIENCE\nCook, Diner, Mar 2020 - Jan 2019\n- Cooked\n"), "dates");
  EXPECT_EQ(bad.status, model::CheckStatus::kWarn);
  EXPECT_NE(bad.message.find("ends before it starts"), std::string::npos);
  const model::Check none = Get(RunChecks("EXPERIENCE\nCook, Diner\n- Cooked\n"), "dates");
  EXPECT_EQ(none.status, model::CheckStatus::kFail);
}

TEST(ResumeChecksTest, LongBullets) {
  std::string bullet = "- Managed";
  for (int i = 0; i < 35; ++i) bullet += " word";
  const model::Check c =
      Get(RunChecks("EXPERIENCE\nClerk, Shop, 2019 - 2021\n" + bullet + "\n"), "bullet_length");
  EXPECT_EQ(c.status, model::CheckStatus::kWarn);
  EXPECT_EQ(c.spans.size(), 1u);
}

TEST(ResumeChecksTest, Length) {
  EXPECT_EQ(Get(RunChecks("Short resume\n"), "length").status, model::CheckStatus::kFail);
  std::string words;
  for (int i = 0; i < 400; ++i) words += "word ";
  EXPECT_EQ(Get(RunChecks(words), "length").status, model::CheckStatus::kPass);
}

}  // namespace
}  // namespace rc::engine

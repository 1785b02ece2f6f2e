// Tests for requirement phrase patterns and the sentence filter.
#include "engine/extract/phrase_patterns.h"

#include <gtest/gtest.h>

#include "engine/extract/sentence_filter.h"

namespace rc::engine {
namespace {

// "kind:text" for each phrase.
std::vector<std::string> Phrases(std::string_view text) {
  const Document doc = MakeDocument(text);
  std::vector<std::string> out;
  for (const PhraseHit& p : FindRequirementPhrases(doc)) {
    const char* kind = p.kind == PhraseKind::kCueObject    ? "cue"
                       : p.kind == PhraseKind::kSkillNoun  ? "noun"
                       : p.kind == PhraseKind::kTrait      ? "trait"
                       : p.kind == PhraseKind::kAction     ? "action"
                       : p.kind == PhraseKind::kOccupation ? "title"
                                                           : "list";
    out.push_back(std::string(kind) + ":" + std::string(doc.TokenText(p.first, p.last)));
  }
  return out;
}

using V = std::vector<std::string>;

TEST(PhrasePatternsTest, CueObjectsSplitLists) {
  EXPECT_EQ(Phrases("Experience with payroll, bookkeeping and tax filing."),
            (V{"cue:payroll", "cue:bookkeeping", "cue:tax filing"}));
  EXPECT_EQ(Phrases("Strong knowledge of GAAP"), (V{"cue:GAAP"}));
  EXPECT_EQ(Phrases("Degree in mechanical engineering"), (V{"cue:mechanical engineering"}));
}

TEST(PhrasePatternsTest, SkillNounsAndTraits) {
  EXPECT_EQ(Phrases("Excellent negotiation skills"), (V{"noun:negotiation skills"}));
  EXPECT_EQ(Phrases("You are organised and a strong communicator"),
            (V{"trait:organised", "trait:communicator"}));
}

TEST(PhrasePatternsTest, ActionPhrases) {
  EXPECT_EQ(Phrases("Manage the weekly payroll for 40 staff"),
            (V{"action:Manage the weekly payroll for 40 staff"}));
  EXPECT_EQ(Phrases("You will collaborate with designers to deliver features"),
            (V{"action:collaborate with designers", "action:deliver features"}));
  EXPECT_EQ(Phrases("Ability to lift 50 pounds"), (V{"action:lift 50 pounds"}));
  // A bare verb heading says nothing.
  EXPECT_EQ(Phrases("Support"), V{});
  // "reporting to" names a manager.
  EXPECT_EQ(Phrases("You will be reporting to the CFO"), V{});
}

TEST(PhrasePatternsTest, TitlesAndLists) {
  EXPECT_EQ(Phrases("We need an Assistant Head Teacher"), (V{"title:Assistant Head Teacher"}));
  EXPECT_EQ(
      Phrases("budget control, reporting, stock checks and rota planning"),
      (V{"list:budget control", "list:reporting", "list:stock checks", "list:rota planning"}));
}

TEST(PhrasePatternsTest, ActionVerbs) {
  EXPECT_TRUE(IsActionVerb("led"));
  EXPECT_TRUE(IsActionVerb("managing"));
  EXPECT_TRUE(IsActionVerb("optimized"));
  EXPECT_TRUE(IsActionVerb("builds"));
  EXPECT_FALSE(IsActionVerb("responsible"));
  EXPECT_FALSE(IsActionVerb("team"));
}

TEST(SentenceFilterTest, EmployerAndTitleSentences) {
  auto candidate = [](std::string_view text) {
    const Document doc = MakeDocument(text);
    return IsCandidateSentence(doc, 0);
  };
  EXPECT_FALSE(candidate("We are a global leader in payments."));
  EXPECT_TRUE(candidate("We are looking for someone who knows SQL."));
  EXPECT_FALSE(candidate("Senior DevOps Engineer"));
  EXPECT_FALSE(candidate("Technical Skills:"));
  EXPECT_TRUE(candidate("Build data pipelines in Python."));
  EXPECT_TRUE(IsTitleHeadNoun("nurses"));
  EXPECT_FALSE(IsTitleHeadNoun("python"));
}

}  // namespace
}  // namespace rc::engine

// Tests for the sentence filter: employer text, how to apply and legal boilerplate are no
// candidate sentences.
#include "engine/extract/sentence_filter.h"

#include <gtest/gtest.h>

namespace rc::engine {
namespace {

bool Candidate(std::string_view sentence) {
  const Document doc = MakeDocument(sentence);
  return !doc.tok.sentences.empty() && IsCandidateSentence(doc, 0);
}

TEST(SentenceFilterTest, RequirementsAreCandidates) {
  EXPECT_TRUE(Candidate("You have 3 years of experience with Python."));
  EXPECT_TRUE(Candidate("Experience with SQL Server and Entity Framework"));
}

TEST(SentenceFilterTest, EmployerAndApplicationTextIsNot) {
  EXPECT_FALSE(Candidate("We are a global leader in payments."));
  EXPECT_FALSE(Candidate("Please apply with your CV and a cover letter."));
}

TEST(SentenceFilterTest, LegalBoilerplateIsNot) {
  EXPECT_FALSE(Candidate("Candidates must be authorized to work in the United States."));
  EXPECT_FALSE(Candidate("All candidates must have the right to work in the UK."));
  EXPECT_FALSE(
      Candidate("Acme is an equal opportunity employer and values diversity in its teams."));
  EXPECT_FALSE(Candidate("Copyright 1999 - 2019 Acme Inc. All rights reserved."));
  // "work" after another verb is still a duty.
  EXPECT_TRUE(Candidate("You will be able to work with product owners on the roadmap."));
}

}  // namespace
}  // namespace rc::engine

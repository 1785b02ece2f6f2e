// Tests for rule-based intent detection.
#include "engine/coach/intent.h"

#include <gtest/gtest.h>

namespace rc::engine::coach {
namespace {

struct Case {
  const char* question;
  Intent intent;
  const char* topic;
};

class DetectIntentTest : public ::testing::TestWithParam<Case> {};

TEST_P(DetectIntentTest, Classifies) {
  const Case& c = GetParam();
  DetectedIntent d = DetectIntent(c.question);
  EXPECT_EQ(IntentName(d.intent), std::string(IntentName(c.intent))) << c.question;
  if (c.topic != nullptr) {
    EXPECT_EQ(d.topic, c.topic) << c.question;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Questions, DetectIntentTest,
    ::testing::Values(
        Case{"What am I missing?", Intent::kMissingSkills, nullptr},
        Case{"Which skills do I lack for this job?", Intent::kMissingSkills, nullptr},
        Case{"what are my gaps", Intent::kMissingSkills, nullptr},
        Case{"Am I qualified for this role?", Intent::kQualification, nullptr},
        Case{"Explain my score", Intent::kQualification, nullptr},
        Case{"Should I apply?", Intent::kQualification, nullptr},
        Case{"How can I improve my experience section?", Intent::kImproveSection, "experience"},
        Case{"Any tips for my skills section?", Intent::kImproveSection, "skills"},
        Case{"How do I make my summary better?", Intent::kImproveSection, "summary"},
        Case{"How can I improve my resume?", Intent::kImproveSection, ""},
        Case{"Rewrite this bullet: Responsible for managing payroll", Intent::kRewriteBullet,
             "Responsible for managing payroll"},
        Case{"Can you improve this line?\n- Helped with onboarding", Intent::kRewriteBullet,
             "- Helped with onboarding"},
        Case{"rewrite \u201cduties included answering phones\u201d", Intent::kRewriteBullet,
             "duties included answering phones"},
        Case{"Responsible for the weekly inventory count", Intent::kRewriteBullet,
             "Responsible for the weekly inventory count"},
        Case{"Rewrite my weakest bullets", Intent::kRewriteBullet, ""},
        Case{"Draft a professional summary for me", Intent::kDraftSummary, nullptr},
        Case{"Write me a cover letter", Intent::kCoverLetter, nullptr},
        Case{"What interview questions should I expect?", Intent::kInterview, nullptr},
        Case{"Where does my resume show SQL?", Intent::kFindInResume, "sql"},
        Case{"Do I have Kubernetes experience?", Intent::kFindInResume, "kubernetes"},
        Case{"Is Terraform on my resume?", Intent::kFindInResume, "terraform"},
        Case{"What does the job description say about Kafka?", Intent::kFindInJob, "kafka"},
        Case{"Is AWS required?", Intent::kFindInJob, "aws"},
        Case{"Tell me more about PostgreSQL", Intent::kFindInJob, "postgresql"},
        Case{"What should I learn first?", Intent::kLearnFirst, nullptr},
        Case{"Which course should I take?", Intent::kLearnFirst, nullptr},
        Case{"and the second one?", Intent::kFollowUp, nullptr},
        Case{"tell me more", Intent::kFollowUp, nullptr},
        Case{"Tell me more about the third one", Intent::kFollowUp, nullptr},
        Case{"Hi", Intent::kGreeting, nullptr}, Case{"Hello there!", Intent::kGreeting, nullptr},
        Case{"Thanks a lot", Intent::kThanks, nullptr},
        Case{"Translate my resume to French", Intent::kNeedsLlm, "translation"},
        Case{"Write a poem about my career", Intent::kNeedsLlm, "creative writing"},
        Case{"What salary should I ask for?", Intent::kNeedsLlm, "salary data"},
        Case{"Who is the CEO of Meridian?", Intent::kNeedsLlm, "world knowledge"},
        Case{"", Intent::kHelp, nullptr}, Case{"What can you do?", Intent::kHelp, nullptr},
        Case{"can you help me?", Intent::kHelp, nullptr},
        Case{"Help me write a cover letter", Intent::kCoverLetter, nullptr},
        Case{"Is my resume a good fit?", Intent::kQualification, nullptr},
        Case{"What skills am I missing?", Intent::kMissingSkills, nullptr},
        Case{"What skills should I add to my resume?", Intent::kMissingSkills, nullptr},
        Case{"Which keywords should I include?", Intent::kMissingSkills, nullptr},
        Case{"What are my strengths?", Intent::kStrengths, nullptr},
        Case{"Which of my skills are most relevant?", Intent::kStrengths, nullptr},
        Case{"Is my resume good?", Intent::kQualification, nullptr},
        Case{"Am I overqualified?", Intent::kQualification, nullptr},
        Case{"Do I have enough years of experience?", Intent::kQualification, nullptr},
        Case{"Make this bullet stronger: Managed a team of five", Intent::kRewriteBullet,
             "Managed a team of five"},
        Case{"Do I need a master's degree?", Intent::kFindInJob, "master's degree"},
        Case{"How many years of experience do they want?", Intent::kFindInJob, "years"},
        Case{"Should I mention Kafka?", Intent::kFindInJob, "kafka"},
        Case{"Tell me about AWS", Intent::kFindInJob, "aws"},
        Case{"What is Kubernetes?", Intent::kFindInJob, "kubernetes"},
        Case{"what is my score", Intent::kQualification, nullptr},
        Case{"Can you summarize the job description?", Intent::kJobSummary, nullptr},
        Case{"What are the main responsibilities?", Intent::kJobSummary, nullptr},
        Case{"Write a LinkedIn headline", Intent::kDraftSummary, nullptr},
        Case{"What questions will they ask?", Intent::kInterview, nullptr},
        Case{"How do I explain a gap in my employment?", Intent::kImproveSection, "dates"},
        Case{"Is my resume ATS friendly?", Intent::kImproveSection, "format"},
        Case{"How long should my resume be?", Intent::kImproveSection, "format"},
        Case{"What certifications should I get?", Intent::kLearnFirst, nullptr},
        Case{"Can you proofread my resume?", Intent::kNeedsLlm, "proofreading"},
        Case{"What\u2019s next?", Intent::kImproveSection, ""},
        Case{"ok", Intent::kThanks, nullptr},
        Case{"Tell me about the second one", Intent::kFollowUp, nullptr},
        Case{"Help me prepare a story for the interview", Intent::kInterview, nullptr},
        Case{"Tell me a story about a robot", Intent::kNeedsLlm, "creative writing"},
        Case{"Anything about hospital staffing data?", Intent::kRelevantLines, nullptr}));

TEST(DetectIntentTest, OrdinalsOfFollowUps) {
  EXPECT_EQ(DetectIntent("and the second one?").ordinal, 2);
  EXPECT_EQ(DetectIntent("what about #3").ordinal, 3);
  EXPECT_EQ(DetectIntent("the last one?").ordinal, -1);
  EXPECT_EQ(DetectIntent("tell me more").ordinal, 0);
}

TEST(DetectIntentTest, TypographicApostrophesAreFolded) {
  EXPECT_EQ(DetectIntent("What don\u2019t I have?").intent, Intent::kMissingSkills);
}

}  // namespace
}  // namespace rc::engine::coach

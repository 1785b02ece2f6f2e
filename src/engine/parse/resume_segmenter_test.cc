// Tests for resume segmentation: headings, roles, education, certifications and contact.
#include "engine/parse/resume_segmenter.h"

#include <gtest/gtest.h>

namespace rc::engine {
namespace {

constexpr char kResume[] =
    "Maria Lopez\n"
    "Austin, TX | maria@example.org | +1 512 555 0199 | https://github.com/mlopez\n"
    "\n"
    "Professional Summary:\n"
    "Registered nurse with eight years in acute care.\n"
    "\n"
    "WORK HISTORY\n"
    "Charge Nurse | St. David's Medical Center | March 2019 - Present\n"
    "\xE2\x80\xA2 Led a team of 9 nurses on a 32-bed unit\n"
    "\xE2\x80\xA2 Cut medication errors by 40%\n"
    "Staff Nurse\n"
    "Seton Hospital, Austin\n"
    "06/2015 - 02/2019\n"
    "- Provided patient care for post-surgical patients\n"
    "\n"
    "Education\n"
    "Bachelor of Science in Nursing (BSN)\n"
    "University of Texas at Austin, 2015\n"
    "\n"
    "Licenses & Certifications\n"
    "- Registered Nurse License, Texas\n"
    "- BLS\n";

TEST(HeadingKindTest, CommonHeadingsAndVariants) {
  EXPECT_EQ(HeadingKind("WORK HISTORY"), "experience");
  EXPECT_EQ(HeadingKind("Professional Experience:"), "experience");
  EXPECT_EQ(HeadingKind("## Skills"), "skills");
  EXPECT_EQ(HeadingKind("Licenses & Certifications"), "certifications");
  EXPECT_EQ(HeadingKind("Where I've Worked"), "experience");
  EXPECT_EQ(HeadingKind("TECHNICAL TOOLBOX"), "skills");
  EXPECT_EQ(HeadingKind("Project Manager"), "");  // a job title, not a heading
  EXPECT_EQ(HeadingKind("Led a team of 9 nurses"), "");
  EXPECT_EQ(HeadingKind("Austin, TX"), "");
}

TEST(ResumeSegmenterTest, SectionsAndContact) {
  const Document doc = MakeDocument(kResume);
  const ParsedResume r = ParseResume(doc);
  ASSERT_EQ(r.facts.sections.size(), 4u);
  EXPECT_EQ(r.facts.sections[0].kind, "summary");
  EXPECT_EQ(r.facts.sections[0].heading, "Professional Summary:");
  EXPECT_EQ(r.facts.sections[1].kind, "experience");
  EXPECT_EQ(r.facts.sections[2].kind, "education");
  EXPECT_EQ(r.facts.sections[3].kind, "certifications");
  const auto& h = r.facts.sections[1].heading_span;
  EXPECT_EQ(std::string(kResume).substr(h.begin, h.end - h.begin), "WORK HISTORY");
  EXPECT_EQ(r.facts.contact.name, "Maria Lopez");
  EXPECT_EQ(r.facts.contact.email, "maria@example.org");
  EXPECT_EQ(r.facts.contact.phone, "+1 512 555 0199");
  EXPECT_EQ(r.facts.contact.links, (std::vector<std::string>{"https://github.com/mlopez"}));
  EXPECT_EQ(r.facts.contact.location, "Austin, TX");
}

TEST(ResumeSegmenterTest, ExperienceEntries) {
  const Document doc = MakeDocument(kResume);
  const ParsedResume r = ParseResume(doc);
  ASSERT_EQ(r.facts.experience.size(), 2u);
  const auto& first = r.facts.experience[0];
  EXPECT_EQ(first.title, "Charge Nurse");
  EXPECT_EQ(first.employer, "St. David's Medical Center");
  EXPECT_TRUE(first.is_current);
  ASSERT_EQ(first.bullets.size(), 2u);
  EXPECT_EQ(std::string(kResume).substr(first.bullets[1].begin,
                                        first.bullets[1].end - first.bullets[1].begin),
            "Cut medication errors by 40%");
  const auto& second = r.facts.experience[1];
  EXPECT_EQ(second.title, "Staff Nurse");
  EXPECT_EQ(second.employer, "Seton Hospital");
  EXPECT_EQ(second.start, (model::YearMonth{2015, 6}));
  EXPECT_EQ(second.end, (model::YearMonth{2019, 2}));
  EXPECT_EQ(second.months, 45);
  EXPECT_EQ(second.bullets.size(), 1u);
  // March 2019 .. the reference month, plus June 2015 .. Feb 2019 (no overlap).
  EXPECT_EQ(r.facts.total_experience_months, first.months + second.months);
}

TEST(ResumeSegmenterTest, EducationAndCertifications) {
  const Document doc = MakeDocument(kResume);
  const ParsedResume r = ParseResume(doc);
  ASSERT_EQ(r.facts.education.size(), 1u);
  EXPECT_EQ(r.facts.education[0].degree_level, "bachelor");
  EXPECT_EQ(r.facts.education[0].field, "nursing");
  EXPECT_EQ(r.facts.education[0].institution, "University of Texas at Austin");
  EXPECT_EQ(r.facts.education[0].graduation_year, 2015);
  EXPECT_EQ(r.facts.certifications,
            (std::vector<std::string>{"Registered Nurse License, Texas", "BLS"}));
}

TEST(ResumeSegmenterTest, OverlappingRolesCountOnce) {
  const Document doc = MakeDocument(
      "EXPERIENCE\nTutor, Learning Co, Jan 2020 - Dec 2020\n- Taught algebra\n"
      "Barista, Cafe, Jul 2020 - Jun 2021\n- Served 200 customers daily\n");
  const ParsedResume r = ParseResume(doc);
  ASSERT_EQ(r.facts.experience.size(), 2u);
  EXPECT_EQ(r.facts.experience[0].months, 12);
  EXPECT_EQ(r.facts.experience[1].months, 12);
  EXPECT_EQ(r.facts.total_experience_months, 18);
}

TEST(ResumeSegmenterTest, NoDatesNoHeadings) {
  const Document doc = MakeDocument("Sam Smith\nI cook food and clean tables.\n");
  const ParsedResume r = ParseResume(doc);
  EXPECT_TRUE(r.facts.experience.empty());
  EXPECT_EQ(r.facts.total_experience_months, 0);
  ASSERT_EQ(r.facts.sections.size(), 1u);
  EXPECT_EQ(r.facts.sections[0].kind, "other");
  EXPECT_EQ(r.facts.word_count, 8);
}

TEST(ResumeSegmenterTest, EmptySectionIsKept) {
  const Document doc = MakeDocument("SKILLS\n\nEXPERIENCE\nCook, Diner, 2019 - 2021\n- Cooked\n");
  const ParsedResume r = ParseResume(doc);
  ASSERT_EQ(r.facts.sections.size(), 2u);
  EXPECT_EQ(r.facts.sections[0].kind, "skills");
  EXPECT_EQ(r.facts.sections[0].body_span.begin, r.facts.sections[0].body_span.end);
  ASSERT_EQ(r.facts.experience.size(), 1u);
  EXPECT_EQ(r.facts.experience[0].months, 25);
}

TEST(DegreeTest, Levels) {
  EXPECT_EQ(DegreeLevelIn("MBA, Wharton"), "master");
  EXPECT_EQ(DegreeLevelIn("Ph.D. in Chemistry"), "doctorate");
  EXPECT_EQ(DegreeLevelIn("High School Diploma"), "diploma");
  EXPECT_EQ(DegreeLevelIn("ms excel"), "");  // lower-case abbreviations are not degrees
  EXPECT_GT(DegreeRank("master"), DegreeRank("bachelor"));
}

TEST(ParseResumeTest, DatedBulletIsARoleHeader) {
  const Document doc = MakeDocument(
      "Dana Levi\n"
      "\n"
      "Experience\n"
      "- 2021 - Present: Frontend developer, Acme\n"
      "- Built the billing pages in React\n"
      "- 2017 - 2020: Web developer, Globex\n"
      "- Maintained the shop front\n");
  const ParsedResume r = ParseResume(doc, {2022, 12});
  ASSERT_EQ(r.facts.experience.size(), 2u);
  EXPECT_TRUE(r.facts.experience[0].is_current);
  EXPECT_EQ(r.facts.experience[0].title, "Frontend developer");
  EXPECT_EQ(r.facts.experience[0].employer, "Acme");
  EXPECT_EQ(r.facts.experience[0].bullets.size(), 1u);
  EXPECT_EQ(r.facts.experience[1].start->year, 2017);
  // 2017-01..2020-01 and 2021-01..2022-12.
  EXPECT_EQ(r.facts.total_experience_months, 37 + 24);
}

TEST(ParseResumeTest, StatedYearsNearTheTop) {
  const Document doc = MakeDocument(
      "Dana Levi\n"
      "Full-stack developer, 4 years' experience in Java and JavaScript\n"
      "\n"
      "Experience\n"
      "Java developer, Acme, 2021 - 2022\n"
      "- Wrote 10 years of billing history into the new store\n");
  const ParsedResume r = ParseResume(doc, {2022, 12});
  ASSERT_TRUE(r.facts.stated_years.has_value());
  EXPECT_EQ(*r.facts.stated_years, 4.0);
  EXPECT_EQ(r.facts.total_experience_months, 13);
  EXPECT_TRUE(UsesStatedYears(r.facts));
  EXPECT_EQ(ExperienceYears(r.facts), 4.0);
}

TEST(ParseResumeTest, DatedRolesWinOverSmallerStatedYears) {
  const Document doc = MakeDocument(
      "Dana Levi\n"
      "Developer with 1 year of experience\n"
      "\n"
      "Experience\n"
      "Java developer, Acme, 2015 - 2020\n");
  const ParsedResume r = ParseResume(doc, {2022, 12});
  EXPECT_EQ(r.facts.stated_years, 1.0);
  EXPECT_FALSE(UsesStatedYears(r.facts));
  EXPECT_EQ(ExperienceYears(r.facts), 61 / 12.0);
}

}  // namespace
}  // namespace rc::engine

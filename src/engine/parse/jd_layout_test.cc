// Tests for restoring the line structure of flattened job descriptions.
#include "engine/parse/jd_layout.h"

#include <gtest/gtest.h>

#include "engine/parse/jd_parser.h"
#include "engine/test_taxonomy.h"

namespace rc::engine {
namespace {

// A job ad whose headings and bullets were joined into one paragraph, as scraped ads often are.
constexpr char kFlattened[] =
    "Backend Developer\n"
    "\n"
    "What You Will Be Doing We build payment services for small shops across the region and we "
    "care about quality - Developing new features - Maintaining the billing service What You "
    "Need for this Position - Experience building services in Python - Knowledge of PostgreSQL "
    "and Kubernetes Must have good understanding of distributed systems Nice To Haves - "
    "Experience with Terraform What's In It for You - Medical - Dental - Vacation Copyright "
    "2010 - 2019 Example Inc.";

std::vector<std::string> Lines(const Document& doc) {
  std::vector<std::string> out;
  for (std::uint32_t l = 0; l < doc.tok.lines.size(); ++l) out.emplace_back(doc.LineText(l));
  return out;
}

TEST(JdLayoutTest, SplitsFlattenedHeadingsAndBullets) {
  const Document doc = MakeJobDocument(kFlattened);
  const std::vector<std::string> lines = Lines(doc);
  auto has = [&](std::string_view line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  };
  EXPECT_TRUE(has("What You Will Be Doing"));
  EXPECT_TRUE(has("- Developing new features"));
  EXPECT_TRUE(has("What You Need for this Position"));
  EXPECT_TRUE(has("- Knowledge of PostgreSQL and Kubernetes"));
  EXPECT_TRUE(has("Must have good understanding of distributed systems"));
  EXPECT_TRUE(has("Nice To Haves"));
  EXPECT_TRUE(has("What's In It for You"));
  // A year range is no bullet.
  EXPECT_TRUE(has("- Vacation Copyright 2010 - 2019 Example Inc."));
}

TEST(JdLayoutTest, KeepsLengthAndOffsets) {
  const std::string restored = RestoreJobLineBreaks(kFlattened);
  ASSERT_EQ(restored.size(), std::string(kFlattened).size());
  for (std::size_t i = 0; i < restored.size(); ++i) {
    if (restored[i] != kFlattened[i]) {
      EXPECT_EQ(kFlattened[i], ' ');
      EXPECT_EQ(restored[i], '\n');
    }
  }
  const Document doc = MakeJobDocument(kFlattened);
  const ParsedJob job = ParseJob(*testing::TestTaxonomy(), doc);
  for (const model::Requirement& r : job.facts.requirements) {
    if (r.skill_id.empty()) continue;
    const std::string text(std::string(kFlattened).substr(r.span.begin, r.span.end - r.span.begin));
    EXPECT_FALSE(text.empty());
    EXPECT_EQ(text.find('\n'), std::string::npos) << text;
  }
}

TEST(JdLayoutTest, FlattenedSectionsGiveImportance) {
  const Document doc = MakeJobDocument(kFlattened);
  const ParsedJob job = ParseJob(*testing::TestTaxonomy(), doc);
  EXPECT_TRUE(job.has_requirements_section);
  const model::Requirement* terraform = nullptr;
  const model::Requirement* python = nullptr;
  for (const model::Requirement& r : job.facts.requirements) {
    if (r.skill_id == "terraform") terraform = &r;
    if (r.skill_id == "python") python = &r;
  }
  ASSERT_NE(terraform, nullptr);
  ASSERT_NE(python, nullptr);
  EXPECT_EQ(terraform->importance, model::Importance::kPreferred);
  EXPECT_EQ(python->importance, model::Importance::kRequired);
}

TEST(JdLayoutTest, ShortLinesAndProseStayAsWritten) {
  constexpr char kNormal[] =
      "Senior Engineer\n"
      "Requirements:\n"
      "- Experience with Python - and Go\n"
      "We are a small team. Experience Design matters to us.\n";
  EXPECT_EQ(RestoreJobLineBreaks(kNormal), kNormal);
  // A long proper sentence with capitalised names keeps its one line.
  const std::string prose =
      "Our clinic in Springfield serves families from the whole county and the nurses on the "
      "Maternity Ward work with the Pediatric Team, the Social Services office and the "
      "Community Health Board to plan care for every newborn, and they report to the Head of "
      "Nursing who reviews the care plans with the Medical Director every week.";
  EXPECT_EQ(RestoreJobLineBreaks(prose), prose);
  const std::string names =
      "Our Customer Experience team and the Strong Start program help every new client in the "
      "first month, and the Platform Experience group builds the tools they use to onboard shops, "
      "train staff and answer questions from customers in twelve countries every day of the week.";
  EXPECT_EQ(RestoreJobLineBreaks(names), names);
}

TEST(JdLayoutTest, LabelsStartLinesAndSectionLabelsStandAlone) {
  const std::string text =
      "Minimum Required Skills: Python, SQL, Linux and a lot of patience for the many systems "
      "that the company runs every day in its data centers across the country and abroad "
      "Preferred Qualifications: Strong Python development experience Experience with "
      "Terraform modules Languages: English and German";
  const Document doc = MakeJobDocument(text);
  const std::vector<std::string> lines = Lines(doc);
  ASSERT_GE(lines.size(), 5u);
  EXPECT_EQ(lines[0], "Minimum Required Skills:");
  EXPECT_EQ(JobHeadingKind(lines[0]), "requirements");
  auto has = [&](std::string_view line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  };
  EXPECT_TRUE(has("Preferred Qualifications:"));
  EXPECT_TRUE(has("Strong Python development experience"));
  EXPECT_TRUE(has("Experience with Terraform modules"));
  EXPECT_TRUE(has("Languages: English and German"));
}

TEST(JdLayoutTest, NotRequiredHeadingIsPreferred) {
  EXPECT_EQ(JobHeadingKind("Additional Experience (Not Required):"), "preferred");
  EXPECT_EQ(JobHeadingKind("Optional (not required):"), "preferred");
  EXPECT_EQ(JobHeadingKind("What's In It for You"), "benefits");
}

}  // namespace
}  // namespace rc::engine

// Tests for the report's JSON encoding.
#include "codec/report_json.h"

#include <gtest/gtest.h>

namespace rc::codec {
namespace {

model::Report SampleReport() {
  model::Report r;
  r.engine_version = "1.0.0";
  r.taxonomy_version = "2026.11.1";
  r.score.total = 72;
  r.score.factors.push_back({"hard_skills", "Hard skills", 0.5, 0.8, 40.0, "8 of 10"});
  model::Requirement q;
  q.id = "r1";
  q.name = "Python";
  q.years_min = 5.0;
  q.span = {10, 16};
  r.job.requirements.push_back(q);
  model::RequirementMatch m;
  m.requirement_id = "r1";
  m.status = model::MatchStatus::kPartial;
  m.evidence.push_back({{3, 9}, "experience", "Built Python services"});
  r.matches.push_back(m);
  r.checks.push_back(
      {"weak_phrases", "Weak phrases", model::CheckStatus::kWarn, "1 found", {{0, 4}}});
  model::ExperienceEntry e;
  e.start = model::YearMonth{2020, 3};
  r.resume.experience.push_back(e);
  return r;
}

TEST(ReportJsonTest, MapsFieldsAndEnums) {
  nlohmann::json j = ReportToJsonValue(SampleReport());
  EXPECT_EQ(j["score"]["total"], 72);
  EXPECT_EQ(j["job"]["requirements"][0]["importance"], "required");
  EXPECT_EQ(j["job"]["requirements"][0]["years_min"], 5.0);
  EXPECT_EQ(j["job"]["requirements"][0]["core"], false);
  EXPECT_TRUE(j["job"]["years_max"].is_null());
  EXPECT_TRUE(j["resume"]["stated_years"].is_null());
  EXPECT_EQ(j["job"]["requirements"][0]["span"]["end"], 16);
  EXPECT_EQ(j["matches"][0]["status"], "partial");
  EXPECT_TRUE(j["matches"][0]["years_found"].is_null());
  EXPECT_EQ(j["checks"][0]["status"], "warn");
  EXPECT_EQ(j["resume"]["experience"][0]["start"]["month"], 3);
  EXPECT_TRUE(j["resume"]["experience"][0]["end"].is_null());
}

TEST(ReportJsonTest, EncodingIsStable) {
  EXPECT_EQ(ReportToJson(SampleReport()), ReportToJson(SampleReport()));
  EXPECT_NE(ReportToJson(SampleReport()).find("\"engine_version\":\"1.0.0\""), std::string::npos);
}

TEST(ReportJsonTest, InvalidUtf8IsReplacedNotThrown) {
  model::Report r = SampleReport();
  r.warnings.push_back("bad \xFF byte");
  std::string out = ReportToJson(r);
  EXPECT_NE(out.find("bad \xEF\xBF\xBD byte"), std::string::npos);
}

}  // namespace
}  // namespace rc::codec

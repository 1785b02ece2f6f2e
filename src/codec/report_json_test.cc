// Tests for the report's JSON encoding and decoding.
#include "codec/report_json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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

// Every field set to something other than its default, every optional set, every enumerator of
// every enum used, fractions that do not print exactly, and text that needs escaping.
model::Report FullReport() {
  model::Report r;
  r.engine_version = "2.3.4";
  r.taxonomy_version = "2026.11.2";
  r.score.total = 64;
  r.score.factors.push_back({"hard_skills", "Hard skills", 0.45, 1.0 / 3.0, 15.0, "3 of 9"});
  r.score.factors.push_back({"education", "Education", 0.1, 0.7, 7.000000000000001, "none"});

  const model::RequirementKind kinds[] = {
      model::RequirementKind::kSkill, model::RequirementKind::kExperience,
      model::RequirementKind::kEducation, model::RequirementKind::kCertification,
      model::RequirementKind::kOther};
  const model::MatchStatus statuses[] = {model::MatchStatus::kMet, model::MatchStatus::kPartial,
                                         model::MatchStatus::kMissing};
  for (int i = 0; i < 5; ++i) {
    model::Requirement q;
    q.id = "r" + std::to_string(i + 1);
    q.kind = kinds[i];
    q.importance = i % 2 == 0 ? model::Importance::kRequired : model::Importance::kPreferred;
    q.name = "Req \"" + std::to_string(i) + "\"\\n\u00e9";
    q.skill_id = "skill." + std::to_string(i);
    q.skill_kind = "tool";
    q.years_min = 2.5 + i;
    q.degree_level = "bachelor";
    q.span = {10 * i, 10 * i + 7};
    q.sentence_span = {10 * i, 10 * i + 9};
    q.core = i == 0;
    r.job.requirements.push_back(q);

    model::RequirementMatch m;
    m.requirement_id = q.id;
    m.status = statuses[i % 3];
    m.credit = 0.1 * i;
    m.evidence.push_back({{3 + i, 9 + i}, "experience", "Built\tservices \U0001F680"});
    m.evidence.push_back({{100, 120}, "skills", ""});
    m.years_found = 1.25 * i;
    m.related_skill = "MySQL";
    m.explanation = "Because.";
    r.matches.push_back(m);
  }

  const model::SkillKind skill_kinds[] = {
      model::SkillKind::kHard,          model::SkillKind::kSoft,     model::SkillKind::kTool,
      model::SkillKind::kCertification, model::SkillKind::kLanguage, model::SkillKind::kDomain};
  for (int i = 0; i < 6; ++i) {
    model::SkillMention mention{"id" + std::to_string(i),
                                "Name " + std::to_string(i),
                                skill_kinds[i],
                                {i, i + 4},
                                "skills"};
    r.matched_skills.push_back(mention);
    mention.section = "requirements";
    r.missing_skills.push_back(mention);
    mention.section = "experience";
    r.extra_skills.push_back(mention);
  }

  r.checks.push_back({"contact", "Contact", model::CheckStatus::kPass, "ok", {}});
  r.checks.push_back({"weak", "Weak phrases", model::CheckStatus::kWarn, "1", {{0, 4}, {8, 9}}});
  r.checks.push_back({"length", "Length", model::CheckStatus::kFail, "short", {{0, 1}}});

  r.resume.contact = {"Ana Lima",
                      "ana@example.com",
                      "+1 555 0100",
                      {"https://example.com/a", "https://example.com/b"},
                      "Lisbon"};
  r.resume.sections.push_back({"summary", "", {0, 0}, {0, 40}});
  r.resume.sections.push_back({"experience", "WORK HISTORY", {41, 53}, {54, 400}});
  model::ExperienceEntry e;
  e.title = "Engineer";
  e.employer = "Acme";
  e.start = model::YearMonth{2019, 0};
  e.end = model::YearMonth{2021, 12};
  e.is_current = true;
  e.months = 36;
  e.span = {54, 200};
  e.header_span = {54, 80};
  e.bullets = {{81, 120}, {121, 200}};
  r.resume.experience.push_back(e);
  r.resume.education.push_back({"master", "computer science", "Uni", 2018, {401, 450}});
  r.resume.certifications = {"AWS SA", "CKA"};
  r.resume.total_experience_months = 36;
  r.resume.stated_years = 4.5;
  r.resume.word_count = 512;

  r.job.title = "Senior Engineer";
  r.job.seniority = "senior";
  r.job.years_required = 5.0;
  r.job.years_max = 8.0;
  r.job.degree_level = "bachelor";
  r.job.title_span = {0, 15};
  r.warnings = {"first", "second \u2014 with a dash"};
  return r;
}

// The encoded sample with one edit applied to its JSON value.
template <typename F>
std::string Edited(F&& edit) {
  nlohmann::json j = ReportToJsonValue(FullReport());
  edit(j);
  return j.dump();
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ReportFromJsonTest, RoundTripsEveryGoldenReportByteForByte) {
  const std::filesystem::path root = std::filesystem::path(RC_SOURCE_DIR) / "tests" / "golden";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (std::filesystem::exists(entry.path() / "expected.json")) {
      files.push_back(entry.path() / "expected.json");
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 12u);
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    const std::string text = ReadFile(file);
    ASSERT_FALSE(text.empty());
    Result<model::Report> r = ReportFromJson(text);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    // The golden files are the indented encoding plus a newline (tests/golden/golden_cases.h).
    EXPECT_TRUE(ReportToJson(*r, 2) + "\n" == text);
    // And the compact form the sessions store.
    const std::string compact = ReportToJson(*r);
    Result<model::Report> again = ReportFromJson(compact);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(ReportToJson(*again), compact);
  }
}

TEST(ReportFromJsonTest, RoundTripsAReportWithEveryOptionalSet) {
  const std::string encoded = ReportToJson(FullReport());
  Result<model::Report> r = ReportFromJson(encoded);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ReportToJson(*r), encoded);

  // Spot checks on the struct itself, so a field lost both ways would still be caught.
  EXPECT_EQ(r->score.factors[0].score, 1.0 / 3.0);
  EXPECT_EQ(r->score.factors[1].points, 7.000000000000001);
  EXPECT_EQ(r->job.requirements[3].kind, model::RequirementKind::kCertification);
  EXPECT_EQ(r->job.requirements[1].importance, model::Importance::kPreferred);
  EXPECT_EQ(r->job.requirements[4].years_min, 6.5);
  EXPECT_TRUE(r->job.requirements[0].core);
  EXPECT_EQ(r->job.requirements[2].sentence_span, (model::Span{20, 29}));
  EXPECT_EQ(r->job.years_max, 8.0);
  EXPECT_EQ(r->matches[2].status, model::MatchStatus::kMissing);
  EXPECT_EQ(r->matches[4].years_found, 5.0);
  EXPECT_EQ(r->matches[1].evidence[0].excerpt, "Built\tservices \U0001F680");
  EXPECT_EQ(r->extra_skills[5].kind, model::SkillKind::kDomain);
  EXPECT_EQ(r->checks[2].status, model::CheckStatus::kFail);
  EXPECT_EQ(r->resume.experience[0].start, (model::YearMonth{2019, 0}));
  EXPECT_EQ(r->resume.experience[0].end, (model::YearMonth{2021, 12}));
  EXPECT_EQ(r->resume.experience[0].bullets.size(), 2u);
  EXPECT_EQ(r->resume.education[0].graduation_year, 2018);
  EXPECT_EQ(r->resume.stated_years, 4.5);
  EXPECT_EQ(r->resume.contact.links[1], "https://example.com/b");
  EXPECT_EQ(r->warnings[1], "second \u2014 with a dash");
}

TEST(ReportFromJsonTest, EmptyOptionalsComeBackEmpty) {
  model::Report sample = SampleReport();
  sample.resume.education.push_back({});
  const std::string encoded = ReportToJson(sample);
  Result<model::Report> r = ReportFromJson(encoded);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ReportToJson(*r), encoded);
  EXPECT_FALSE(r->job.years_required.has_value());
  EXPECT_FALSE(r->resume.stated_years.has_value());
  EXPECT_FALSE(r->matches[0].years_found.has_value());
  EXPECT_FALSE(r->resume.experience[0].end.has_value());
  EXPECT_FALSE(r->resume.education[0].graduation_year.has_value());
  EXPECT_EQ(ReportToJson(*ReportFromJson(ReportToJson(model::Report{}))),
            ReportToJson(model::Report{}));
}

TEST(ReportFromJsonTest, DecodesFromAParsedValue) {
  Result<model::Report> r = ReportFromJsonValue(ReportToJsonValue(FullReport()));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ReportToJson(*r), ReportToJson(FullReport()));
}

TEST(ReportFromJsonTest, IgnoresKeysItDoesNotKnow) {
  const std::string text = Edited([](nlohmann::json& j) {
    j["added_later"] = {{"anything", 1}};
    j["score"]["factors"][0]["confidence"] = "high";
    j["resume"]["experience"][0]["start"]["day"] = 14;
  });
  Result<model::Report> r = ReportFromJson(text);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ReportToJson(*r), ReportToJson(FullReport()));
}

TEST(ReportFromJsonTest, IntegersAreAcceptedWhereTheModelHasADouble) {
  Result<model::Report> r = ReportFromJson(Edited([](nlohmann::json& j) {
    j["job"]["years_required"] = 5;
    j["score"]["factors"][0]["weight"] = 1;
  }));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->job.years_required, 5.0);
  EXPECT_EQ(r->score.factors[0].weight, 1.0);
}

// Every member of every object in `j`, as JSON pointers ("/matches/0/status").
void CollectMembers(const nlohmann::json& j, const std::string& at, std::vector<std::string>* out) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      out->push_back(at + "/" + key);
      CollectMembers(value, at + "/" + key, out);
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      CollectMembers(j[i], at + "/" + std::to_string(i), out);
    }
  }
}

// "/matches/0/status" as the decoder names it: "report.matches[0].status".
std::string DecoderPath(const std::string& pointer) {
  std::string out = "report";
  std::stringstream parts(pointer.substr(1));
  std::string part;
  while (std::getline(parts, part, '/')) {
    const bool index = !part.empty() && std::all_of(part.begin(), part.end(),
                                                    [](char c) { return c >= '0' && c <= '9'; });
    out += index ? "[" + part + "]" : "." + part;
  }
  return out;
}

// Each key the encoder writes is read back: without it, the report does not decode.
TEST(ReportFromJsonTest, EveryKeyTheEncoderWritesIsRequired) {
  const nlohmann::json full = ReportToJsonValue(FullReport());
  std::vector<std::string> members;
  CollectMembers(full, "", &members);
  ASSERT_GT(members.size(), 100u);
  for (const std::string& pointer : members) {
    SCOPED_TRACE(pointer);
    nlohmann::json edited = full;
    const nlohmann::json::json_pointer ptr(pointer);
    edited[ptr.parent_pointer()].erase(ptr.back());
    Result<model::Report> r = ReportFromJson(edited.dump());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status(), InvalidArgumentError(DecoderPath(pointer) + " is missing"));
  }
}

// Each value is type-checked where it is: a value of a type never valid there is named by its
// path, and nothing throws.
TEST(ReportFromJsonTest, EveryValueIsTypeChecked) {
  const nlohmann::json full = ReportToJsonValue(FullReport());
  std::vector<std::string> members;
  CollectMembers(full, "", &members);
  for (const std::string& pointer : members) {
    SCOPED_TRACE(pointer);
    const nlohmann::json::json_pointer ptr(pointer);
    // A string is never valid where the encoder wrote something else, and an object never
    // valid where it wrote a string.
    const nlohmann::json wrong =
        full[ptr].is_string() ? nlohmann::json::object() : nlohmann::json("wrong");
    nlohmann::json edited = full;
    edited[ptr] = wrong;
    Result<model::Report> r = ReportFromJson(edited.dump());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_TRUE(r.status().message().starts_with(DecoderPath(pointer) + ": expected "))
        << r.status().message();
  }
}

struct MalformedCase {
  std::string name;
  std::string text;
  std::string message;  // the whole message, or its start when `prefix`
  bool prefix = false;
};

TEST(ReportFromJsonTest, MalformedInputIsInvalidArgumentNamingThePlace) {
  const std::vector<MalformedCase> cases = {
      {"empty", "", "report is not valid JSON (at byte 1)"},
      {"not json", "{\"score\": oops}", "report is not valid JSON (at byte 11)"},
      {"truncated", ReportToJson(FullReport()).substr(0, 100), "report is not valid JSON (at byte ",
       true},
      {"invalid utf-8", "{\"engine_version\":\"\xFF\"}", "report is not valid JSON (at byte ",
       true},
      {"deep nesting", std::string(100000, '['), "report is not valid JSON (at byte ", true},
      {"top level array", "[1, 2]", "report: expected an object, got array"},
      {"top level null", "null", "report: expected an object, got null"},
      {"missing top-level key", Edited([](nlohmann::json& j) { j.erase("warnings"); }),
       "report.warnings is missing"},
      {"missing nested key", Edited([](nlohmann::json& j) { j["score"].erase("total"); }),
       "report.score.total is missing"},
      {"missing optional", Edited([](nlohmann::json& j) { j["job"].erase("years_max"); }),
       "report.job.years_max is missing"},
      {"string for integer", Edited([](nlohmann::json& j) { j["score"]["total"] = "64"; }),
       "report.score.total: expected an integer, got string"},
      {"fraction for integer", Edited([](nlohmann::json& j) { j["score"]["total"] = 64.5; }),
       "report.score.total: expected an integer, got number"},
      {"integer out of range",
       Edited([](nlohmann::json& j) { j["job"]["title_span"]["end"] = 4294967296LL; }),
       "report.job.title_span.end: integer out of range"},
      {"negative out of range",
       Edited([](nlohmann::json& j) { j["resume"]["word_count"] = -4294967296LL; }),
       "report.resume.word_count: integer out of range"},
      {"unsigned out of range",
       Edited([](nlohmann::json& j) { j["resume"]["word_count"] = 18446744073709551615ULL; }),
       "report.resume.word_count: integer out of range"},
      {"number for bool",
       Edited([](nlohmann::json& j) { j["resume"]["experience"][0]["is_current"] = 1; }),
       "report.resume.experience[0].is_current: expected a boolean, got number"},
      {"string for optional double",
       Edited([](nlohmann::json& j) { j["job"]["requirements"][4]["years_min"] = "5"; }),
       "report.job.requirements[4].years_min: expected a number, got string"},
      {"null for required object", Edited([](nlohmann::json& j) { j["score"] = nullptr; }),
       "report.score: expected an object, got null"},
      {"null for required double",
       Edited([](nlohmann::json& j) { j["matches"][0]["credit"] = nullptr; }),
       "report.matches[0].credit: expected a number, got null"},
      {"object for list",
       Edited([](nlohmann::json& j) { j["warnings"] = nlohmann::json::object(); }),
       "report.warnings: expected an array, got object"},
      {"wrong list element", Edited([](nlohmann::json& j) { j["warnings"][1] = 7; }),
       "report.warnings[1]: expected a string, got number"},
      {"wrong nested optional",
       Edited([](nlohmann::json& j) { j["resume"]["experience"][0]["end"]["year"] = "2021"; }),
       "report.resume.experience[0].end.year: expected an integer, got string"},
      {"unknown match status",
       Edited([](nlohmann::json& j) { j["matches"][1]["status"] = "sorta"; }),
       "report.matches[1].status: unknown value \"sorta\""},
      {"unknown importance",
       Edited([](nlohmann::json& j) { j["job"]["requirements"][2]["importance"] = "Required"; }),
       "report.job.requirements[2].importance: unknown value \"Required\""},
      {"unknown requirement kind",
       Edited([](nlohmann::json& j) { j["job"]["requirements"][0]["kind"] = ""; }),
       "report.job.requirements[0].kind: unknown value \"\""},
      {"unknown skill kind",
       Edited([](nlohmann::json& j) { j["extra_skills"][3]["kind"] = "magic"; }),
       "report.extra_skills[3].kind: unknown value \"magic\""},
      {"unknown check status", Edited([](nlohmann::json& j) { j["checks"][0]["status"] = 1; }),
       "report.checks[0].status: expected a string, got number"},
      {"long unknown value is cut",
       Edited([](nlohmann::json& j) { j["checks"][0]["status"] = std::string(100, 'x'); }),
       "report.checks[0].status: unknown value \"" + std::string(40, 'x') + "...\""},
      {"span element", Edited([](nlohmann::json& j) { j["checks"][1]["spans"][1] = "0-4"; }),
       "report.checks[1].spans[1]: expected an object, got string"},
      {"old partial encoding", "{\"score\":{\"total\":11}}", "report.engine_version is missing"},
  };
  for (const MalformedCase& c : cases) {
    SCOPED_TRACE(c.name);
    Result<model::Report> r = ReportFromJson(c.text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    if (c.prefix) {
      EXPECT_TRUE(r.status().message().starts_with(c.message)) << r.status().message();
    } else {
      EXPECT_EQ(r.status().message(), c.message);
    }
  }
}

}  // namespace
}  // namespace rc::codec

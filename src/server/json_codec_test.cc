// Tests for request parsing and response encoding.
#include "server/json_codec.h"

#include <gtest/gtest.h>

#include <string>

namespace rc::server {
namespace {

using nlohmann::json;

TEST(ParseJsonObject, AcceptsAnObject) {
  Result<json> j = ParseJsonObject(R"({"resume":"r","job_description":"j"})");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ((*j)["resume"], "r");
}

TEST(ParseJsonObject, RejectsMalformedInput) {
  EXPECT_EQ(ParseJsonObject("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseJsonObject("{\"resume\":").status(),
            InvalidArgumentError("request body is not valid JSON"));
  EXPECT_EQ(ParseJsonObject("[1,2]").status(),
            InvalidArgumentError("request body must be a JSON object"));
  EXPECT_EQ(ParseJsonObject("\"text\"").status(),
            InvalidArgumentError("request body must be a JSON object"));
}

TEST(ParseJsonObject, LimitsNesting) {
  std::string ok = std::string(32, '[') + std::string(32, ']');
  EXPECT_EQ(ParseJsonObject("{\"a\":" + std::string(31, '[') + std::string(31, ']') + "}")
                .status()
                .code(),
            StatusCode::kOk);
  Result<json> deep =
      ParseJsonObject("{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}");
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.status(), InvalidArgumentError("request body is nested deeper than 32 levels"));
  (void)ok;
}

TEST(ParseJsonObject, NamesTheFieldWithInvalidUtf8) {
  Result<json> j = ParseJsonObject("{\"resume\":\"ok\",\"job_description\":\"bad \xFF\xFE\"}");
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.status(), InvalidArgumentError("job_description is not valid UTF-8"));
  Result<json> k = ParseJsonObject("{\"resume\":\"\xC3\"}");
  EXPECT_EQ(k.status(), InvalidArgumentError("resume is not valid UTF-8"));
  // Outside any string value the field cannot be named.
  Result<json> l = ParseJsonObject("{\xFF}");
  EXPECT_EQ(l.status(), InvalidArgumentError("request body is not valid UTF-8"));
}

TEST(RequireString, ReportsMissingAndWrongTypes) {
  const json j = json::parse(R"({"s":"x","n":3,"z":null,"a":["x"]})");
  EXPECT_EQ(RequireString(j, "s").value_or(""), "x");
  EXPECT_EQ(RequireString(j, "missing").status(), InvalidArgumentError("missing is required"));
  EXPECT_EQ(RequireString(j, "z").status(), InvalidArgumentError("z is required"));
  EXPECT_EQ(RequireString(j, "n").status(), InvalidArgumentError("n must be a string"));
  EXPECT_EQ(RequireString(j, "a").status(), InvalidArgumentError("a must be a string"));
}

TEST(AnalyzeResponseBody, SplicesTheReportVerbatim) {
  const std::string body = AnalyzeResponseBody("# A \"quote\"", "sid", R"({"score":{"total":7}})");
  const json j = json::parse(body);
  EXPECT_EQ(j["analysis"], "# A \"quote\"");
  EXPECT_EQ(j["sessionId"], "sid");
  EXPECT_EQ(j["report"]["score"]["total"], 7);
}

TEST(SessionResponseBody, HasEveryDocumentedField) {
  model::Session s;
  s.id = "sid";
  s.resume = "r";
  s.job_description = "j";
  s.report_json = R"({"score":{"total":50}})";
  s.analysis_markdown = "md";
  s.chat.push_back({"user", "q?", "", true, 5});
  s.chat.push_back({"assistant", "a.", "builtin", true, 6});
  s.created_at_ms = 1;
  s.updated_at_ms = 6;
  const json j = json::parse(SessionResponseBody(s, 106));
  EXPECT_EQ(j["sessionId"], "sid");
  EXPECT_EQ(j["resume"], "r");
  EXPECT_EQ(j["job_description"], "j");
  EXPECT_EQ(j["analysis"], "md");
  ASSERT_TRUE(j.contains("analysis_mode"));
  EXPECT_EQ(j["analysis_mode"], "builtin");  // the model's default
  ASSERT_TRUE(j.contains("analysis_notice"));
  EXPECT_EQ(j["analysis_notice"], "");  // nothing to explain
  EXPECT_EQ(j["report"]["score"]["total"], 50);
  ASSERT_EQ(j["chat"].size(), 2u);
  EXPECT_EQ(j["chat"][1], json::parse(R"({"role":"assistant","content":"a.","mode":"builtin",
                                          "complete":true,"created_at_ms":6})"));
  EXPECT_EQ(j["created_at_ms"], 1);
  EXPECT_EQ(j["updated_at_ms"], 6);
  EXPECT_EQ(j["expires_at_ms"], 106);
}

TEST(SessionResponseBody, SaysWhichCoachWroteTheAnalysis) {
  model::Session s;
  s.id = "sid";
  s.analysis_markdown = "## From the model";
  s.analysis_mode = "llm";
  const json j = json::parse(SessionResponseBody(s, 0));
  ASSERT_TRUE(j.contains("analysis_mode"));
  EXPECT_EQ(j["analysis_mode"], "llm");
  EXPECT_EQ(j["analysis"], "## From the model");
  EXPECT_TRUE(j["report"].is_null());  // no stored report
}

TEST(SessionResponseBody, SaysWhyTheBuiltinCoachWroteTheAnalysis) {
  model::Session s;
  s.id = "sid";
  s.analysis_mode = "builtin";
  s.analysis_notice =
      "The AI coach was unavailable (\"timeout\"); this analysis comes from the built-in coach.";
  const json j = json::parse(SessionResponseBody(s, 0));
  EXPECT_EQ(j["analysis_mode"], "builtin");
  EXPECT_EQ(j["analysis_notice"], s.analysis_notice);
}

TEST(ItemsResponseBody, ListsWithoutContent) {
  const json j = json::parse(ItemsResponseBody({{"a", "A", "resume", "secret text"}}));
  EXPECT_EQ(j, json::parse(R"([{"id":"a","name":"A","kind":"resume"}])"));
  const json item = json::parse(ItemResponseBody({"a", "A", "job", "text"}));
  EXPECT_EQ(item, json::parse(R"({"id":"a","name":"A","kind":"job","content":"text"})"));
}

TEST(DumpJson, NeverThrowsOnInvalidUtf8) {
  EXPECT_NO_THROW((void)DumpJson(json(std::string("bad \xFF"))));
}

TEST(DocumentResponseBody, CarriesTextFormatPagesAndWarningsButNotHiddenText) {
  ingest::Document doc;
  doc.text = "Visible";
  doc.format = ingest::Format::kPdf;
  doc.pages = 2;
  doc.hidden_text = "secret";
  doc.warnings.push_back({"white_text", "White text.", "secret", "page 2"});
  const json j = json::parse(DocumentResponseBody(doc));
  EXPECT_EQ(j, json::parse(R"({"text":"Visible","format":"pdf","pages":2,"warnings":[
      {"kind":"white_text","message":"White text.","excerpt":"secret","location":"page 2"}]})"));
}

}  // namespace
}  // namespace rc::server

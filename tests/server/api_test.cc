// End-to-end: every endpoint of docs/api.md and its error paths, against the real binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/server/test_server.h"

namespace rc::e2e {
namespace {

using nlohmann::json;

constexpr char kCsp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'";

json Parse(const HttpResult& r) { return json::parse(r.body, nullptr, false); }

void ExpectSecurityHeaders(const HttpResult& r) {
  EXPECT_EQ(r.Header("content-security-policy"), kCsp);
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.Header("referrer-policy"), "no-referrer");
}

void ExpectError(const HttpResult& r, int status, const std::string& code,
                 const std::string& message_part = "") {
  EXPECT_EQ(r.status, status) << r.body;
  const json j = Parse(r);
  ASSERT_TRUE(j.is_object()) << r.body;
  EXPECT_EQ(j["error"]["code"], code) << r.body;
  EXPECT_NE(j["error"]["message"].get<std::string>().find(message_part), std::string::npos)
      << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
  ExpectSecurityHeaders(r);
}

class ApiTest : public ::testing::Test {
 protected:
  std::string Example(const std::string& id) {
    HttpResult r = Request(server_.port(), "GET", "/items/" + id);
    EXPECT_EQ(r.status, 200);
    return Parse(r)["content"];
  }

  std::string Analyze() {
    json req = {{"resume", Example("software-engineer-resume")},
                {"job_description", Example("backend-engineer-job")}};
    HttpResult r = PostJson(server_.port(), "/analyze", req.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return Parse(r).value("sessionId", "");
  }

  TempDir data_;
  ServerProcess server_{data_.path()};
};

TEST_F(ApiTest, Health) {
  HttpResult r = Request(server_.port(), "GET", "/health");
  ASSERT_EQ(r.status, 200);
  const json j = Parse(r);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["storage"], "sqlite");
  EXPECT_EQ(j["llm"], "builtin");
  EXPECT_TRUE(j["version"].is_string());
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  ExpectSecurityHeaders(r);
}

TEST_F(ApiTest, ItemsListTheDefaultExamples) {
  HttpResult r = Request(server_.port(), "GET", "/items");
  ASSERT_EQ(r.status, 200);
  const json items = Parse(r);
  ASSERT_TRUE(items.is_array());
  int resumes = 0, jobs = 0;
  for (const json& item : items) {
    EXPECT_TRUE(item["id"].is_string());
    EXPECT_TRUE(item["name"].is_string());
    EXPECT_FALSE(item.contains("content"));
    resumes += item["kind"] == "resume";
    jobs += item["kind"] == "job";
  }
  EXPECT_GE(resumes, 3);
  EXPECT_GE(jobs, 3);

  r = Request(server_.port(), "GET", "/items/registered-nurse-resume");
  ASSERT_EQ(r.status, 200);
  const json item = Parse(r);
  EXPECT_EQ(item["id"], "registered-nurse-resume");
  EXPECT_EQ(item["kind"], "resume");
  EXPECT_NE(item["content"].get<std::string>().find("BLS"), std::string::npos);

  ExpectError(Request(server_.port(), "GET", "/items/no-such-example"), 404, "NOT_FOUND",
              "example not found");
}

TEST_F(ApiTest, AnalyzeChatSessionDelete) {
  const std::string resume = Example("software-engineer-resume");
  json req = {{"resume", resume}, {"job_description", Example("backend-engineer-job")}};
  HttpResult r = PostJson(server_.port(), "/analyze", req.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  const json a = Parse(r);
  const std::string id = a["sessionId"];
  EXPECT_EQ(id.size(), 43u);
  const std::string analysis = a["analysis"];
  EXPECT_NE(analysis.find("Qualification Assessment"), std::string::npos) << analysis;
  EXPECT_NE(analysis.find("Missing Skills"), std::string::npos);
  EXPECT_NE(analysis.find("Key Strengths"), std::string::npos);
  ASSERT_TRUE(a["report"].is_object());
  const int score = a["report"]["score"]["total"];
  EXPECT_GE(score, 0);
  EXPECT_LE(score, 100);

  r = PostJson(server_.port(), "/chat",
               json{{"question", "What skills am I missing?"}, {"sessionId", id}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  const json c = Parse(r);
  EXPECT_FALSE(c["answer"].get<std::string>().empty());
  EXPECT_EQ(c["mode"], "builtin");

  r = Request(server_.port(), "GET", "/session", "", {{"X-Session-Id", id}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  const json s = Parse(r);
  EXPECT_EQ(s["sessionId"], id);
  EXPECT_EQ(s["resume"], resume);
  EXPECT_EQ(s["analysis"], analysis);
  EXPECT_EQ(s["report"], a["report"]);
  ASSERT_EQ(s["chat"].size(), 2u);
  EXPECT_EQ(s["chat"][0]["role"], "user");
  EXPECT_EQ(s["chat"][0]["content"], "What skills am I missing?");
  EXPECT_EQ(s["chat"][1]["role"], "assistant");
  EXPECT_EQ(s["chat"][1]["content"], c["answer"]);
  EXPECT_EQ(s["expires_at_ms"].get<std::int64_t>(),
            s["updated_at_ms"].get<std::int64_t>() + 24LL * 3600 * 1000);

  r = Request(server_.port(), "DELETE", "/session", "", {{"X-Session-Id", id}});
  EXPECT_EQ(r.status, 204);
  ExpectError(Request(server_.port(), "GET", "/session", "", {{"X-Session-Id", id}}), 404,
              "NOT_FOUND", "session not found");
  ExpectError(PostJson(server_.port(), "/chat", json{{"question", "hi"}, {"sessionId", id}}.dump()),
              404, "NOT_FOUND", "session not found");
}

TEST_F(ApiTest, AccessLogHoldsNoTextOrFullIds) {
  const std::string id = Analyze();
  ASSERT_EQ(id.size(), 43u);
  ASSERT_EQ(PostJson(server_.port(), "/chat",
                     json{{"question", "canary-question-7731"}, {"sessionId", id}}.dump())
                .status,
            200);
  const std::string log = server_.Log();
  EXPECT_NE(log.find("access method=POST path=/chat status=200"), std::string::npos) << log;
  EXPECT_NE(log.find("sid=" + id.substr(0, 6)), std::string::npos);
  EXPECT_EQ(log.find(id), std::string::npos);
  EXPECT_EQ(log.find("canary-question-7731"), std::string::npos);
  EXPECT_EQ(log.find("Daniel Okafor"), std::string::npos);
}

TEST_F(ApiTest, BadBodiesAre400NamingTheField) {
  const int port = server_.port();
  ExpectError(PostJson(port, "/analyze", "{\"resume\": "), 400, "INVALID_ARGUMENT",
              "not valid JSON");
  ExpectError(PostJson(port, "/analyze", "[]"), 400, "INVALID_ARGUMENT", "JSON object");
  ExpectError(PostJson(port, "/analyze", R"({"job_description":"j"})"), 400, "INVALID_ARGUMENT",
              "resume is required");
  ExpectError(PostJson(port, "/analyze", R"({"resume":["x"],"job_description":"j"})"), 400,
              "INVALID_ARGUMENT", "resume must be a string");
  ExpectError(PostJson(port, "/analyze", R"({"resume":"r","job_description":42})"), 400,
              "INVALID_ARGUMENT", "job_description must be a string");
  ExpectError(PostJson(port, "/analyze", R"({"resume":"   ","job_description":"j"})"), 400,
              "INVALID_ARGUMENT", "resume is empty");
  ExpectError(PostJson(port, "/analyze", "{\"resume\":\"r\",\"job_description\":\"\xC3\x28\"}"),
              400, "INVALID_ARGUMENT", "job_description is not valid UTF-8");
  ExpectError(PostJson(port, "/chat", R"({"question":"q"})"), 400, "INVALID_ARGUMENT",
              "sessionId is required");
  ExpectError(PostJson(port, "/chat", R"({"question":7,"sessionId":"x"})"), 400, "INVALID_ARGUMENT",
              "question must be a string");
  ExpectError(PostJson(port, "/chat", json{{"question", ""}, {"sessionId", "x"}}.dump()), 400,
              "INVALID_ARGUMENT", "question is empty");
  ExpectError(Request(port, "POST", "/analyze", R"({"resume":"r","job_description":"j"})",
                      {{"Content-Type", "text/plain"}}),
              415, "UNSUPPORTED_MEDIA_TYPE", "application/json");
}

TEST_F(ApiTest, UnknownSessionsAre404) {
  const int port = server_.port();
  const std::string unknown(43, 'Q');
  ExpectError(PostJson(port, "/chat", json{{"question", "hi"}, {"sessionId", unknown}}.dump()), 404,
              "NOT_FOUND", "session not found");
  ExpectError(Request(port, "GET", "/session", "", {{"X-Session-Id", unknown}}), 404, "NOT_FOUND",
              "session not found");
  ExpectError(Request(port, "DELETE", "/session", "", {{"X-Session-Id", "short"}}), 404,
              "NOT_FOUND", "session not found");
  ExpectError(Request(port, "GET", "/session"), 400, "INVALID_ARGUMENT", "X-Session-Id");
  ExpectError(Request(port, "DELETE", "/session"), 400, "INVALID_ARGUMENT", "X-Session-Id");
}

TEST_F(ApiTest, UnknownPathsAndMethods) {
  const int port = server_.port();
  ExpectError(Request(port, "GET", "/nope"), 404, "NOT_FOUND");
  ExpectError(PostJson(port, "/nope", "{}"), 404, "NOT_FOUND");
  HttpResult r = Request(port, "GET", "/analyze");
  ExpectError(r, 405, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(r.Header("allow"), "POST");
  r = Request(port, "PUT", "/session");
  ExpectError(r, 405, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(r.Header("allow"), "GET, DELETE");
  r = Request(port, "POST", "/health", "{}", {{"Content-Type", "application/json"}});
  ExpectError(r, 405, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(r.Header("allow"), "GET, HEAD");
}

TEST_F(ApiTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  RawConnection conn(server_.port());
  ASSERT_TRUE(conn.connected());
  const std::string one = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_TRUE(
      conn.Send(one + one + "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  const std::string all = conn.ReadAll();
  std::size_t count = 0;
  for (std::size_t pos = all.find("HTTP/1.1 200"); pos != std::string::npos;
       pos = all.find("HTTP/1.1 200", pos + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 3u);
}

}  // namespace
}  // namespace rc::e2e

// Tests for the router: requests in, responses out, no sockets.
#include "server/router.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "llm/scripted_llm_client.h"
#include "service/fakes_for_test.h"
#include "service/llm_coach.h"
#include "storage/memory_store.h"

namespace rc::server {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    web_root_ = fs::temp_directory_path() /
                ("rc-router-" +
                 std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(web_root_ / "assets");
    std::ofstream(web_root_ / "index.html") << "<!doctype html>";
    std::ofstream(web_root_ / "assets" / "a.js") << "x";
    static_files_ = std::make_unique<StaticFiles>(web_root_);
    EXPECT_TRUE(examples_.Put({"nurse-resume", "Nurse resume", "resume", "RN text"}).ok());
    router_ = std::make_unique<Router>(
        Services{&analysis_, &chat_, &sessions_, &examples_, &health_, &documents_}, *static_files_,
        RouterOptions{.cors_origins = {"http://localhost:5173", "*"}, .version = "9.9"});
  }
  ~RouterTest() override { fs::remove_all(web_root_); }

  HttpResponse Send(std::string method, std::string target, std::string body = "",
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpRequest req;
    req.method = std::move(method);
    req.target = std::move(target);
    req.body = std::move(body);
    if (!req.body.empty()) req.headers.Add("Content-Type", "application/json");
    for (auto& [k, v] : headers) req.headers.Set(k, v);
    return router_->Handle(req);
  }

  std::string Analyze() {
    HttpResponse res = Send("POST", "/analyze", R"({"resume":"my resume","job_description":"j"})");
    EXPECT_EQ(res.status, 200);
    return json::parse(res.body)["sessionId"];
  }

  static void ExpectError(const HttpResponse& res, int status, std::string_view code,
                          std::string_view message) {
    EXPECT_EQ(res.status, status);
    const json j = json::parse(res.body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << res.body;
    EXPECT_EQ(j["error"]["code"], code) << res.body;
    if (!message.empty()) {
      EXPECT_EQ(j["error"]["message"], message) << res.body;
    }
  }

  FakeClock clock_;
  storage::MemoryStore store_{clock_};
  service::FakeAnalyst analyst_;
  service::FakeResponder responder_;
  service::Limits limits_{.max_question_chars = 30};
  service::AnalysisService analysis_{store_, analyst_, limits_};
  service::ChatService chat_{store_, analyst_, responder_, clock_, limits_};
  service::SessionService sessions_{store_, storage::kDefaultSessionTtlMs};
  service::ExampleService examples_{store_, limits_};
  service::HealthService health_{store_};
  service::DocumentService documents_{ingest::Limits{}};  // text only: no PDF worker here
  fs::path web_root_;
  std::unique_ptr<StaticFiles> static_files_;
  std::unique_ptr<Router> router_;
};

// Records a streamed body; runs blocking work inline.
class BufferWriter final : public BodyWriter {
 public:
  void Write(std::string_view bytes) override { body += bytes; }
  void Close() override { closed = true; }
  void RunBlocking(std::function<void()> work) override { work(); }
  void SetStatus(int s) override { status = s; }
  void SetHeader(std::string_view name, std::string_view value) override {
    headers.emplace_back(name, value);
  }
  std::string body;
  bool closed = false;
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
};

TEST_F(RouterTest, AnalyzeAndChatStreamWhenTheClientAcceptsAnEventStream) {
  HttpResponse res = Send("POST", "/analyze", R"({"resume":"my resume","job_description":"j"})",
                          {{"Accept", "text/event-stream"}});
  ASSERT_EQ(res.status, 200);
  ASSERT_NE(res.stream, nullptr);
  EXPECT_EQ(res.headers.Get("content-type"), "text/event-stream; charset=utf-8");
  EXPECT_EQ(res.headers.Get("content-security-policy"), kContentSecurityPolicy);
  auto writer = std::make_shared<BufferWriter>();
  res.stream->Start(writer);
  EXPECT_TRUE(writer->closed);
  ASSERT_TRUE(
      writer->body.starts_with("event: report\ndata: {\"report\":{\"score\":{\"total\":9}}}\n\n"))
      << writer->body;
  const std::size_t done = writer->body.find("event: done\ndata: ");
  ASSERT_NE(done, std::string::npos) << writer->body;
  const json d = json::parse(writer->body.substr(done + 18));
  EXPECT_EQ(d["mode"], "builtin");
  const std::string id = d["sessionId"];
  ASSERT_EQ(id.size(), 43u);

  res = Send("POST", "/chat", json{{"question", "why?"}, {"sessionId", id}}.dump(),
             {{"Accept", "text/event-stream"}});
  ASSERT_NE(res.stream, nullptr);
  EXPECT_EQ(res.log_session_prefix, id.substr(0, 6));
  writer = std::make_shared<BufferWriter>();
  res.stream->Start(writer);
  EXPECT_EQ(writer->body,
            "event: done\ndata: {\"answer\":\"answer to: why? (history 0, score 9)\",\"mode\":"
            "\"builtin\",\"notice\":\"\"}\n\n");

  // Refusals before the stream starts are ordinary JSON errors.
  res =
      Send("POST", "/chat",
           json{{"question", "why?"}, {"sessionId", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}
               .dump(),
           {{"Accept", "text/event-stream"}});
  EXPECT_EQ(res.stream, nullptr);
  ExpectError(res, 404, "NOT_FOUND", "session not found");
}

TEST_F(RouterTest, AnalyzeThenChatThenSessionThenDelete) {
  HttpResponse res = Send("POST", "/analyze", R"({"resume":"my resume","job_description":"j"})");
  ASSERT_EQ(res.status, 200) << res.body;
  const json a = json::parse(res.body);
  const std::string id = a["sessionId"];
  EXPECT_EQ(a["analysis"], "## Qualification Assessment\nresume 9 bytes, job 1 bytes");
  EXPECT_EQ(a["report"]["score"]["total"], 9);
  EXPECT_EQ(res.log_session_prefix, id.substr(0, 6));

  res = Send("POST", "/chat", json{{"question", "why?"}, {"sessionId", id}}.dump());
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(
      json::parse(res.body),
      json::parse(
          R"j({"answer":"answer to: why? (history 0, score 9)","mode":"builtin","notice":""})j"));

  res = Send("GET", "/session", "", {{"X-Session-Id", id}});
  ASSERT_EQ(res.status, 200);
  const json s = json::parse(res.body);
  EXPECT_EQ(s["resume"], "my resume");
  EXPECT_EQ(s["chat"].size(), 2u);
  EXPECT_EQ(s["expires_at_ms"], clock_.NowMillis() + storage::kDefaultSessionTtlMs);
  EXPECT_EQ(res.headers.Get("cache-control"), "no-store");

  res = Send("DELETE", "/session", "", {{"X-Session-Id", id}});
  EXPECT_EQ(res.status, 204);
  EXPECT_TRUE(res.body.empty());
  ExpectError(Send("GET", "/session", "", {{"X-Session-Id", id}}), 404, "NOT_FOUND",
              "session not found");
}

TEST_F(RouterTest, ChatOnUnknownSessionIs404) {
  ExpectError(
      Send("POST", "/chat", json{{"question", "q"}, {"sessionId", std::string(43, 'A')}}.dump()),
      404, "NOT_FOUND", "session not found");
}

TEST_F(RouterTest, BodyErrorsAre400NamingTheField) {
  ExpectError(Send("POST", "/analyze", "{not json"), 400, "INVALID_ARGUMENT",
              "request body is not valid JSON");
  ExpectError(Send("POST", "/analyze", R"({"job_description":"j"})"), 400, "INVALID_ARGUMENT",
              "resume is required");
  ExpectError(Send("POST", "/analyze", R"({"resume":5,"job_description":"j"})"), 400,
              "INVALID_ARGUMENT", "resume must be a string");
  ExpectError(Send("POST", "/analyze", R"({"resume":"r","job_description":"  "})"), 400,
              "INVALID_ARGUMENT", "job_description is empty");
  ExpectError(Send("POST", "/analyze", "{\"resume\":\"\xFF\",\"job_description\":\"j\"}"), 400,
              "INVALID_ARGUMENT", "resume is not valid UTF-8");
  ExpectError(Send("POST", "/analyze", R"({"resume":"a\u0000b","job_description":"j"})"), 400,
              "INVALID_ARGUMENT", "resume contains a NUL character");
  ExpectError(Send("POST", "/chat", R"({"question":"q"})"), 400, "INVALID_ARGUMENT",
              "sessionId is required");
  ExpectError(
      Send("POST", "/chat", json{{"question", std::string(31, 'q')}, {"sessionId", "x"}}.dump()),
      413, "PAYLOAD_TOO_LARGE", "question is longer than 30 characters");
}

TEST_F(RouterTest, PostsMustBeJson) {
  HttpRequest req;
  req.method = "POST";
  req.target = "/analyze";
  req.headers.Add("Content-Type", "text/plain");
  req.body = R"({"resume":"r","job_description":"j"})";
  ExpectError(router_->Handle(req), 415, "UNSUPPORTED_MEDIA_TYPE", "");
  req.headers.Set("Content-Type", "Application/JSON; charset=utf-8");
  EXPECT_EQ(router_->Handle(req).status, 200);
}

TEST_F(RouterTest, UnknownPathsAndWrongMethods) {
  ExpectError(Send("POST", "/nope", "{}"), 404, "NOT_FOUND", "no such endpoint");
  ExpectError(Send("GET", "/api/nope", "", {{"Accept", "application/json"}}), 404, "NOT_FOUND", "");
  HttpResponse res = Send("GET", "/analyze");
  ExpectError(res, 405, "METHOD_NOT_ALLOWED", "");
  EXPECT_EQ(res.headers.Get("allow"), "POST");
  res = Send("PUT", "/session");
  ExpectError(res, 405, "METHOD_NOT_ALLOWED", "");
  EXPECT_EQ(res.headers.Get("allow"), "GET, DELETE");
  EXPECT_EQ(Send("DELETE", "/items").headers.Get("allow"), "GET, HEAD");
}

TEST_F(RouterTest, HeadAnswersLikeGet) {
  HttpResponse get = Send("GET", "/items");
  HttpResponse head = Send("HEAD", "/items");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, get.body);  // the connection layer sends only the length for HEAD
  EXPECT_EQ(Send("HEAD", "/health").status, 200);
  EXPECT_EQ(Send("HEAD", "/assets/a.js").status, 200);
  EXPECT_EQ(Send("HEAD", "/analyze").status, 405);
}

TEST_F(RouterTest, SessionEndpointsNeedTheHeader) {
  ExpectError(Send("GET", "/session"), 400, "INVALID_ARGUMENT", "X-Session-Id header is required");
  ExpectError(Send("DELETE", "/session"), 400, "INVALID_ARGUMENT",
              "X-Session-Id header is required");
  ExpectError(Send("GET", "/session", "", {{"X-Session-Id", "junk"}}), 404, "NOT_FOUND",
              "session not found");
}

TEST_F(RouterTest, ItemsAndHealth) {
  HttpResponse res = Send("GET", "/items");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(json::parse(res.body),
            json::parse(R"([{"id":"nurse-resume","name":"Nurse resume","kind":"resume"}])"));
  res = Send("GET", "/items/nurse-resume");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(json::parse(res.body)["content"], "RN text");
  ExpectError(Send("GET", "/items/nope"), 404, "NOT_FOUND", "example not found");
  res = Send("GET", "/health");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(
      json::parse(res.body),
      json::parse(
          R"({"status":"ok","storage":"memory","llm":"builtin","model":"","version":"9.9"})"));
}

// A store that is down: every call fails as a lost database connection would.
class DownStore final : public storage::Store {
 public:
  std::string_view Name() const override { return "postgres"; }
  Status Ping() override { return UnavailableError("database unreachable"); }
  Status CreateSession(const model::Session&) override { return Down(); }
  Result<model::Session> GetSession(std::string_view) override { return Down(); }
  Status AppendChat(std::string_view, const std::vector<model::ChatTurn>&) override {
    return Down();
  }
  Status DeleteSession(std::string_view) override { return Down(); }
  Result<int> DeleteExpired() override { return Down(); }
  Result<std::vector<model::Example>> ListExamples() override { return Down(); }
  Result<model::Example> GetExample(std::string_view) override { return Down(); }
  Status PutExample(const model::Example&) override { return Down(); }
  Status RemoveExample(std::string_view) override { return Down(); }

 private:
  static Status Down() { return UnavailableError("database unreachable"); }
};

// Collects a buffered response's status, headers and body; Wait() returns once it is closed.
// Blocking work runs inline (on the scripted client's thread).
class BufferedWriter final : public BodyWriter {
 public:
  void Write(std::string_view bytes) override {
    std::lock_guard lock(mu_);
    body_ += bytes;
  }
  void Close() override {
    std::lock_guard lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }
  void RunBlocking(std::function<void()> work) override { work(); }
  void SetStatus(int s) override {
    std::lock_guard lock(mu_);
    res_.status = s;
  }
  void SetHeader(std::string_view name, std::string_view value) override {
    std::lock_guard lock(mu_);
    res_.headers.Set(name, value);
  }
  // The response as sent: `head` amended by the stream, with the collected body.
  HttpResponse Wait(HttpResponse head) {
    std::unique_lock lock(mu_);
    EXPECT_TRUE(cv_.wait_for(lock, std::chrono::seconds(10), [&] { return closed_; }));
    if (res_.status != 0) head.status = res_.status;
    for (const auto& [name, value] : res_.headers.fields()) head.headers.Set(name, value);
    head.body = body_;
    head.stream = nullptr;
    return head;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  HttpResponse res_ = [] {
    HttpResponse r;
    r.status = 0;  // not set
    return r;
  }();
  std::string body_;
  bool closed_ = false;
};

// In LLM mode the JSON form is the answer stream, buffered; refusals are still plain errors.
TEST(RouterLlmTest, JsonAnswersInLlmModeAreBufferedStreamsWithTheBlockingFormsBody) {
  FakeClock clock;
  storage::MemoryStore store(clock);
  service::FakeAnalyst analyst;
  service::FakeResponder responder;
  llm::ScriptedLlmClient client;
  service::LlmCoach coach(client, clock, {}, {});
  service::AnalysisService builtin_analysis(store, analyst, {});
  service::ChatService chat(store, analyst, responder, clock, {}, &coach);
  service::SessionService sessions(store, storage::kDefaultSessionTtlMs);
  service::ExampleService examples(store, {});
  service::HealthService health(store);
  StaticFiles no_files("");
  Router router(Services{&builtin_analysis, &chat, &sessions, &examples, &health}, no_files, {});
  Result<service::AnalyzeResult> created = builtin_analysis.Analyze("my resume", "j");
  ASSERT_TRUE(created.ok());

  HttpRequest req;
  req.method = "POST";
  req.target = "/chat";
  req.headers.Add("content-type", "application/json");
  req.body = json{{"question", "why?"}, {"sessionId", created->session_id}}.dump();
  llm::ScriptedAnswer answer;
  answer.tokens = {"Because ", "of \"Go\"."};
  client.Push(answer);
  HttpResponse res = router.Handle(req);
  ASSERT_NE(res.stream, nullptr);
  EXPECT_TRUE(res.buffered);
  EXPECT_EQ(res.headers.Get("content-security-policy"), kContentSecurityPolicy);
  EXPECT_EQ(res.log_session_prefix, created->session_id.substr(0, 6));
  auto writer = std::make_shared<BufferedWriter>();
  res.stream->Start(writer);
  const HttpResponse sent = writer->Wait(res);
  EXPECT_EQ(sent.status, 200);
  EXPECT_EQ(sent.headers.Get("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(sent.headers.Get("cache-control"), "no-store");
  EXPECT_EQ(sent.body, R"({"answer":"Because of \"Go\".","mode":"llm","notice":""})");

  // Over the per-session limit of one open request: refused before any stream, as before.
  llm::ScriptedAnswer slow;
  slow.tokens = {"slow"};
  slow.gap_ms = 300;
  client.Push(slow);
  HttpResponse open = router.Handle(req);
  ASSERT_NE(open.stream, nullptr);
  auto open_writer = std::make_shared<BufferedWriter>();
  open.stream->Start(open_writer);
  const HttpResponse refused = router.Handle(req);
  EXPECT_EQ(refused.stream, nullptr);
  EXPECT_EQ(refused.status, 429);
  EXPECT_FALSE(refused.headers.Get("retry-after").empty());
  open.stream->Stop(StopReason::kClientGone);
  open_writer->Wait(open);

  // The built-in analysis service (no LLM) keeps the blocking JSON path.
  req.target = "/analyze";
  req.body = R"({"resume":"my resume","job_description":"j"})";
  res = router.Handle(req);
  EXPECT_EQ(res.stream, nullptr);
  EXPECT_EQ(res.status, 200);
}

TEST(RouterDownTest, StorageOutagesAre503) {
  DownStore store;
  FakeClock clock;
  service::FakeAnalyst analyst;
  service::FakeResponder responder;
  service::AnalysisService analysis(store, analyst, {});
  service::ChatService chat(store, analyst, responder, clock, {});
  service::SessionService sessions(store, storage::kDefaultSessionTtlMs);
  service::ExampleService examples(store, {});
  service::HealthService health(store);
  StaticFiles no_files("");
  Router router(Services{&analysis, &chat, &sessions, &examples, &health}, no_files, {});

  HttpRequest req;
  req.method = "GET";
  req.target = "/health";
  HttpResponse res = router.Handle(req);
  EXPECT_EQ(res.status, 503);
  EXPECT_EQ(json::parse(res.body)["status"], "unavailable");
  EXPECT_EQ(json::parse(res.body)["storage"], "postgres");

  req.target = "/items";
  res = router.Handle(req);
  EXPECT_EQ(res.status, 503);
  EXPECT_EQ(res.headers.Get("retry-after"), "1");

  req.method = "POST";
  req.target = "/analyze";
  req.headers.Add("content-type", "application/json");
  req.body = R"({"resume":"r","job_description":"j"})";
  res = router.Handle(req);
  EXPECT_EQ(res.status, 503);
  EXPECT_EQ(json::parse(res.body)["error"]["code"], "UNAVAILABLE");
}

TEST_F(RouterTest, SecurityHeadersOnEveryResponse) {
  for (const HttpResponse& res :
       {Send("GET", "/health"), Send("GET", "/nope"), Send("POST", "/analyze", "{"),
        Send("GET", "/"), Send("GET", "/assets/a.js"), Send("PATCH", "/chat")}) {
    EXPECT_EQ(res.headers.Get("content-security-policy"), kContentSecurityPolicy);
    EXPECT_EQ(res.headers.Get("x-content-type-options"), "nosniff");
    EXPECT_EQ(res.headers.Get("referrer-policy"), "no-referrer");
    EXPECT_FALSE(res.headers.Has("access-control-allow-origin"));
  }
  EXPECT_EQ(Send("GET", "/health").headers.Get("cache-control"), "no-store");
}

TEST_F(RouterTest, StaticFilesAndSpaFallback) {
  HttpResponse res = Send("GET", "/assets/a.js");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.headers.Get("cache-control"), "public, max-age=31536000, immutable");
  res = Send("GET", "/report/123", "", {{"Accept", "text/html,application/xhtml+xml"}});
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "<!doctype html>");
  EXPECT_EQ(res.headers.Get("cache-control"), "no-cache");
  // Without text/html in Accept, and for missing assets, a miss stays a JSON 404.
  EXPECT_EQ(Send("GET", "/report/123").status, 404);
  EXPECT_EQ(Send("GET", "/assets/missing.js", "", {{"Accept", "text/html"}}).status, 404);
  EXPECT_EQ(Send("GET", "/../../etc/passwd", "", {{"Accept", "text/html"}}).body,
            "<!doctype html>");
}

TEST_F(RouterTest, CorsOnlyForTheAllowlist) {
  HttpResponse res = Send("GET", "/health", "", {{"Origin", "http://localhost:5173"}});
  EXPECT_EQ(res.headers.Get("access-control-allow-origin"), "http://localhost:5173");
  EXPECT_EQ(res.headers.Get("vary"), "Origin");
  for (std::string evil : {"https://evil.example", "null", "*"}) {
    res = Send("GET", "/health", "", {{"Origin", evil}});
    EXPECT_FALSE(res.headers.Has("access-control-allow-origin")) << evil;
  }
  res = Send("OPTIONS", "/chat", "",
             {{"Origin", "http://localhost:5173"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(res.status, 204);
  EXPECT_EQ(res.headers.Get("access-control-allow-methods"), "POST");
  EXPECT_EQ(res.headers.Get("access-control-allow-headers"),
            "Content-Type, X-Session-Id, X-Filename");
  res = Send("OPTIONS", "/chat", "", {{"Origin", "https://evil.example"}});
  EXPECT_FALSE(res.headers.Has("access-control-allow-origin"));
  EXPECT_FALSE(res.headers.Has("access-control-allow-methods"));
}

TEST_F(RouterTest, DocumentsTurnsAnUploadIntoText) {
  const HttpResponse res = Send("POST", "/documents", "# Jane Doe\nGo, SQL\n",
                                {{"Content-Type", "text/markdown"}, {"X-Filename", "cv.md"}});
  ASSERT_EQ(res.status, 200) << res.body;
  const json j = json::parse(res.body);
  EXPECT_EQ(j["text"].get<std::string>().substr(0, 18), "# Jane Doe\nGo, SQL");
  EXPECT_EQ(j["format"], "markdown");
  EXPECT_EQ(j["pages"], 1);
  EXPECT_TRUE(j["warnings"].is_array());
  EXPECT_TRUE(j["warnings"].empty());
}

TEST_F(RouterTest, DocumentsReportsHiddenCharactersAsWarnings) {
  // A zero-width space hides a word boundary; it is dropped from the text and reported.
  const HttpResponse res =
      Send("POST", "/documents", "Go engineer\xE2\x80\x8B with SQL", {{"Content-Type", ""}});
  ASSERT_EQ(res.status, 200) << res.body;
  const json j = json::parse(res.body);
  EXPECT_EQ(j["format"], "text");
  EXPECT_EQ(j["text"].get<std::string>().find("\xE2\x80\x8B"), std::string::npos);
  ASSERT_FALSE(j["warnings"].empty()) << res.body;
  const json& w = j["warnings"][0];
  EXPECT_TRUE(w.contains("kind") && w.contains("message") && w.contains("excerpt") &&
              w.contains("location"));
  EXPECT_FALSE(j.contains("hidden_text"));
}

TEST_F(RouterTest, DocumentsErrors) {
  ExpectError(Send("POST", "/documents", std::string("\x89PNG\r\n\x1a\n\0\0", 10),
                   {{"Content-Type", "image/png"}}),
              415, "UNSUPPORTED_MEDIA_TYPE", "");
  // No worker configured in this router: a PDF cannot be read, and says so.
  const HttpResponse pdf =
      Send("POST", "/documents", "%PDF-1.4\n%%EOF\n", {{"Content-Type", "application/pdf"}});
  EXPECT_GE(pdf.status, 400);
  EXPECT_EQ(Send("POST", "/documents", "", {{"Content-Type", "text/plain"}}).status, 400);
  const HttpResponse get = Send("GET", "/documents");
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(get.headers.Get("allow"), "POST");
}

TEST(RouterWithoutDocuments, DocumentsIsNotFound) {
  StaticFiles no_files{""};
  Router router(Services{}, no_files, RouterOptions{});
  HttpRequest req;
  req.method = "POST";
  req.target = "/documents";
  req.body = "text";
  EXPECT_EQ(router.Handle(req).status, 404);
}

}  // namespace
}  // namespace rc::server

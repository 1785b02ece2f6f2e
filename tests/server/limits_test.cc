// End-to-end: size limits, timeouts, CORS and static files, against the real binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/server/test_server.h"

namespace rc::e2e {
namespace {

using nlohmann::json;

std::string ErrorCode(const HttpResult& r) {
  const json j = json::parse(r.body, nullptr, false);
  return j.is_object() ? j["error"].value("code", "") : "";
}

class LimitsTest : public ::testing::Test {
 protected:
  TempDir data_;
  ServerProcess server_{data_.path(), {"--read-timeout", "1s", "--max-question-chars", "50"}};
};

TEST_F(LimitsTest, OversizedContentLengthIs413BeforeTheBodyIsSent) {
  RawConnection conn(server_.port());
  ASSERT_TRUE(conn.connected());
  // Headers only: the 50 MB body is never sent, so a response proves the server did not wait.
  ASSERT_TRUE(
      conn.Send("POST /analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Content-Length: 52428800\r\n\r\n"));
  const HttpResult r = ParseResponse(conn.ReadAll(10));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(ErrorCode(r), "PAYLOAD_TOO_LARGE");
  EXPECT_NE(r.body.find("1048576 bytes"), std::string::npos) << r.body;
  EXPECT_EQ(r.Header("connection"), "close");
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_FALSE(r.Header("content-security-policy").empty());
  // The server keeps serving.
  EXPECT_EQ(Request(server_.port(), "GET", "/health").status, 200);
}

TEST_F(LimitsTest, ChunkedBodyOverTheLimitIs413) {
  RawConnection conn(server_.port());
  ASSERT_TRUE(conn.connected());
  ASSERT_TRUE(
      conn.Send("POST /analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Transfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk(64 * 1024, 'a');
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
  // 20 chunks of 64 KiB = 1.25 MiB; the server answers once it passes 1 MiB and closes, so later
  // sends may fail; that is expected.
  for (int i = 0; i < 20; ++i) {
    if (!conn.Send(size_line + chunk + "\r\n")) break;
  }
  const HttpResult r = ParseResponse(conn.ReadAll(10));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(ErrorCode(r), "PAYLOAD_TOO_LARGE");
  EXPECT_EQ(Request(server_.port(), "GET", "/health").status, 200);
}

TEST_F(LimitsTest, FieldLimitsInCharacters) {
  json req = {{"resume", std::string(100'001, 'r')}, {"job_description", "job"}};
  HttpResult r = PostJson(server_.port(), "/analyze", req.dump());
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("resume is longer than 100000 characters"), std::string::npos) << r.body;

  req = {{"resume", "resume"}, {"job_description", std::string(100'001, 'j')}};
  r = PostJson(server_.port(), "/analyze", req.dump());
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("job_description is longer than 100000 characters"), std::string::npos);

  // 50 two-byte characters fit a 50-character limit; 51 do not.
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "\xC3\xA9";
  r = PostJson(server_.port(), "/chat",
               json{{"question", fifty + "x"}, {"sessionId", std::string(43, 'A')}}.dump());
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("question is longer than 50 characters"), std::string::npos);
  r = PostJson(server_.port(), "/chat",
               json{{"question", fifty}, {"sessionId", std::string(43, 'A')}}.dump());
  EXPECT_EQ(r.status, 404);  // valid question, unknown session
}

TEST_F(LimitsTest, HugeHeadersAre431) {
  HttpResult r =
      Request(server_.port(), "GET", "/health", "", {{"X-Padding", std::string(20'000, 'p')}});
  EXPECT_EQ(r.status, 431);
  EXPECT_EQ(ErrorCode(r), "HEADERS_TOO_LARGE");
  EXPECT_FALSE(r.Header("content-security-policy").empty());
  EXPECT_EQ(Request(server_.port(), "GET", "/health").status, 200);
}

TEST_F(LimitsTest, SlowHeaderTrickleIsCutOff) {
  RawConnection conn(server_.port());
  ASSERT_TRUE(conn.connected());
  ASSERT_TRUE(conn.Send("GET /health HTTP/1.1\r\nHost: x\r\n"));
  // One header byte every 100 ms would take 20 s to finish; the 1 s read timeout ends it first.
  bool closed = false;
  for (int i = 0; i < 200 && !closed; ++i) {
    if (!conn.Send("X")) {
      closed = true;
      break;
    }
    closed = conn.PeerClosed(100);
  }
  EXPECT_TRUE(closed);
  EXPECT_EQ(Request(server_.port(), "GET", "/health").status, 200);
}

TEST_F(LimitsTest, SlowBodyIsCutOff) {
  RawConnection conn(server_.port());
  ASSERT_TRUE(conn.connected());
  ASSERT_TRUE(
      conn.Send("POST /analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Content-Length: 1000\r\n\r\n{"));
  bool closed = false;
  for (int i = 0; i < 200 && !closed; ++i) {
    if (!conn.Send(" ")) {
      closed = true;
      break;
    }
    closed = conn.PeerClosed(100);
  }
  EXPECT_TRUE(closed);
}

TEST_F(LimitsTest, IdleKeepAliveConnectionsAreClosed) {
  RawConnection conn(server_.port());
  ASSERT_TRUE(conn.connected());
  EXPECT_TRUE(conn.PeerClosed(20'000));
}

TEST_F(LimitsTest, MalformedRequestLineIs400) {
  RawConnection conn(server_.port());
  ASSERT_TRUE(conn.Send("NOT A VALID REQUEST\r\n\r\n"));
  const HttpResult r = ParseResponse(conn.ReadAll(10));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorCode(r), "INVALID_ARGUMENT");
}

TEST(ConnectionLimitTest, ConnectionsOverTheCapAreClosedAtOnce) {
  TempDir data;
  ServerProcess server(data.path(), {"--max-connections", "2", "--read-timeout", "60s"});
  // Three idle connections: the server keeps two (they wait up to 60 s for a request) and
  // closes the third as soon as it accepts it.
  RawConnection a(server.port()), b(server.port()), c(server.port());
  ASSERT_TRUE(a.connected() && b.connected() && c.connected());
  int closed = 0;
  for (RawConnection* conn : {&a, &b, &c}) closed += conn->PeerClosed(3000) ? 1 : 0;
  EXPECT_EQ(closed, 1);
}

TEST(CorsTest, OnlyConfiguredOriginsAreEchoed) {
  TempDir data;
  ServerProcess server(data.path(), {"--cors-origin", "http://localhost:5173"});
  HttpResult r =
      Request(server.port(), "GET", "/health", "", {{"Origin", "http://localhost:5173"}});
  EXPECT_EQ(r.Header("access-control-allow-origin"), "http://localhost:5173");
  r = Request(server.port(), "GET", "/health", "", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(r.Header("access-control-allow-origin"), "");
  r = Request(server.port(), "OPTIONS", "/analyze", "",
              {{"Origin", "http://localhost:5173"},
               {"Access-Control-Request-Method", "POST"},
               {"Access-Control-Request-Headers", "content-type"}});
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.Header("access-control-allow-origin"), "http://localhost:5173");
  EXPECT_EQ(r.Header("access-control-allow-methods"), "POST");
  r = Request(server.port(), "OPTIONS", "/analyze", "", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(r.Header("access-control-allow-origin"), "");
  EXPECT_EQ(r.Header("access-control-allow-methods"), "");
}

TEST(StaticTest, ServesTheWebAppSafely) {
  TempDir data;
  TempDir web;
  WriteFile(web.path() / "index.html", "<!doctype html><div id=root></div>");
  WriteFile(web.path() / "assets" / "index-abc123.js", "console.log('app')");
  WriteFile(data.path() / "secret.txt", "do not serve");
  ServerProcess server(data.path(), {"--web-root", web.path().string()});

  HttpResult r = Request(server.port(), "GET", "/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.Header("cache-control"), "no-cache");
  EXPECT_NE(r.Header("content-security-policy").find("script-src 'self'"), std::string::npos);

  r = Request(server.port(), "GET", "/assets/index-abc123.js");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(r.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(r.body, "console.log('app')");

  r = Request(server.port(), "GET", "/some/client/route", "", {{"Accept", "text/html"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<!doctype html><div id=root></div>");

  r = Request(server.port(), "GET", "/assets/missing.js", "", {{"Accept", "text/html"}});
  EXPECT_EQ(r.status, 404);

  for (const std::string target :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt", "/..%2fsecret.txt"}) {
    r = Request(server.port(), "GET", target);
    EXPECT_EQ(r.body.find("do not serve"), std::string::npos) << target;
    EXPECT_NE(r.status, 200) << target;
  }
}

}  // namespace
}  // namespace rc::e2e

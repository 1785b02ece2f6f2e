// Tests for access log lines.
#include "server/access_log.h"

#include <gtest/gtest.h>

namespace rc::server {
namespace {

TEST(AccessLogLine, HasTheDocumentedFields) {
  EXPECT_EQ(AccessLogLine("POST", "/chat", 200, 512, 1.4249, "AbC12x"),
            "access method=POST path=/chat status=200 bytes=512 ms=1.42 sid=AbC12x");
  EXPECT_EQ(AccessLogLine("GET", "/health", 200, 10, 0, ""),
            "access method=GET path=/health status=200 bytes=10 ms=0.00");
}

TEST(AccessLogLine, NeverCarriesQueriesFullIdsOrControlCharacters) {
  const std::string line =
      AccessLogLine("GET", "/x y\r\nInjected: 1?secret=resume-text", 404, 0, 0, "0123456789abcdef");
  EXPECT_EQ(line.find("secret"), std::string::npos);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_NE(line.find("path=/x_y__Injected:_1 "), std::string::npos);
  EXPECT_NE(line.find("sid=012345"), std::string::npos);
  EXPECT_EQ(line.find("0123456"), std::string::npos);
}

TEST(AccessLogLine, CutsLongPaths) {
  const std::string line = AccessLogLine("GET", "/" + std::string(1000, 'a'), 404, 0, 0, "");
  EXPECT_LT(line.size(), 200u);
}

}  // namespace
}  // namespace rc::server

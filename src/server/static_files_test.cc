// Tests for static file serving: content types, caching and path traversal.
#include "server/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace rc::server {
namespace {
namespace fs = std::filesystem;

void WriteFile(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("rc-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "dist";
    WriteFile(root_ / "index.html", "<!doctype html><title>app</title>");
    WriteFile(root_ / "assets" / "app-1a2b.js", "console.log(1)");
    WriteFile(root_ / "assets" / "app-1a2b.css", "body{}");
    WriteFile(root_ / "favicon.svg", "<svg/>");
    WriteFile(base_ / "secret.txt", "outside the root");
    fs::create_symlink(base_ / "secret.txt", root_ / "link.txt");
  }
  void TearDown() override { fs::remove_all(base_); }

  fs::path base_, root_;
};

TEST_F(StaticFilesTest, ServesIndexWithoutCaching) {
  StaticFiles files(root_);
  ASSERT_TRUE(files.enabled());
  for (std::string_view path : {"/", "/index.html"}) {
    auto res = files.Serve(path);
    ASSERT_TRUE(res.has_value()) << path;
    EXPECT_EQ(res->body, "<!doctype html><title>app</title>");
    EXPECT_EQ(res->headers.Get("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(res->headers.Get("cache-control"), "no-cache");
  }
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutable) {
  StaticFiles files(root_);
  auto js = files.Serve("/assets/app-1a2b.js");
  ASSERT_TRUE(js.has_value());
  EXPECT_EQ(js->headers.Get("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js->headers.Get("cache-control"), "public, max-age=31536000, immutable");
  auto css = files.Serve("/assets/app-1a2b.css");
  ASSERT_TRUE(css.has_value());
  EXPECT_EQ(css->headers.Get("content-type"), "text/css; charset=utf-8");
  auto svg = files.Serve("/favicon.svg");
  ASSERT_TRUE(svg.has_value());
  EXPECT_EQ(svg->headers.Get("content-type"), "image/svg+xml");
  EXPECT_EQ(svg->headers.Get("cache-control"), "no-cache");
}

TEST_F(StaticFilesTest, TraversalIsImpossible) {
  StaticFiles files(root_);
  for (std::string_view path :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
        "/assets/..%2f..%2fsecret.txt", "/..\\secret.txt", "/link.txt", "//etc/passwd",
        "/assets/%00", "/assets/%zz", "/assets/", "/assets", "/./index.html", "/nope.js"}) {
    EXPECT_FALSE(files.Serve(path).has_value()) << path;
  }
}

TEST_F(StaticFilesTest, MissingRootServesNothing) {
  StaticFiles files(base_ / "does-not-exist");
  EXPECT_FALSE(files.enabled());
  EXPECT_FALSE(files.Serve("/").has_value());
  EXPECT_FALSE(files.Index().has_value());
}

TEST(PercentDecode, DecodesAndRejects) {
  EXPECT_EQ(PercentDecode("a%20b%2F").value_or("?"), "a b/");
  EXPECT_FALSE(PercentDecode("%").has_value());
  EXPECT_FALSE(PercentDecode("%4").has_value());
  EXPECT_FALSE(PercentDecode("%00").has_value());
}

}  // namespace
}  // namespace rc::server

// Tests for the FileClock test hook.
#include "app/file_clock.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace rc::app {
namespace {

TEST(FileClock, ReadsTheFileOnEveryCall) {
  const auto path = std::filesystem::temp_directory_path() / "rc-file-clock-test";
  FileClock clock(path.string());
  std::ofstream(path) << "1700000000000\n";
  EXPECT_EQ(clock.NowMillis(), 1700000000000);
  std::ofstream(path) << " 1700000000001 ";
  EXPECT_EQ(clock.NowMillis(), 1700000000001);
  // Malformed or missing: the system clock (which is far from these values).
  std::ofstream(path) << "12abc";
  EXPECT_GT(clock.NowMillis(), 1700000000001);
  std::filesystem::remove(path);
  EXPECT_GT(clock.NowMillis(), 1700000000001);
}

}  // namespace
}  // namespace rc::app

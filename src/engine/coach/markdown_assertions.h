// Test assertions shared by the coach's tests: whether rendered Markdown stays inert.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace rc::engine::testing {

inline bool Has(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

// `markdown` with its code spans removed: what a renderer would parse as Markdown and HTML.
inline std::string OutsideCode(const std::string& markdown) {
  std::string out;
  bool in_code = false;
  for (std::size_t i = 0; i < markdown.size(); ++i) {
    bool escaped = i > 0 && markdown[i - 1] == '\\' && !in_code;
    if (markdown[i] == '`' && !escaped) {
      in_code = !in_code;
      continue;
    }
    if (!in_code) out.push_back(markdown[i]);
  }
  return out;
}

// Fails when `markdown`, outside code spans, could render a link, an image or raw HTML.
inline void ExpectInert(const std::string& markdown) {
  std::string md = OutsideCode(markdown);
  EXPECT_EQ(md.find("!["), std::string::npos) << markdown;
  EXPECT_EQ(md.find("]("), std::string::npos) << markdown;
  EXPECT_EQ(md.find("http://"), std::string::npos) << markdown;
  EXPECT_EQ(md.find("www."), std::string::npos) << markdown;
  for (std::size_t i = 1; i < md.size(); ++i) {
    if (md[i] == '<') {
      EXPECT_EQ(md[i - 1], '\\') << markdown;
    }
  }
}

}  // namespace rc::engine::testing

// Tests for the default examples and their manifest.
#include "app/default_examples.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "service/example_service.h"

namespace rc::app {
namespace {

TEST(ParseExampleManifest, ReadsLinesSkippingComments) {
  std::map<std::string, std::string, std::less<>> files = {{"a.md", "A text"}, {"b.md", "B"}};
  auto read = [&](std::string_view name) -> std::optional<std::string> {
    auto it = files.find(name);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
  Result<std::vector<model::Example>> r =
      ParseExampleManifest("# comment\n\na\tresume\tA name\ta.md\r\nb\tjob\tB name\tb.md", read);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0], (model::Example{"a", "A name", "resume", "A text"}));
  EXPECT_EQ((*r)[1], (model::Example{"b", "B name", "job", "B"}));

  EXPECT_EQ(ParseExampleManifest("x\tresume\tX\tmissing.md\n", read).status(),
            InvalidArgumentError("examples manifest line 1: no file missing.md"));
  EXPECT_EQ(ParseExampleManifest("\nx\tresume X\n", read).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(DefaultExamples, ThreeResumesAndThreeJobsThatPassValidation) {
  Result<std::vector<model::Example>> r = DefaultExamples();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  int resumes = 0, jobs = 0;
  std::set<std::string> ids;
  for (const model::Example& e : *r) {
    EXPECT_TRUE(ids.insert(e.id).second) << e.id;
    EXPECT_TRUE(service::IsValidExampleId(e.id)) << e.id;
    EXPECT_GT(e.content.size(), 800u) << e.id;
    resumes += e.kind == "resume";
    jobs += e.kind == "job";
  }
  EXPECT_GE(resumes, 3);
  EXPECT_GE(jobs, 3);
  EXPECT_EQ(resumes + jobs, static_cast<int>(r->size()));
}

}  // namespace
}  // namespace rc::app

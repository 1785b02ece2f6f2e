// Tests for ExampleService over MemoryStore.
#include "service/example_service.h"

#include <gtest/gtest.h>

#include "storage/memory_store.h"

namespace rc::service {
namespace {

model::Example Make(std::string id, std::string kind = "resume") {
  return model::Example{id, "Name of " + id, kind, "content of " + id};
}

class ExampleServiceTest : public ::testing::Test {
 protected:
  FakeClock clock_;
  storage::MemoryStore store_{clock_};
  ExampleService examples_{store_, Limits{.max_example_chars = 100}};
};

TEST_F(ExampleServiceTest, SeedsDefaultsOnlyIntoAnEmptyStore) {
  const std::vector<model::Example> defaults = {Make("b-job", "job"), Make("a-resume")};
  EXPECT_EQ(examples_.SeedDefaults(defaults).value_or(-1), 2);
  Result<std::vector<model::Example>> listed = examples_.List();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, "a-resume");

  // A user edits one default and removes the other: a second start changes nothing.
  model::Example edited = Make("a-resume");
  edited.content = "my own version";
  ASSERT_TRUE(examples_.Put(edited).ok());
  ASSERT_TRUE(examples_.Remove("b-job").ok());
  EXPECT_EQ(examples_.SeedDefaults(defaults).value_or(-1), 0);
  EXPECT_EQ(examples_.Get("a-resume")->content, "my own version");
  EXPECT_EQ(examples_.Get("b-job").status().code(), StatusCode::kNotFound);
}

TEST_F(ExampleServiceTest, PutValidatesEveryField) {
  model::Example e = Make("ok-id");
  EXPECT_TRUE(examples_.Put(e).ok());
  for (std::string bad :
       std::vector<std::string>{"", "Upper", "has space", "-lead", "a/b", std::string(65, 'a')}) {
    model::Example b = e;
    b.id = bad;
    EXPECT_EQ(examples_.Put(b).code(), StatusCode::kInvalidArgument) << bad;
  }
  model::Example kind = e;
  kind.kind = "cover-letter";
  EXPECT_EQ(examples_.Put(kind).code(), StatusCode::kInvalidArgument);
  model::Example empty = e;
  empty.content = " ";
  EXPECT_EQ(examples_.Put(empty), InvalidArgumentError("content is empty"));
  model::Example big = e;
  big.content = std::string(101, 'x');
  EXPECT_EQ(examples_.Put(big).code(), StatusCode::kPayloadTooLarge);
  model::Example nameless = e;
  nameless.name = "";
  EXPECT_EQ(examples_.Put(nameless), InvalidArgumentError("name is empty"));
}

TEST_F(ExampleServiceTest, GetAndRemoveUnknownAreNotFound) {
  EXPECT_EQ(examples_.Get("nope").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(examples_.Get("../x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(examples_.Remove("nope").code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace rc::service

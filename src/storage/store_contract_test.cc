// The Store contract suite: one set of tests run against every backend.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "storage/memory_store.h"
#include "storage/postgres/pg_conn.h"
#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"
#include "storage/temp_dir_for_test.h"

namespace rc::storage {
namespace {

constexpr std::int64_t kTtl = 60'000;

// How to build a backend for one test. `scope` is unique per test: every call with the same
// scope opens another instance over the same data (when the backend supports that).
struct Backend {
  std::string name;
  std::function<Result<std::unique_ptr<Store>>(const Clock&, std::int64_t ttl,
                                               const ScopedTempDir& scope)>
      make;
  bool injectable_clock = true;  // expiry follows the Clock passed to make()
  bool shared_instances = true;  // two make() calls with one scope share data
  std::string skip_reason;       // non-empty: the backend is not available here
  // Removes what make() left behind outside the scope directory (optional).
  std::function<void(const ScopedTempDir& scope)> cleanup;
};

// A PostgreSQL schema name unique to `scope`: the hex of its directory name.
std::string SchemaFor(const ScopedTempDir& scope) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "t_";
  for (unsigned char c : scope.name()) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out.substr(0, 63);
}

std::vector<Backend> Backends() {
  std::vector<Backend> out;
  out.push_back({"memory",
                 [](const Clock& clock, std::int64_t ttl,
                    const ScopedTempDir&) -> Result<std::unique_ptr<Store>> {
                   return std::unique_ptr<Store>(std::make_unique<MemoryStore>(clock, ttl));
                 },
                 true, false, "", nullptr});
  out.push_back({"sqlite",
                 [](const Clock& clock, std::int64_t ttl,
                    const ScopedTempDir& scope) -> Result<std::unique_ptr<Store>> {
                   RC_ASSIGN_OR_RETURN(auto store,
                                       SqliteStore::Open(scope.path() + "/rc.db", clock, ttl));
                   return std::unique_ptr<Store>(std::move(store));
                 },
                 true, true, "", nullptr});
  const char* url = std::getenv("RC_TEST_POSTGRES_URL");
  Backend postgres;
  postgres.name = "postgres";
  postgres.injectable_clock = false;
  postgres.shared_instances = true;
  if (url == nullptr || *url == '\0') {
    postgres.skip_reason =
        "RC_TEST_POSTGRES_URL is not set; start a cluster with scripts/pg-start to run the "
        "PostgreSQL contract tests";
  } else {
    const std::string u = url;
    postgres.make = [u](const Clock&, std::int64_t ttl,
                        const ScopedTempDir& scope) -> Result<std::unique_ptr<Store>> {
      PostgresOptions options;
      options.ttl_ms = ttl;
      options.schema = SchemaFor(scope);
      RC_ASSIGN_OR_RETURN(auto store, PostgresStore::Open(u, options));
      return std::unique_ptr<Store>(std::move(store));
    };
    postgres.cleanup = [u](const ScopedTempDir& scope) {
      auto conn = pg::PgConnection::Open(u, "public", 5, "resume-coach-test");
      if (conn.ok()) (void)(*conn)->Exec("DROP SCHEMA IF EXISTS " + SchemaFor(scope) + " CASCADE");
    };
  }
  out.push_back(std::move(postgres));
  return out;
}

model::ChatTurn Turn(std::string role, std::string content, std::string mode = "") {
  model::ChatTurn turn;
  turn.role = std::move(role);
  turn.content = std::move(content);
  turn.mode = std::move(mode);
  return turn;
}

model::Session MakeSession(std::string id) {
  model::Session s;
  s.id = std::move(id);
  s.resume = "Jane Doe\nRegistered nurse, 6 years ICU.";
  s.job_description = "ICU nurse. BLS and ACLS required.";
  s.report_json = R"({"score":72,"skills":["bls"]})";
  s.analysis_markdown = "## Match\n\n- BLS: met\n";
  return s;
}

// TTL-boundary tests need to move the backend's clock; PostgresStore reads the database
// server's clock instead and checks expiry in postgres/postgres_store_test.cc.
#define RC_REQUIRE_INJECTABLE_CLOCK()                                               \
  if (!GetParam().injectable_clock) {                                               \
    GTEST_SKIP() << GetParam().name                                                 \
                 << " decides expiry with its own clock; covered by its own tests"; \
  }

// Shown by gtest instead of the raw bytes of the parameter.
void PrintTo(const Backend& backend, std::ostream* os) { *os << backend.name; }

class StoreContractTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!GetParam().skip_reason.empty()) GTEST_SKIP() << GetParam().skip_reason;
    ASSERT_FALSE(scope_.path().empty());
    auto store = GetParam().make(clock_, kTtl, scope_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }

  void TearDown() override {
    store_.reset();
    if (GetParam().cleanup) GetParam().cleanup(scope_);
  }

  FakeClock clock_;
  ScopedTempDir scope_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreContractTest, NameAndPing) {
  EXPECT_EQ(store_->Name(), GetParam().name);
  EXPECT_TRUE(store_->Ping().ok());
}

TEST_P(StoreContractTest, CreateThenGetReturnsEverythingStored) {
  model::Session in = MakeSession("s1");
  in.chat = {Turn("user", "What is missing?"),
             Turn("assistant", "**ACLS** is missing.", "builtin")};
  in.chat[1].complete = false;
  in.chat[1].created_at_ms = 42;
  ASSERT_TRUE(store_->CreateSession(in).ok());

  auto out = store_->GetSession("s1");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->id, "s1");
  EXPECT_EQ(out->resume, in.resume);
  EXPECT_EQ(out->job_description, in.job_description);
  EXPECT_EQ(out->report_json, in.report_json);
  EXPECT_EQ(out->analysis_markdown, in.analysis_markdown);
  ASSERT_EQ(out->chat.size(), 2u);
  EXPECT_EQ(out->chat[0].role, "user");
  EXPECT_EQ(out->chat[0].content, "What is missing?");
  EXPECT_EQ(out->chat[0].mode, "");
  EXPECT_TRUE(out->chat[0].complete);
  EXPECT_EQ(out->chat[1].mode, "builtin");
  EXPECT_FALSE(out->chat[1].complete);
  EXPECT_EQ(out->chat[1].created_at_ms, 42);  // explicit timestamps are kept
  EXPECT_GT(out->chat[0].created_at_ms, 0);   // zero is stamped with the store's now
  EXPECT_GT(out->created_at_ms, 0);
  EXPECT_EQ(out->created_at_ms, out->updated_at_ms);
  if (GetParam().injectable_clock) {
    EXPECT_EQ(out->created_at_ms, clock_.NowMillis());
    EXPECT_EQ(out->chat[0].created_at_ms, clock_.NowMillis());
  }
}

TEST_P(StoreContractTest, AnalysisModeRoundTrips) {
  model::Session llm = MakeSession("by-llm");
  llm.analysis_mode = "llm";
  model::Session builtin = MakeSession("by-builtin");
  builtin.analysis_mode = "builtin";
  model::Session unset = MakeSession("unset");  // the model's default
  ASSERT_TRUE(store_->CreateSession(llm).ok());
  ASSERT_TRUE(store_->CreateSession(builtin).ok());
  ASSERT_TRUE(store_->CreateSession(unset).ok());
  EXPECT_EQ(store_->GetSession("by-llm")->analysis_mode, "llm");
  EXPECT_EQ(store_->GetSession("by-builtin")->analysis_mode, "builtin");
  EXPECT_EQ(store_->GetSession("unset")->analysis_mode, "builtin");
  // Chat turns carry their own mode and leave the analysis's alone.
  ASSERT_TRUE(
      store_->AppendChat("by-llm", {Turn("user", "q"), Turn("assistant", "a", "builtin")}).ok());
  auto after = store_->GetSession("by-llm");
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->analysis_mode, "llm");
  EXPECT_EQ(after->chat.size(), 2u);
}

TEST_P(StoreContractTest, AnalysisNoticeRoundTrips) {
  const std::string notice =
      "The AI coach was unavailable (timeout: no answer in 30 s); this analysis comes from the "
      "built-in coach. \u00e9\u4e2d 'quoted' \"double\" ; -- not SQL";
  model::Session fallen = MakeSession("fallen-back");
  fallen.analysis_mode = "builtin";
  fallen.analysis_notice = notice;
  model::Session plain = MakeSession("no-notice");  // the model's default: empty
  ASSERT_TRUE(store_->CreateSession(fallen).ok());
  ASSERT_TRUE(store_->CreateSession(plain).ok());
  auto out = store_->GetSession("fallen-back");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->analysis_notice, notice);
  EXPECT_EQ(out->analysis_mode, "builtin");
  EXPECT_EQ(store_->GetSession("no-notice")->analysis_notice, "");
  // Appending chat leaves the notice alone.
  ASSERT_TRUE(store_->AppendChat("fallen-back", {Turn("user", "q")}).ok());
  auto after = store_->GetSession("fallen-back");
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->analysis_notice, notice);
  EXPECT_EQ(after->chat.size(), 1u);
}

TEST_P(StoreContractTest, CreateWithTakenIdIsAlreadyExists) {
  ASSERT_TRUE(store_->CreateSession(MakeSession("dup")).ok());
  model::Session other = MakeSession("dup");
  other.resume = "someone else";
  Status status = store_->CreateSession(other);
  EXPECT_EQ(status.code(), StatusCode::kAlreadyExists) << status.ToString();
  auto out = store_->GetSession("dup");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->resume, MakeSession("dup").resume);  // the first write is untouched
}

TEST_P(StoreContractTest, UnknownIdsAreNotFound) {
  const Status expected = NotFoundError("session not found");
  EXPECT_EQ(store_->GetSession("missing").status(), expected);
  EXPECT_EQ(store_->AppendChat("missing", {Turn("user", "hi")}), expected);
  EXPECT_EQ(store_->DeleteSession("missing"), expected);
  EXPECT_EQ(store_->GetSession("").status(), expected);
  // Appending to an unknown id must not create it.
  EXPECT_EQ(store_->GetSession("missing").status(), expected);
}

TEST_P(StoreContractTest, AppendAddsTurnsInOrder) {
  ASSERT_TRUE(store_->CreateSession(MakeSession("s")).ok());
  ASSERT_TRUE(
      store_->AppendChat("s", {Turn("user", "q1"), Turn("assistant", "a1", "builtin")}).ok());
  ASSERT_TRUE(store_->AppendChat("s", {Turn("user", "q2"), Turn("assistant", "a2", "llm")}).ok());
  auto out = store_->GetSession("s");
  ASSERT_TRUE(out.ok());
  std::vector<std::string> contents;
  for (const auto& t : out->chat) contents.push_back(t.content);
  EXPECT_EQ(contents, (std::vector<std::string>{"q1", "a1", "q2", "a2"}));
  EXPECT_EQ(out->chat[3].mode, "llm");
}

TEST_P(StoreContractTest, LongChatsKeepTheirOrder) {
  model::Session s = MakeSession("long");
  for (int i = 0; i < 250; ++i) s.chat.push_back(Turn("user", "c" + std::to_string(i)));
  ASSERT_TRUE(store_->CreateSession(s).ok());
  std::vector<model::ChatTurn> more;
  for (int i = 250; i < 400; ++i) more.push_back(Turn("assistant", "c" + std::to_string(i)));
  ASSERT_TRUE(store_->AppendChat("long", more).ok());
  auto out = store_->GetSession("long");
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->chat.size(), 400u);
  for (int i = 0; i < 400; ++i) {
    ASSERT_EQ(out->chat[static_cast<std::size_t>(i)].content, "c" + std::to_string(i));
  }
}

TEST_P(StoreContractTest, DeleteRemovesSessionAndItsChat) {
  model::Session s = MakeSession("gone");
  s.chat = {Turn("user", "old question")};
  ASSERT_TRUE(store_->CreateSession(s).ok());
  ASSERT_TRUE(store_->DeleteSession("gone").ok());
  EXPECT_EQ(store_->GetSession("gone").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DeleteSession("gone").code(), StatusCode::kNotFound);
  // The id is free again and nothing of the old chat comes back.
  ASSERT_TRUE(store_->CreateSession(MakeSession("gone")).ok());
  auto out = store_->GetSession("gone");
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->chat.empty());
}

TEST_P(StoreContractTest, ReadableUntilOneMillisecondBeforeTtl) {
  RC_REQUIRE_INJECTABLE_CLOCK();
  const std::int64_t t0 = clock_.NowMillis();
  ASSERT_TRUE(store_->CreateSession(MakeSession("ttl")).ok());
  clock_.Set(t0 + kTtl - 1);
  auto out = store_->GetSession("ttl");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->updated_at_ms, t0);

  clock_.Set(t0 + kTtl);
  const Status expected = NotFoundError("session not found");
  EXPECT_EQ(store_->GetSession("ttl").status(), expected);
  EXPECT_EQ(store_->AppendChat("ttl", {Turn("user", "late")}), expected);
  EXPECT_EQ(store_->DeleteSession("ttl"), expected);
  // Going back in time shows the late append wrote nothing.
  clock_.Set(t0 + kTtl - 1);
  out = store_->GetSession("ttl");
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->chat.empty());
  EXPECT_EQ(out->updated_at_ms, t0);
}

TEST_P(StoreContractTest, ExpiredIsNotFoundWhetherOrNotSwept) {
  RC_REQUIRE_INJECTABLE_CLOCK();
  const std::int64_t t0 = clock_.NowMillis();
  ASSERT_TRUE(store_->CreateSession(MakeSession("a")).ok());
  ASSERT_TRUE(store_->CreateSession(MakeSession("b")).ok());
  clock_.Set(t0 + kTtl + 5);
  EXPECT_EQ(store_->GetSession("a").status().code(), StatusCode::kNotFound);  // not swept
  auto removed = store_->DeleteExpired();
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 2);
  EXPECT_EQ(store_->GetSession("a").status().code(), StatusCode::kNotFound);  // swept
}

TEST_P(StoreContractTest, AppendExtendsTheSession) {
  RC_REQUIRE_INJECTABLE_CLOCK();
  const std::int64_t t0 = clock_.NowMillis();
  ASSERT_TRUE(store_->CreateSession(MakeSession("slide")).ok());
  clock_.Set(t0 + kTtl - 1);
  ASSERT_TRUE(store_->AppendChat("slide", {Turn("user", "still here")}).ok());
  clock_.Set(t0 + kTtl);
  auto out = store_->GetSession("slide");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->updated_at_ms, t0 + kTtl - 1);
  EXPECT_EQ(out->created_at_ms, t0);
  EXPECT_EQ(out->chat.at(0).created_at_ms, t0 + kTtl - 1);
  clock_.Set(t0 + kTtl - 1 + kTtl - 1);
  EXPECT_TRUE(store_->GetSession("slide").ok());
  clock_.Set(t0 + kTtl - 1 + kTtl);
  EXPECT_EQ(store_->GetSession("slide").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, ReadsDoNotExtendTheSession) {
  RC_REQUIRE_INJECTABLE_CLOCK();
  const std::int64_t t0 = clock_.NowMillis();
  ASSERT_TRUE(store_->CreateSession(MakeSession("read")).ok());
  for (std::int64_t t : {t0 + 1, t0 + kTtl / 2, t0 + kTtl - 1}) {
    clock_.Set(t);
    ASSERT_TRUE(store_->GetSession("read").ok());
  }
  clock_.Set(t0 + kTtl);
  EXPECT_EQ(store_->GetSession("read").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, DeleteExpiredCountsOnlyExpiredSessions) {
  RC_REQUIRE_INJECTABLE_CLOCK();
  const std::int64_t t0 = clock_.NowMillis();
  ASSERT_TRUE(store_->CreateSession(MakeSession("old1")).ok());
  model::Session with_chat = MakeSession("old2");
  with_chat.chat = {Turn("user", "q"), Turn("assistant", "a", "builtin")};
  ASSERT_TRUE(store_->CreateSession(with_chat).ok());
  clock_.Set(t0 + 10);
  ASSERT_TRUE(store_->CreateSession(MakeSession("young")).ok());

  clock_.Set(t0 + kTtl - 1);
  auto removed = store_->DeleteExpired();
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 0);

  clock_.Set(t0 + kTtl);
  removed = store_->DeleteExpired();
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 2);
  removed = store_->DeleteExpired();
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 0);
  EXPECT_TRUE(store_->GetSession("young").ok());
}

TEST_P(StoreContractTest, DeleteExpiredRemovesALargeBacklog) {
  RC_REQUIRE_INJECTABLE_CLOCK();
  const std::int64_t t0 = clock_.NowMillis();
  constexpr int kSessions = 1234;  // more than one internal batch
  for (int i = 0; i < kSessions; ++i) {
    model::Session s = MakeSession("old-" + std::to_string(i));
    s.chat = {Turn("user", "q")};
    ASSERT_TRUE(store_->CreateSession(s).ok());
  }
  clock_.Set(t0 + 1);
  ASSERT_TRUE(store_->CreateSession(MakeSession("survivor")).ok());
  clock_.Set(t0 + kTtl);
  auto removed = store_->DeleteExpired();
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, kSessions);
  EXPECT_TRUE(store_->GetSession("survivor").ok());
  clock_.Set(t0);  // the rows are really gone, not just hidden
  EXPECT_EQ(store_->GetSession("old-7").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, ExpiredIdCanBeCreatedAgainWithoutOldData) {
  RC_REQUIRE_INJECTABLE_CLOCK();
  const std::int64_t t0 = clock_.NowMillis();
  model::Session s = MakeSession("reuse");
  s.chat = {Turn("user", "first life")};
  s.analysis_mode = "llm";
  s.analysis_notice = "an old notice";
  ASSERT_TRUE(store_->CreateSession(s).ok());
  clock_.Set(t0 + kTtl);
  ASSERT_TRUE(store_->CreateSession(MakeSession("reuse")).ok());
  auto out = store_->GetSession("reuse");
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->chat.empty());
  EXPECT_EQ(out->analysis_mode, "builtin");
  EXPECT_EQ(out->analysis_notice, "");
  EXPECT_EQ(out->created_at_ms, t0 + kTtl);
}

TEST_P(StoreContractTest, ExamplesCrudOrderedById) {
  ASSERT_TRUE(store_->PutExample({"nurse-resume", "Nurse (resume)", "resume", "RN, ICU"}).ok());
  ASSERT_TRUE(store_->PutExample({"chef-job", "Chef (job)", "job", "Line cook wanted"}).ok());
  ASSERT_TRUE(store_->PutExample({"data-job", "Data (job)", "job", "SQL, Python"}).ok());

  auto list = store_->ListExamples();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0], (model::Example{"chef-job", "Chef (job)", "job", ""}));
  EXPECT_EQ((*list)[1].id, "data-job");
  EXPECT_EQ((*list)[2].id, "nurse-resume");
  for (const auto& e : *list) EXPECT_TRUE(e.content.empty()) << e.id;

  auto one = store_->GetExample("data-job");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(*one, (model::Example{"data-job", "Data (job)", "job", "SQL, Python"}));

  ASSERT_TRUE(store_->PutExample({"data-job", "Data analyst (job)", "job", "SQL"}).ok());
  one = store_->GetExample("data-job");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->name, "Data analyst (job)");
  EXPECT_EQ(one->content, "SQL");
  EXPECT_EQ(store_->ListExamples()->size(), 3u);

  ASSERT_TRUE(store_->RemoveExample("chef-job").ok());
  EXPECT_EQ(store_->RemoveExample("chef-job").code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetExample("chef-job").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListExamples()->size(), 2u);
}

// 8 threads each append 50 question/answer pairs to one session at the same time: all 400
// pairs must be there, each pair contiguous, none duplicated, each thread's pairs in order.
void AppendConcurrently(const std::vector<Store*>& stores, std::string_view id) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store* store = stores[static_cast<std::size_t>(t) % stores.size()];
      for (int i = 0; i < kPerThread; ++i) {
        const std::string tag = std::to_string(t) + ":" + std::to_string(i);
        if (!store
                 ->AppendChat(id,
                              {Turn("user", "q " + tag), Turn("assistant", "a " + tag, "builtin")})
                 .ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(failures.load(), 0);

  auto out = stores[0]->GetSession(id);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->chat.size(), static_cast<std::size_t>(2 * kThreads * kPerThread));
  std::set<std::string> seen;
  std::map<int, int> next_of_thread;
  for (std::size_t k = 0; k < out->chat.size(); k += 2) {
    const auto& q = out->chat[k];
    const auto& a = out->chat[k + 1];
    ASSERT_EQ(q.role, "user");
    ASSERT_EQ(a.role, "assistant");
    const std::string tag = q.content.substr(2);
    ASSERT_EQ(a.content, "a " + tag) << "pair split at " << k;
    ASSERT_TRUE(seen.insert(tag).second) << "duplicate " << tag;
    const int thread = std::stoi(tag.substr(0, tag.find(':')));
    const int index = std::stoi(tag.substr(tag.find(':') + 1));
    EXPECT_EQ(index, next_of_thread[thread]++) << "thread " << thread << " out of order";
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST_P(StoreContractTest, ConcurrentAppendsLoseNothing) {
  ASSERT_TRUE(store_->CreateSession(MakeSession("busy")).ok());
  AppendConcurrently({store_.get()}, "busy");
}

TEST_P(StoreContractTest, ConcurrentAppendsThroughTwoInstancesLoseNothing) {
  if (!GetParam().shared_instances) GTEST_SKIP() << GetParam().name << " has no shared data";
  auto second = GetParam().make(clock_, kTtl, scope_);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_TRUE(store_->CreateSession(MakeSession("shared")).ok());
  ASSERT_TRUE((*second)->GetSession("shared").ok());  // visible through the other instance
  AppendConcurrently({store_.get(), second->get()}, "shared");
}

TEST_P(StoreContractTest, UnicodeAndLargeContentRoundTripByteExact) {
  std::string unicode =
      "Zoë Ångström — naïve café, 日本語の履歴書, Ελληνικά, עברית, العربية, हिन्दी, "
      "emoji 👩🏽‍⚕️🚀, combining e\u0301, ZWJ a\u200db, tab\tquote' \"dq\" "
      "back\\slash "
      "%_\n\r\n";
  std::string large;
  while (large.size() < 100'000) large += "Managed 12 nurses; cut wait times 30% ✓ ";
  large.resize(100'000);
  // Keep it valid UTF-8: trim a possibly cut multi-byte sequence at the end.
  while (!large.empty() && (static_cast<unsigned char>(large.back()) & 0x80) != 0) large.pop_back();

  model::Session s = MakeSession("big");
  s.resume = large;
  s.job_description = unicode;
  s.report_json = R"({"note":")" + unicode.substr(0, 20) + R"("})";
  s.analysis_markdown = unicode + large;
  s.chat = {Turn("user", unicode)};
  ASSERT_TRUE(store_->CreateSession(s).ok());
  ASSERT_TRUE(store_->AppendChat("big", {Turn("assistant", large, "builtin")}).ok());
  ASSERT_TRUE(store_->PutExample({"u", unicode, "resume", large}).ok());

  auto out = store_->GetSession("big");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->resume, large);
  EXPECT_EQ(out->job_description, unicode);
  EXPECT_EQ(out->report_json, s.report_json);
  EXPECT_EQ(out->analysis_markdown, s.analysis_markdown);
  ASSERT_EQ(out->chat.size(), 2u);
  EXPECT_EQ(out->chat[0].content, unicode);
  EXPECT_EQ(out->chat[1].content, large);
  auto example = store_->GetExample("u");
  ASSERT_TRUE(example.ok());
  EXPECT_EQ(example->name, unicode);
  EXPECT_EQ(example->content, large);
}

TEST_P(StoreContractTest, InjectionLookingIdsAreJustIds) {
  ASSERT_TRUE(store_->CreateSession(MakeSession("victim")).ok());
  const std::vector<std::string> hostile = {
      "' OR '1'='1", "victim' --",   "x'; DROP TABLE sessions; --", "%", "_",
      "victim%",     "\" OR 1=1 --", "1; DELETE FROM chat_turns"};
  for (const auto& id : hostile) {
    EXPECT_EQ(store_->GetSession(id).status().code(), StatusCode::kNotFound) << id;
    EXPECT_EQ(store_->DeleteSession(id).code(), StatusCode::kNotFound) << id;
    EXPECT_EQ(store_->AppendChat(id, {Turn("user", "x")}).code(), StatusCode::kNotFound) << id;
    EXPECT_EQ(store_->GetExample(id).status().code(), StatusCode::kNotFound) << id;
    EXPECT_EQ(store_->RemoveExample(id).code(), StatusCode::kNotFound) << id;
  }
  EXPECT_TRUE(store_->GetSession("victim").ok());
  // Such a string also works as a plain id.
  ASSERT_TRUE(store_->CreateSession(MakeSession(hostile[2])).ok());
  auto out = store_->GetSession(hostile[2]);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->id, hostile[2]);
  EXPECT_TRUE(store_->GetSession("victim").ok());
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreContractTest, ::testing::ValuesIn(Backends()),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace rc::storage

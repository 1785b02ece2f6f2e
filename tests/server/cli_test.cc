// End-to-end: the command line (help, analyze, examples, usage errors).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/server/test_server.h"

namespace rc::e2e {
namespace {

using nlohmann::json;

const std::string kExamples = std::string(RC_SOURCE_DIR) + "/data/examples/";

TEST(CliTest, HelpAndUsageErrors) {
  CommandResult r = RunCommand({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("serve"), std::string::npos);
  for (std::string cmd : {"serve", "analyze", "eval", "examples"}) {
    r = RunCommand({cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("usage: resume-coach " + cmd), std::string::npos) << cmd;
  }
  EXPECT_EQ(RunCommand({}).exit_code, 2);
  EXPECT_EQ(RunCommand({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(RunCommand({"analyze", "only-one-file"}).exit_code, 2);
  r = RunCommand({"serve", "--cors-origin", "*"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cors-origin"), std::string::npos);
  EXPECT_EQ(RunCommand({"serve", "--port", "99999"}).exit_code, 2);
}

TEST(CliTest, AnalyzeMarkdownAndJson) {
  const std::string resume = kExamples + "registered-nurse-resume.md";
  const std::string job = kExamples + "icu-nurse-job.md";
  CommandResult md = RunCommand({"analyze", resume, job});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_NE(md.out.find("Qualification Assessment"), std::string::npos);

  CommandResult js = RunCommand({"analyze", resume, job, "--format", "json"});
  ASSERT_EQ(js.exit_code, 0) << js.err;
  const json j = json::parse(js.out, nullptr, false);
  ASSERT_TRUE(j.is_object());
  std::string analysis = j["analysis"];
  if (!analysis.ends_with('\n')) analysis += '\n';
  EXPECT_EQ(analysis, md.out);
  EXPECT_TRUE(j["report"]["score"]["total"].is_number());
  // Deterministic: the same files give the same bytes.
  EXPECT_EQ(RunCommand({"analyze", resume, job, "--format", "json"}).out, js.out);

  CommandResult missing = RunCommand({"analyze", "/nonexistent/resume.txt", job});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("cannot read /nonexistent/resume.txt"), std::string::npos);
  EXPECT_EQ(RunCommand({"analyze", resume, job, "--format", "pdf"}).exit_code, 2);

  TempDir dir;
  WriteFile(dir.path() / "bad.txt", "Jane \xFF Doe");
  CommandResult bad = RunCommand({"analyze", (dir.path() / "bad.txt").string(), job});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("resume is not valid UTF-8"), std::string::npos) << bad.err;
}

TEST(CliTest, EvalDelegatesToTheEvaluator) {
  CommandResult r = RunCommand({"eval", "no-such-dataset", "/tmp"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(RunCommand({"eval", "skillspan"}).exit_code, 2);  // missing PATH: usage error
}

TEST(CliTest, ExamplesListAddRemove) {
  TempDir data;
  const std::string dir = "--data-dir=" + data.path().string();
  CommandResult r = RunCommand({"examples", "list", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("software-engineer-resume\tresume\t"), std::string::npos);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 6);

  WriteFile(data.path() / "teacher.txt", "Alex Kim\nHigh school teacher\n");
  r = RunCommand({"examples", "add", "--id", "teacher-resume", "--name", "Teacher (resume)",
                  "--kind", "resume", (data.path() / "teacher.txt").string(), dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCommand({"examples", "remove", "marketing-manager-job", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCommand({"examples", "remove", "marketing-manager-job", dir});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("example not found"), std::string::npos);
  r = RunCommand({"examples", "add", "--id", "Bad Id", "--name", "x", "--kind", "resume",
                  (data.path() / "teacher.txt").string(), dir});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(RunCommand({"examples", "add", "--id", "x", dir}).exit_code, 2);

  // The server sees the same examples (and does not re-seed the removed one).
  ServerProcess server(data.path());
  HttpResult items = Request(server.port(), "GET", "/items");
  ASSERT_EQ(items.status, 200);
  const json list = json::parse(items.body);
  EXPECT_EQ(list.size(), 6u);
  bool teacher = false, marketing_job = false;
  for (const json& item : list) {
    teacher |= item["id"] == "teacher-resume";
    marketing_job |= item["id"] == "marketing-manager-job";
  }
  EXPECT_TRUE(teacher);
  EXPECT_FALSE(marketing_job);
  HttpResult item = Request(server.port(), "GET", "/items/teacher-resume");
  EXPECT_EQ(json::parse(item.body)["content"], "Alex Kim\nHigh school teacher\n");
}

TEST(CliTest, EnvironmentConfiguresTheServer) {
  TempDir data;
  const auto db = data.path() / "custom.db";
  ServerProcess server(data.path() / "unused", {}, {{"RESUME_COACH_DATABASE_URL", db.string()}});
  EXPECT_EQ(Request(server.port(), "GET", "/health").status, 200);
  EXPECT_TRUE(std::filesystem::exists(db));
}

}  // namespace
}  // namespace rc::e2e

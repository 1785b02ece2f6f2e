// Tests for reading the LLM configuration from the environment.
#include "llm/config.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace rc::llm {
namespace {

constexpr char kKey[] = "sk-test-SECRET-0123456789abcdef";

class Env {
 public:
  Env& Set(const std::string& name, const std::string& value) {
    vars_[name] = value;
    return *this;
  }
  GetEnv Get() const {
    return [this](const char* name) -> const char* {
      auto it = vars_.find(name);
      return it == vars_.end() ? nullptr : it->second.c_str();
    };
  }
  std::map<std::string, std::string> files;
  ReadFile Read() const {
    return [this](const std::string& path) -> Result<std::string> {
      auto it = files.find(path);
      if (it == files.end()) return NotFoundError("no such file");
      return it->second;
    };
  }

 private:
  std::map<std::string, std::string> vars_;
};

TEST(LoadLlmConfigTest, NothingConfiguredIsBuiltinMode) {
  Env env;
  Result<LlmConfig> config = LoadLlmConfig(env.Get(), env.Read());
  ASSERT_TRUE(config.ok());
  EXPECT_FALSE(config->enabled);
  EXPECT_EQ(ModeName(*config), "builtin");
  EXPECT_EQ(Describe(*config), "mode=builtin (no LLM configured)");
}

TEST(LoadLlmConfigTest, KeyAloneUsesOpenAiDefaults) {
  Env env;
  env.Set("OPENAI_API_KEY", kKey);
  Result<LlmConfig> config = LoadLlmConfig(env.Get(), env.Read());
  ASSERT_TRUE(config.ok());
  EXPECT_TRUE(config->enabled);
  EXPECT_EQ(ModeName(*config), "llm");
  EXPECT_EQ(config->model, "gpt-4o-mini");
  EXPECT_TRUE(config->endpoint.tls);
  EXPECT_EQ(config->endpoint.host, "api.openai.com");
  EXPECT_EQ(config->endpoint.port, 443);
  EXPECT_EQ(config->endpoint.path, "/v1");
  EXPECT_EQ(config->api_key, kKey);
  EXPECT_GT(config->max_tokens, 0);
}

TEST(LoadLlmConfigTest, LocalServerNeedsNoKey) {
  Env env;
  env.Set("RESUME_COACH_LLM_URL", "http://127.0.0.1:11434/v1/")
      .Set("RESUME_COACH_MODEL", "llama3.2");
  Result<LlmConfig> config = LoadLlmConfig(env.Get(), env.Read());
  ASSERT_TRUE(config.ok());
  EXPECT_TRUE(config->enabled);
  EXPECT_FALSE(config->endpoint.tls);
  EXPECT_EQ(config->endpoint.host, "127.0.0.1");
  EXPECT_EQ(config->endpoint.port, 11434);
  EXPECT_EQ(config->endpoint.path, "/v1");
  EXPECT_EQ(config->model, "llama3.2");
  EXPECT_TRUE(config->api_key.empty());
  EXPECT_NE(Describe(*config).find("key=none"), std::string::npos);
}

TEST(LoadLlmConfigTest, KeyFileIsReadAndTrimmed) {
  Env env;
  env.Set("RESUME_COACH_LLM_KEY_FILE", "/run/secrets/key");
  env.files["/run/secrets/key"] = std::string(kKey) + "\n";
  Result<LlmConfig> config = LoadLlmConfig(env.Get(), env.Read());
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->api_key, kKey);
}

TEST(LoadLlmConfigTest, EnvironmentKeyWinsOverKeyFile) {
  Env env;
  env.Set("OPENAI_API_KEY", kKey).Set("RESUME_COACH_LLM_KEY_FILE", "/missing");
  Result<LlmConfig> config = LoadLlmConfig(env.Get(), env.Read());
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->api_key, kKey);
}

TEST(LoadLlmConfigTest, UnreadableKeyFileIsAnError) {
  Env env;
  env.Set("RESUME_COACH_LLM_KEY_FILE", "/missing");
  Result<LlmConfig> config = LoadLlmConfig(env.Get(), env.Read());
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
}

TEST(LoadLlmConfigTest, TimeoutsAndLimitsAreRead) {
  Env env;
  env.Set("OPENAI_API_KEY", kKey)
      .Set("RESUME_COACH_LLM_CONNECT_TIMEOUT_MS", "1500")
      .Set("RESUME_COACH_LLM_FIRST_TOKEN_TIMEOUT_MS", "20000")
      .Set("RESUME_COACH_LLM_IDLE_TIMEOUT_MS", "10000")
      .Set("RESUME_COACH_LLM_TOTAL_TIMEOUT_MS", "90000")
      .Set("RESUME_COACH_LLM_MAX_TOKENS", "512")
      .Set("RESUME_COACH_LLM_MAX_RETRIES", "0")
      .Set("RESUME_COACH_LLM_AUTH_HEADER", "API-Key");
  Result<LlmConfig> config = LoadLlmConfig(env.Get(), env.Read());
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->connect_timeout.count(), 1500);
  EXPECT_EQ(config->first_token_timeout.count(), 20000);
  EXPECT_EQ(config->idle_timeout.count(), 10000);
  EXPECT_EQ(config->total_timeout.count(), 90000);
  EXPECT_EQ(config->max_tokens, 512);
  EXPECT_EQ(config->retry.max_retries, 0);
  EXPECT_EQ(config->auth_header, "api-key");
}

TEST(LoadLlmConfigTest, BadNumbersAreRejected) {
  for (const char* bad : {"0", "-5", "12x", "99999999999"}) {
    Env env;
    env.Set("OPENAI_API_KEY", kKey).Set("RESUME_COACH_LLM_IDLE_TIMEOUT_MS", bad);
    Result<LlmConfig> config = LoadLlmConfig(env.Get(), env.Read());
    ASSERT_FALSE(config.ok()) << bad;
    EXPECT_NE(config.status().message().find("RESUME_COACH_LLM_IDLE_TIMEOUT_MS"),
              std::string::npos);
  }
}

TEST(LoadLlmConfigTest, KeyNeverAppearsInDescriptionOrErrors) {
  Env env;
  env.Set("OPENAI_API_KEY", kKey).Set("RESUME_COACH_LLM_URL", "https://llm.example.com/v1");
  Result<LlmConfig> config = LoadLlmConfig(env.Get(), env.Read());
  ASSERT_TRUE(config.ok());
  const std::string text = Describe(*config);
  EXPECT_EQ(text.find("SECRET"), std::string::npos);
  EXPECT_NE(text.find("key=set"), std::string::npos);
  EXPECT_NE(text.find("llm.example.com"), std::string::npos);

  Env bad;
  bad.Set("OPENAI_API_KEY", kKey).Set("RESUME_COACH_LLM_URL", std::string("ftp://x/") + kKey);
  Result<LlmConfig> failed = LoadLlmConfig(bad.Get(), bad.Read());
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message().find("SECRET"), std::string::npos);
}

TEST(ParseEndpointTest, ParsesHostsPortsPathsAndQueries) {
  Result<Endpoint> azure = ParseEndpoint(
      "https://acme.openai.azure.com/openai/deployments/gpt4o?api-version=2024-10-21");
  ASSERT_TRUE(azure.ok());
  EXPECT_EQ(azure->host, "acme.openai.azure.com");
  EXPECT_EQ(azure->path, "/openai/deployments/gpt4o");
  EXPECT_EQ(azure->query, "api-version=2024-10-21");

  Result<Endpoint> v6 = ParseEndpoint("http://[::1]:8080");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 8080);
  EXPECT_EQ(v6->path, "");
}

TEST(ParseEndpointTest, RejectsBadUrls) {
  for (const char* url : {"api.openai.com/v1", "https://", "https://host:0/", "https://host:99999",
                          "https://user:pw@host/v1", "http://ho st/", "http://host/a b"}) {
    Result<Endpoint> ep = ParseEndpoint(url);
    EXPECT_FALSE(ep.ok()) << url;
  }
  Result<Endpoint> creds = ParseEndpoint("https://user:hunter2@host/v1");
  ASSERT_FALSE(creds.ok());
  EXPECT_EQ(creds.status().message().find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace rc::llm

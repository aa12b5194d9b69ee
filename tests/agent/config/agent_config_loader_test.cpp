// The agent config loader: defaults, every error kind at its JSON pointer (all of them in
// one pass), relative paths, loopback rule, the files shipped in config/.
#include <unistd.h>

#include <fstream>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "config/agent_config_loader.h"

namespace loyalty::config {
namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "loyalty-config-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

constexpr const char* kMinimal = R"({"format": 1, "terminalId": "till-01", "storeId": "berlin-01",
  "databasePath": "agent.db", "tokenFile": "api-token"})";

AgentConfigLoad parse(const std::string& text, const std::filesystem::path& base) { return parseAgentConfig(text, base); }

// "pointer reason" of each issue, in order.
std::vector<std::string> issuesOf(const AgentConfigLoad& load) {
  std::vector<std::string> out;
  for (const codec::Issue& issue : load.issues) out.push_back(issue.pointer + " " + issue.reason);
  return out;
}

TEST_CASE("a minimal config takes every default and resolves paths against its directory", "[config]") {
  TempDir dir;
  const AgentConfigLoad load = parse(kMinimal, dir.path());
  REQUIRE(load.issues.empty());
  const AgentConfig& config = *load.config;
  CHECK(config.terminalId == "till-01");
  CHECK(config.storeId == "berlin-01");
  CHECK(config.databasePath == dir.path() / "agent.db");
  CHECK(config.tokenFile == dir.path() / "api-token");
  AgentConfig expected;
  expected.terminalId = "till-01";
  expected.storeId = "berlin-01";
  expected.databasePath = dir.path() / "agent.db";
  expected.tokenFile = dir.path() / "api-token";
  CHECK(config == expected);  // every other field at its default
  CHECK(config.listen.address == "127.0.0.1");
  CHECK(config.listen.port == 8420);
  CHECK(config.lanes == 4);
  CHECK(config.limits.maxBodyBytes == 1024 * 1024);
  CHECK(config.log.level == log::LogLevel::info);
}

TEST_CASE("every field is read", "[config]") {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "data");
  const std::string text = R"({"format": 1, "terminalId": "T.9_x-1", "storeId": "S1",
    "databasePath": ")" + (dir.path() / "data" / "a.db").string() + R"(", "tokenFile": "data/../data/token",
    "listen": {"address": "::1", "port": 0, "allowNonLoopback": false},
    "lanes": 2,
    "limits": {"maxBodyBytes": 2048, "maxHeaderBytes": 4096, "requestTimeoutMs": 500, "idleTimeoutMs": 1000,
               "drainTimeoutMs": 0, "maxConnections": 8, "maxQueuedRequests": 16},
    "database": {"maxPageCount": 5000},
    "log": {"level": "debug"}, "offline": {}, "hq": {}})";
  const AgentConfigLoad load = parse(text, dir.path());
  REQUIRE(issuesOf(load).empty());
  const AgentConfig& config = *load.config;
  CHECK(config.terminalId == "T.9_x-1");
  CHECK(config.databasePath == dir.path() / "data" / "a.db");
  CHECK(config.tokenFile == dir.path() / "data" / "token");
  CHECK(config.listen.address == "::1");
  CHECK(config.listen.port == 0);
  CHECK(config.lanes == 2);
  CHECK(config.limits == LimitsConfig{2048, 4096, 500, 1000, 0, 8, 16});
  CHECK(config.database.maxPageCount == 5000);
  CHECK(config.log.level == log::LogLevel::debug);
}

TEST_CASE("every problem is listed at once, each at its pointer", "[config]") {
  TempDir dir;
  const std::string text = R"({"format": 2, "terminalId": "till 01", "storeId": "",
    "databasePath": "missing-dir/agent.db", "tokenFile": 42,
    "listen": {"address": "10.0.0.5", "port": 70000, "alowNonLoopback": true},
    "lanes": 0,
    "limits": {"maxBodyBytes": 1.5, "maxHeaderBytes": 10, "requestTimeoutMs": -1, "idleTimeoutMs": "60s",
               "drainTimeoutMs": 600001, "maxConnections": 0, "maxQueuedRequests": 0, "maxBody": 1},
    "database": {"maxPageCount": -1, "path": "x"},
    "log": {"level": "verbose", "format": "json"}, "offline": {"burnLimit": 5}, "hq": [], "extra": true})";
  const AgentConfigLoad load = parse(text, dir.path());
  CHECK_FALSE(load.config.has_value());
  CHECK(issuesOf(load) == std::vector<std::string>{
                              "/format unsupported_format",
                              "/terminalId invalid_value",
                              "/storeId empty_value",
                              "/databasePath directory_missing",
                              "/tokenFile wrong_type",
                              "/listen/port out_of_range",
                              "/listen/address non_loopback_address",
                              "/listen/alowNonLoopback unknown_field",
                              "/lanes out_of_range",
                              "/limits/maxBodyBytes wrong_type",
                              "/limits/maxHeaderBytes out_of_range",
                              "/limits/requestTimeoutMs out_of_range",
                              "/limits/idleTimeoutMs wrong_type",
                              "/limits/drainTimeoutMs out_of_range",
                              "/limits/maxConnections out_of_range",
                              "/limits/maxQueuedRequests out_of_range",
                              "/limits/maxBody unknown_field",
                              "/database/maxPageCount out_of_range",
                              "/database/path unknown_field",
                              "/log/level invalid_value",
                              "/log/format unknown_field",
                              "/offline/burnLimit unknown_field",
                              "/hq wrong_type",
                              "/extra unknown_field",
                          });
}

TEST_CASE("required fields, documents that are not objects, malformed JSON", "[config]") {
  TempDir dir;
  CHECK(issuesOf(parse("{}", dir.path())) ==
        std::vector<std::string>{"/format missing_field", "/terminalId missing_field", "/storeId missing_field",
                                 "/databasePath missing_field", "/tokenFile missing_field"});
  CHECK(issuesOf(parse("[]", dir.path())) == std::vector<std::string>{" wrong_type"});
  CHECK(issuesOf(parse(R"({"format": 1,)", dir.path())) == std::vector<std::string>{" malformed_json"});
  CHECK(issuesOf(parse(R"({"format": 1, "format": 1})", dir.path())).front() == "/format duplicate_key");
  CHECK(issuesOf(parse(R"({"format": null, "terminalId": null, "storeId": "s", "databasePath": "a",
                           "tokenFile": "b"})", dir.path())) ==
        std::vector<std::string>{"/format missing_field", "/terminalId missing_field"});
}

TEST_CASE("listen: loopback only unless allowed, IP literals only", "[config]") {
  TempDir dir;
  const auto withListen = [](const std::string& listen) {
    return R"({"format": 1, "terminalId": "t", "storeId": "s", "databasePath": "a.db", "tokenFile": "t",
               "listen": )" + listen + "}";
  };
  CHECK(issuesOf(parse(withListen(R"({"address": "0.0.0.0"})"), dir.path())) ==
        std::vector<std::string>{"/listen/address non_loopback_address"});
  CHECK(issuesOf(parse(withListen(R"({"address": "192.168.1.20"})"), dir.path())) ==
        std::vector<std::string>{"/listen/address non_loopback_address"});
  CHECK(issuesOf(parse(withListen(R"({"address": "localhost"})"), dir.path())) ==
        std::vector<std::string>{"/listen/address invalid_address"});
  CHECK(issuesOf(parse(withListen(R"({"address": "127.0.0.01"})"), dir.path())) ==
        std::vector<std::string>{"/listen/address invalid_address"});
  for (const char* loopback : {"127.0.0.1", "127.10.0.1", "::1"}) {
    INFO(loopback);
    CHECK(parse(withListen(std::string(R"({"address": ")") + loopback + "\"}"), dir.path()).issues.empty());
  }
  const AgentConfigLoad allowed = parse(withListen(R"({"address": "0.0.0.0", "allowNonLoopback": true})"), dir.path());
  REQUIRE(allowed.issues.empty());
  CHECK(allowed.config->listen.allowNonLoopback);
}

TEST_CASE("paths: a directory is not a file, the token file is not the database", "[config]") {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "db");
  CHECK(issuesOf(parse(R"({"format": 1, "terminalId": "t", "storeId": "s", "databasePath": "db",
                           "tokenFile": "./db/../agent.db"})", dir.path())) ==
        std::vector<std::string>{"/databasePath is_a_directory"});
  CHECK(issuesOf(parse(R"({"format": 1, "terminalId": "t", "storeId": "s", "databasePath": "agent.db",
                           "tokenFile": "./agent.db"})", dir.path())) ==
        std::vector<std::string>{"/tokenFile invalid_value"});
}

TEST_CASE("loadAgentConfig reads a file and lists every problem in one error", "[config]") {
  TempDir dir;
  const std::filesystem::path file = dir.path() / "agent.json";
  {
    std::ofstream out(file);
    out << R"({"format": 1, "terminalId": "t", "storeId": "s", "databasePath": "a.db", "tokenFile": "tok",
              "lanes": 99, "log": {"level": "loud"}})";
  }
  Result<AgentConfig> loaded = loadAgentConfig(file);
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().reason == "invalid_config");
  CHECK(loaded.error().code == ErrorCode::invalid_input);
  const std::string& message = loaded.error().message;
  CHECK(message.find(file.string()) != std::string::npos);
  CHECK(message.find("(2 problems)") != std::string::npos);
  CHECK(message.find("  /lanes: out_of_range: must be between 1 and 64, got 99.") != std::string::npos);
  CHECK(message.find("  /log/level: invalid_value: \"loud\" is not one of: debug, info, warn, error.") !=
        std::string::npos);

  {
    std::ofstream out(file, std::ios::trunc);
    out << kMinimal;
  }
  loaded = loadAgentConfig(file);
  REQUIRE(loaded.ok());
  CHECK(loaded->databasePath == dir.path() / "agent.db");

  CHECK(loadAgentConfig(dir.path() / "absent.json").error().reason == "config_not_found");
  CHECK(loadAgentConfig(dir.path()).error().reason == "config_unreadable");
  {
    std::ofstream out(file, std::ios::trunc);
    out << std::string(kMaxConfigBytes + 1, ' ');
  }
  CHECK(loadAgentConfig(file).error().reason == "config_too_large");
}

TEST_CASE("the shipped default and example configs load, the default spells out the defaults", "[config]") {
  const std::filesystem::path configDir = std::filesystem::path(LOYALTY_SOURCE_DIR) / "config";
  // The shipped files name absolute production paths; check them against a temp tree by
  // rewriting only the two paths.
  TempDir dir;
  for (const char* name : {"agent.default.json", "agent.example.json"}) {
    INFO(name);
    std::ifstream in(configDir / name);
    REQUIRE(in);
    nlohmann::json document = nlohmann::json::parse(in);
    document["databasePath"] = (dir.path() / "agent.db").string();
    document["tokenFile"] = (dir.path() / "api-token").string();
    const AgentConfigLoad load = parse(document.dump(), dir.path());
    INFO(describeIssues(load.issues));
    REQUIRE(load.config.has_value());
    if (std::string(name) == "agent.default.json") {
      AgentConfig defaults;
      defaults.terminalId = load.config->terminalId;
      defaults.storeId = load.config->storeId;
      defaults.databasePath = load.config->databasePath;
      defaults.tokenFile = load.config->tokenFile;
      CHECK(*load.config == defaults);
    }
  }
  // And as shipped, the example loads with its paths as they are (relative ones resolve
  // against config/; absolute ones name directories that may not exist here).
  std::ifstream in(configDir / "agent.example.json");
  const AgentConfigLoad example = parse(nlohmann::json::parse(in).dump(), configDir);
  for (const codec::Issue& issue : example.issues) CHECK(issue.reason == "directory_missing");
}

}  // namespace
}  // namespace loyalty::config

#include "agent_harness.h"

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <map>
#include <sstream>

namespace loyalty::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

Error setupFailed(const std::string& what) { return makeError(ErrorCode::io_error, "setup_failed", what); }

// Written beside and renamed: a SIGHUP never reads half a config.
Result<Done> writeFileAtomically(const fs::path& path, const std::string& text) {
  const fs::path temp = path.string() + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return setupFailed("cannot write " + temp.string());
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) {
      ::close(fd);
      return setupFailed("cannot write " + temp.string());
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) return setupFailed("cannot rename " + temp.string() + ": " + ec.message());
  return Done{};
}

std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

Result<Done> ctlOk(const std::vector<std::string>& args, const std::string& what) {
  auto run = runCtl(args);
  if (!run) return run.error();
  if (run->status.code != 0) {
    return setupFailed(what + " failed (exit " + std::to_string(run->status.code) + "): " + run->err + run->out);
  }
  return Done{};
}

json parsedLine(const std::string& line) {
  json parsed = json::parse(line, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return json{{"raw", line}};
  return parsed;
}

}  // namespace

std::string agentBinary() { return LOYALTY_AGENT_BINARY; }
std::string ctlBinary() { return LOYALTYCTL_BINARY; }

Result<CommandResult> runCtl(const std::vector<std::string>& args) { return runCommand(ctlBinary(), args); }

AgentProcess::AgentProcess(fs::path dir, AgentOptions options) : dir_(std::move(dir)), options_(std::move(options)) {
  if (options_.bundle.empty()) options_.bundle = fs::path(LOYALTY_SOURCE_DIR) / "config/examples/bundle.json";
  const fs::path databaseDir = options_.databaseDir.empty() ? dir_ : options_.databaseDir;
  configPath_ = dir_ / "agent.json";
  databasePath_ = databaseDir / "agent.db";
  tokenPath_ = dir_ / "api-token";
  snapshotPath_ = dir_ / "snapshot-1.ndjson";
}

AgentProcess::~AgentProcess() {
  if (running()) (void)kill9();
}

Result<std::unique_ptr<AgentProcess>> AgentProcess::create(const fs::path& dir, AgentOptions options) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) return setupFailed("cannot create " + dir.string() + ": " + ec.message());
  std::unique_ptr<AgentProcess> agent(new AgentProcess(dir, std::move(options)));
  if (auto written = agent->rewriteConfig(json::object()); !written) return written.error();
  if (auto imported = agent->importSnapshot(1); !imported) return imported.error();
  return agent;
}

json AgentProcess::baseConfig() const {
  json config{{"format", 1},
              {"terminalId", options_.terminalId},
              {"storeId", options_.storeId},
              {"databasePath", databasePath_.string()},
              {"tokenFile", tokenPath_.filename().string()},  // relative: resolved against the config
              {"listen", {{"address", "127.0.0.1"}, {"port", 0}}},
              {"lanes", options_.lanes},
              {"log", {{"level", options_.logLevel}}}};
  config.merge_patch(options_.configPatch);
  return config;
}

Result<Done> AgentProcess::rewriteConfig(const json& patch) {
  json config = baseConfig();
  config.merge_patch(patch);
  return writeFileAtomically(configPath_, config.dump(2) + "\n");
}

Result<Done> AgentProcess::generateSnapshot(std::int64_t version, const fs::path& out) const {
  return ctlOk({"snapshot", "generate", "--members", std::to_string(options_.members), "--bundle",
                options_.bundle.string(), "--store", options_.storeId, "--out", out.string(), "--seed",
                std::to_string(options_.seed), "--version", std::to_string(version)},
               "snapshot generate");
}

Result<Done> AgentProcess::importSnapshot(std::int64_t version) {
  const fs::path file = dir_ / ("snapshot-" + std::to_string(version) + ".ndjson");
  if (auto generated = generateSnapshot(version, file); !generated) return generated.error();
  return ctlOk({"snapshot", "import", "--db", databasePath_.string(), "--terminal", options_.terminalId,
                file.string()},
               "snapshot import");
}

Result<Done> AgentProcess::launch() {
  auto spawned = process_.spawn(agentBinary(), {"--config", configPath_.string()});
  if (!spawned) return spawned.error();
  return Done{};
}

Result<Done> AgentProcess::start() {
  const std::size_t from = process_.lineCount();
  auto spawned = process_.spawn(agentBinary(), {"--config", configPath_.string()});
  if (!spawned) return spawned.error();
  const auto ready = waitForEvent(from, "agent_ready");
  if (!ready || !ready->contains("port") || !(*ready)["port"].is_number_unsigned()) {
    const std::string tail = logTail();
    if (running()) (void)kill9();
    return makeError(ErrorCode::io_error, "agent_not_ready", "the agent did not become ready; its log:\n" + tail);
  }
  port_ = (*ready)["port"].get<std::uint16_t>();
  token_ = trimmed(readText(tokenPath_));
  if (token_.empty()) return makeError(ErrorCode::io_error, "agent_not_ready", "the token file is empty");
  return Done{};
}

Result<ExitStatus> AgentProcess::stop(std::chrono::milliseconds limit) {
  if (!process_.signal(SIGTERM)) return makeError(ErrorCode::io_error, "not_running", "the agent is not running.");
  auto status = process_.wait(limit);
  if (!status) (void)process_.kill9();
  return status;
}

Result<ExitStatus> AgentProcess::kill9() { return process_.kill9(); }

Result<Done> AgentProcess::reload() {
  const std::size_t from = process_.lineCount();
  if (!process_.signal(SIGHUP)) return makeError(ErrorCode::io_error, "not_running", "the agent is not running.");
  const long index = process_.waitForLine(
      from,
      [](const std::string& line) {
        const json parsed = parsedLine(line);
        const std::string event = parsed.value("event", "");
        return event == "rules_reloaded" || event == "rules_reload_failed";
      },
      std::chrono::seconds(60));
  if (index < 0) return makeError(ErrorCode::io_error, "reload_unanswered", "no reload outcome; log:\n" + logTail());
  const json outcome = parsedLine(process_.lines()[static_cast<std::size_t>(index)]);
  if (outcome.value("event", "") != "rules_reloaded") {
    return makeError(ErrorCode::io_error, "reload_failed", outcome.dump());
  }
  return Done{};
}

std::unique_ptr<pos::PosClient> AgentProcess::client(std::chrono::milliseconds deadline) const {
  return std::make_unique<pos::PosClient>("127.0.0.1", port_, token_, deadline);
}

Result<CommandResult> AgentProcess::verifyLedger() const {
  return runCtl({"ledger", "verify", "--db", databasePath_.string()});
}

Result<std::vector<SnapshotMember>> AgentProcess::snapshotMembers() const {
  std::ifstream in(snapshotPath_);
  if (!in) return setupFailed("cannot read " + snapshotPath_.string());
  std::vector<SnapshotMember> members;
  std::map<std::string, std::size_t> byId;
  std::vector<json> links;  // cards, revocations and keys may come before their member
  for (std::string line; std::getline(in, line);) {
    json record = json::parse(line, nullptr, false);
    if (record.is_discarded()) return setupFailed("the snapshot has a line that is not JSON");
    const std::string type = record.value("type", "");
    if (type == "member") {
      SnapshotMember member;
      member.id = record["member"]["id"].get<std::string>();
      member.status = record["member"]["status"].get<std::string>();
      byId[member.id] = members.size();
      members.push_back(std::move(member));
    } else if (type == "card" || type == "revoked_card" || type == "device_key") {
      links.push_back(std::move(record));
    }
  }
  std::map<std::string, std::string> cardOwner;
  for (const json& link : links) {
    if (link["type"] != "card") continue;
    const std::string owner = link["member"].get<std::string>();
    cardOwner[link["card"].get<std::string>()] = owner;
    if (byId.count(owner)) members[byId[owner]].cards.push_back(link["card"].get<std::string>());
  }
  for (const json& link : links) {
    if (link["type"] == "revoked_card") {
      const std::string card = link["card"].get<std::string>();
      if (cardOwner.count(card) && byId.count(cardOwner[card])) members[byId[cardOwner[card]]].revokedCards.push_back(card);
    } else if (link["type"] == "device_key" && byId.count(link["member"].get<std::string>())) {
      SnapshotMember& member = members[byId[link["member"].get<std::string>()]];
      member.deviceKeyId = link["key"].get<std::string>();
      member.deviceKeyRevoked = link.value("revoked", false);
    }
  }
  return members;
}

std::vector<json> AgentProcess::logLines() const {
  std::vector<json> out;
  for (const std::string& line : process_.lines()) out.push_back(parsedLine(line));
  return out;
}

std::optional<json> AgentProcess::waitForEvent(std::size_t from, const std::string& event, const json& fields,
                                               std::chrono::milliseconds limit) const {
  const auto matches = [&](const std::string& line) {
    const json parsed = parsedLine(line);
    if (parsed.value("event", "") != event) return false;
    for (const auto& [key, value] : fields.items()) {
      if (!parsed.contains(key) || parsed[key] != value) return false;
    }
    return true;
  };
  const long index = process_.waitForLine(from, matches, limit);
  if (index < 0) return std::nullopt;
  return parsedLine(process_.lines()[static_cast<std::size_t>(index)]);
}

std::string AgentProcess::logTail(std::size_t count) const {
  const std::vector<std::string> all = process_.lines();
  std::string out;
  for (std::size_t i = all.size() > count ? all.size() - count : 0; i < all.size(); ++i) out += all[i] + "\n";
  return out;
}

}  // namespace loyalty::testing

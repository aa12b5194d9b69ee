// A real loyalty-agent process for end-to-end tests (tests/agent/daemon): a directory with
// a config (ephemeral port, no token file yet), a snapshot generated and imported with the
// real loyaltyctl, and the agent started with fork/exec. The port is read from the
// "agent_ready" log line and the token from the file the agent created. The agent can be
// stopped (SIGTERM), killed (SIGKILL) and started again on the same database.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "child_process.h"
#include "pos_client/pos_client.h"

namespace loyalty::testing {

struct Done {};

// The binaries built with the tests (compile definitions of the harness library).
[[nodiscard]] std::string agentBinary();
[[nodiscard]] std::string ctlBinary();
// loyaltyctl with `args`, run to completion.
[[nodiscard]] Result<CommandResult> runCtl(const std::vector<std::string>& args);

struct AgentOptions {
  std::string terminalId = "berlin-01-till-1";
  std::string storeId = "berlin-01";
  std::filesystem::path bundle;          // empty: config/examples/bundle.json
  std::int64_t members = 200;
  std::uint64_t seed = 1;
  std::int64_t lanes = 4;
  std::string logLevel = "info";         // info or debug: start() waits for the info line agent_ready
  std::filesystem::path databaseDir;     // empty: the agent's directory (a tmpfs for disk-full tests)
  nlohmann::json configPatch = nlohmann::json::object();  // merge-patched into the config
};

// A member of the generated snapshot, as its file lists it.
struct SnapshotMember {
  std::string id;
  std::string status;                    // active, suspended, closed
  std::vector<std::string> cards;
  std::vector<std::string> revokedCards;
  std::optional<std::string> deviceKeyId;
  bool deviceKeyRevoked = false;
};

class AgentProcess {
 public:
  // Makes `dir` afresh, writes the config, generates snapshot version 1 (seeded) and
  // imports it. Errors: io_error "setup_failed" with what failed (and loyaltyctl's output).
  [[nodiscard]] static Result<std::unique_ptr<AgentProcess>> create(const std::filesystem::path& dir,
                                                                     AgentOptions options);
  ~AgentProcess();
  AgentProcess(const AgentProcess&) = delete;
  AgentProcess& operator=(const AgentProcess&) = delete;

  // Spawns the agent, waits for "agent_ready" (or its exit), reads the port and the token.
  // Errors: io_error "agent_not_ready" with the agent's last log lines.
  [[nodiscard]] Result<Done> start();
  // Only spawns it (to kill it while it opens the database and loads the rules).
  [[nodiscard]] Result<Done> launch();
  // SIGTERM and wait for the exit (killed with SIGKILL after `limit`: error "still_running").
  [[nodiscard]] Result<ExitStatus> stop(std::chrono::milliseconds limit = std::chrono::seconds(60));
  // SIGKILL: the process ends wherever it is, as on a power cut of the process.
  [[nodiscard]] Result<ExitStatus> kill9();
  // SIGHUP, then waits for the reload's outcome line ("rules_reloaded"/"rules_reload_failed").
  [[nodiscard]] Result<Done> reload();
  [[nodiscard]] bool running() const noexcept { return process_.running(); }
  [[nodiscard]] pid_t pid() const noexcept { return process_.pid(); }

  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  [[nodiscard]] const std::string& token() const noexcept { return token_; }
  // A POS client of the running agent.
  [[nodiscard]] std::unique_ptr<pos::PosClient> client(
      std::chrono::milliseconds deadline = std::chrono::seconds(30)) const;

  // Rewrites the config: the base config merge-patched with `patch` (for SIGHUP or restart).
  [[nodiscard]] Result<Done> rewriteConfig(const nlohmann::json& patch);
  // Generates snapshot `version` (same seed and members) and imports it with loyaltyctl
  // into the database, also while the agent runs.
  [[nodiscard]] Result<Done> importSnapshot(std::int64_t version);
  // `loyaltyctl ledger verify --db` on this agent's database.
  [[nodiscard]] Result<CommandResult> verifyLedger() const;
  // The members of the generated snapshot file.
  [[nodiscard]] Result<std::vector<SnapshotMember>> snapshotMembers() const;

  // Log lines (parsed JSON; a line that is not JSON becomes {"raw": text}) of all runs.
  [[nodiscard]] std::vector<nlohmann::json> logLines() const;
  [[nodiscard]] std::size_t logLineCount() const { return process_.lineCount(); }
  // Waits for a line at index >= from with "event" == event (and every field of `fields`
  // equal); returns it, or nullopt when the agent ended or `limit` passed.
  [[nodiscard]] std::optional<nlohmann::json> waitForEvent(
      std::size_t from, const std::string& event, const nlohmann::json& fields = nlohmann::json::object(),
      std::chrono::milliseconds limit = std::chrono::seconds(60)) const;
  // The last `count` log lines as text, for failure messages.
  [[nodiscard]] std::string logTail(std::size_t count = 20) const;

  [[nodiscard]] const std::filesystem::path& dir() const noexcept { return dir_; }
  [[nodiscard]] const std::filesystem::path& configPath() const noexcept { return configPath_; }
  [[nodiscard]] const std::filesystem::path& databasePath() const noexcept { return databasePath_; }
  [[nodiscard]] const std::filesystem::path& tokenPath() const noexcept { return tokenPath_; }
  [[nodiscard]] const std::filesystem::path& snapshotPath() const noexcept { return snapshotPath_; }
  // The HQ card private key the generator wrote (<snapshot>.card-key.pem).
  [[nodiscard]] std::filesystem::path cardKeyPath() const { return snapshotPath_.string() + ".card-key.pem"; }
  [[nodiscard]] const AgentOptions& options() const noexcept { return options_; }

 private:
  AgentProcess(std::filesystem::path dir, AgentOptions options);
  [[nodiscard]] nlohmann::json baseConfig() const;
  [[nodiscard]] Result<Done> generateSnapshot(std::int64_t version, const std::filesystem::path& out) const;

  std::filesystem::path dir_;
  AgentOptions options_;
  std::filesystem::path configPath_;
  std::filesystem::path databasePath_;
  std::filesystem::path tokenPath_;
  std::filesystem::path snapshotPath_;
  ChildProcess process_;
  std::uint16_t port_ = 0;
  std::string token_;
};

}  // namespace loyalty::testing

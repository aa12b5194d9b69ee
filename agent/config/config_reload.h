// What a SIGHUP may change while the agent runs. Live: the log level, every request
// limit, the offline settings. Everything else (identity, database, token file path,
// listening address and port, lanes, HQ settings) needs a restart: the running agent
// keeps its old value and says so in a log line.
#pragma once

#include <string>
#include <vector>

#include "config/agent_config.h"

namespace loyalty::config {

struct ConfigDiff {
  std::vector<std::string> live;            // pointers of changed fields applied at once
  std::vector<std::string> restartNeeded;   // pointers of changed fields kept at their old value
  AgentConfig effective;                    // current with the live changes of next applied

  [[nodiscard]] bool changed() const noexcept { return !live.empty() || !restartNeeded.empty(); }
};

// Compares the running config with a freshly loaded one, field by field, in document
// order. Pointers are those of docs/agent-config.md ("/limits/maxBodyBytes", "/offline").
[[nodiscard]] ConfigDiff reloadableDiff(const AgentConfig& current, const AgentConfig& next);

}  // namespace loyalty::config

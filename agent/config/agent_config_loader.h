// Reads the agent's JSON configuration (docs/agent-config.md) with every problem listed
// by JSON pointer, the way the bundle loader does: unknown fields are refused (a typo in
// a config file must not be silently ignored), and nothing is half-loaded.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codec/bundle_loader.h"
#include "config/agent_config.h"
#include "engine/result.h"

namespace loyalty::config {

struct AgentConfigLoad {
  std::optional<AgentConfig> config;  // set only when issues is empty
  std::vector<codec::Issue> issues;   // every problem, in document order
};

// Largest config file read; anything bigger is not a config file.
inline constexpr std::uintmax_t kMaxConfigBytes = 1024 * 1024;

// Parses config text. Relative paths are resolved against baseDir (the directory of the
// config file); the directories of databasePath and tokenFile must exist. Issue reasons:
// those of the codec's readers (malformed_json, duplicate_key, wrong_type, missing_field,
// unknown_field, out_of_range, empty_value, invalid_value) plus unsupported_format,
// invalid_address, non_loopback_address, directory_missing, is_a_directory.
[[nodiscard]] AgentConfigLoad parseAgentConfig(std::string_view text, const std::filesystem::path& baseDir);

// Reads and parses a config file. Errors: io_error "config_not_found",
// "config_unreadable", "config_too_large"; invalid_input "invalid_config" whose message
// names the file and lists every issue, one per line ("  /listen/port: out_of_range: ...").
[[nodiscard]] Result<AgentConfig> loadAgentConfig(const std::filesystem::path& file);

// "  /pointer: reason: message" lines, one per issue.
[[nodiscard]] std::string describeIssues(const std::vector<codec::Issue>& issues);

}  // namespace loyalty::config

// The agent's lifetime: build everything from the config, serve until a stop signal,
// reload on SIGHUP (live config fields and a newly imported snapshot), stop cleanly.
#pragma once

#include <string>

namespace loyalty::daemon {

// Exit codes: 0 clean stop (or --check passed), 2 bad config or database, 1 runtime failure.
[[nodiscard]] int runAgent(const std::string& configPath, bool checkOnly);

}  // namespace loyalty::daemon

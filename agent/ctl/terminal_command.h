// `loyaltyctl status --db FILE` and `loyaltyctl member --db FILE --id ID`: what the
// terminal knows, read from its database (works with the agent running or stopped: SQLite
// WAL lets this reader in beside the agent's writer). The answers are the local API's.
#pragma once

#include <cstdint>
#include <string>

#include "engine/result.h"

namespace loyalty::ctl {

struct TerminalQueryOptions {
  std::string databasePath;
  std::int64_t nowUnix = 0;  // the CLI's clock (snapshot age, today's offline allowance)
};

// JSON text (docs/api.md: the /v1/status answer). Errors: the store's ("file_not_found"...).
[[nodiscard]] Result<std::string> runStatus(const TerminalQueryOptions& options);
// JSON text (the /v1/members/{id} answer). Errors: unknown_member, no_snapshot, the store's.
[[nodiscard]] Result<std::string> runMember(const TerminalQueryOptions& options, const std::string& memberId);

}  // namespace loyalty::ctl

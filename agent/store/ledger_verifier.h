// Checks a ledger end to end: gapless sequence from the pruning anchor, each entry's prev
// hash equal to its predecessor's hash, each hash equal to the recomputed one, the terminal
// id, and that no acknowledged commit or sync watermark points past the last entry.
#pragma once

#include "store/ledger.h"
#include "store/sqlite_connection.h"

namespace loyalty::store {

// Runs in one read transaction on `connection` (streams the entries; memory stays flat).
// A broken chain is a report with ok = false, not an Error; Errors are SQLite failures.
[[nodiscard]] Result<VerifyReport> verifyLedger(SqliteConnection& connection);

}  // namespace loyalty::store

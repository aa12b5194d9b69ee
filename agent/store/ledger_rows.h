// Reading ledger rows: the column list every entry query selects, and the row -> entry
// conversion shared by the ledger and its verifier.
#pragma once

#include <cstdint>
#include <string_view>

#include "store/ledger.h"
#include "store/sqlite_connection.h"

namespace loyalty::store {

// Columns 0..11 of an entry, then the caller's own. Always from `ledger_entries e`.
inline constexpr std::string_view kEntryColumns =
    "e.sequence, e.id, e.terminal_id, e.kind, e.sale_ref, e.member_id, e.wall_time_ms, e.monotonic_ns, "
    "e.bundle_hash, e.payload, e.prev_hash, e.hash";

// The entry in the current row; an unknown kind (a row edited by hand) is "store_corrupt".
[[nodiscard]] Result<LedgerEntry> readEntryRow(const Statement& row, std::int64_t syncedThrough);

}  // namespace loyalty::store

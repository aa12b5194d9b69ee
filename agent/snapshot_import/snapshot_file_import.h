// Loading a snapshot file (docs/snapshot-format.md) into the terminal's store: the codec
// reads the file as a stream, the store writes it as a new generation and swaps it in.
// Used by `loyaltyctl snapshot import` and by the agent when HQ sends a snapshot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/result.h"
#include "store/snapshot_store.h"

namespace loyalty::snapshot_import {

struct SnapshotFileImportOptions {
  std::string terminalId;               // picks this terminal's entry of the header's ledger_included
  std::optional<std::string> storeId;   // when set, the file must be for this store ("wrong_store")
};

struct SnapshotSummary {
  std::int64_t version = 0;
  std::string storeId;
  std::int64_t createdAt = 0;
  std::int64_t bundleVersion = 0;
  std::string bundleHash;
  std::int64_t ledgerIncludedThrough = 0;
  std::int64_t lines = 0;
  store::SnapshotCounts counts;
};

// Reads and imports the whole file; the active snapshot changes only if everything was
// valid. Errors: the file's ("file_not_found", "not_a_file", "file_unreadable"), the
// codec's (with line numbers), the store's ("snapshot_not_newer", "duplicate_record",
// "unknown_member", "import_in_progress", ...), and "wrong_store".
[[nodiscard]] Result<SnapshotSummary> importSnapshotFile(store::SnapshotStore& store, const std::string& path,
                                                         const SnapshotFileImportOptions& options);

}  // namespace loyalty::snapshot_import

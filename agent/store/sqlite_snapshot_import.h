// The SQLite side of a snapshot load (docs/store.md, "Snapshot generations"): a new
// generation written in chunks of short transactions, one flip transaction, then the old
// generation deleted in chunks. One import at a time per database file, across processes
// (an flock on "<database>.import-lock").
#pragma once

#include <cstddef>
#include <memory>

#include "store/snapshot_store.h"
#include "store/store_database.h"

namespace loyalty::store {

// Errors: "import_in_progress", "invalid_meta", "snapshot_not_newer", SQLite errors.
[[nodiscard]] Result<std::unique_ptr<SnapshotImport>> beginSqliteSnapshotImport(StoreDatabase& database,
                                                                               const SnapshotMeta& meta,
                                                                               std::size_t chunkRows);

// Deletes the rows of every generation that is not active (left by a crash or an
// abandoned import), unless an import is running right now. Returns the rows deleted.
[[nodiscard]] Result<std::int64_t> deleteInactiveGenerations(StoreDatabase& database, std::size_t chunkRows);

}  // namespace loyalty::store

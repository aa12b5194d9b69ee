// Deleting the rows of one snapshot generation in chunks, each its own short transaction,
// so ledger commits on the same write connection interleave instead of waiting.
#pragma once

#include <cstddef>
#include <cstdint>

#include "store/store_database.h"

namespace loyalty::store {

// Deletes every row of `generation` from each snapshot table, then its generation row.
// The caller holds the ImportLock (nobody is writing that generation). Returns rows deleted.
[[nodiscard]] Result<std::int64_t> deleteGeneration(StoreDatabase& database, std::int64_t generation,
                                                    std::size_t chunkRows);

// deleteGeneration for every generation but the active one; the caller holds the ImportLock.
[[nodiscard]] Result<std::int64_t> deleteInactiveGenerationsLocked(StoreDatabase& database, std::size_t chunkRows);

}  // namespace loyalty::store

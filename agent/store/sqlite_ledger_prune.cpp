// SqliteLedger::pruneSynced: removing entries HQ acknowledged, in short transactions, so
// that the chain stays verifiable and a commit never waits behind a long delete.
#include <algorithm>

#include "store/sqlite_ledger.h"

namespace loyalty::store {
namespace {

constexpr std::int64_t kPruneChunk = 2000;

struct PruneStep {
  std::int64_t deleted = 0;
  bool more = false;
};

// Deletes the next chunk of the prunable prefix: entries up to the sync watermark whose
// wall time and every earlier one's is before the cutoff (only a prefix can go, or the
// chain would lose its middle). The last deleted hash becomes the anchor.
Result<PruneStep> pruneChunk(SqliteConnection& connection, std::int64_t olderThanWallMs) {
  auto state = connection.prepare("SELECT synced_through, pruned_through FROM ledger_state WHERE id = 1");
  if (!state) return state.error();
  auto row = state->step();
  if (!row) return row.error();
  if (!row.value()) return makeError(ErrorCode::io_error, "store_corrupt", "the ledger state row is missing.");
  const std::int64_t synced = state->columnInt(0);
  const std::int64_t pruned = state->columnInt(1);
  std::int64_t limit = std::min(synced, pruned + kPruneChunk);
  auto young = connection.prepare(
      "SELECT min(sequence) FROM ledger_entries WHERE sequence > ?1 AND sequence <= ?2 AND wall_time_ms >= ?3");
  if (!young) return young.error();
  young->bind(1, pruned).bind(2, limit).bind(3, olderThanWallMs);
  auto youngRow = young->step();
  if (!youngRow) return youngRow.error();
  const bool stopped = youngRow.value() && !young->columnIsNull(0);
  if (stopped) limit = young->columnInt(0) - 1;
  if (limit <= pruned) return PruneStep{};

  auto anchor = connection.prepare("SELECT hash FROM ledger_entries WHERE sequence = ?1");
  if (!anchor) return anchor.error();
  anchor->bind(1, limit);
  auto anchorRow = anchor->step();
  if (!anchorRow) return anchorRow.error();
  if (!anchorRow.value()) {
    return makeError(ErrorCode::io_error, "store_corrupt",
                     "ledger entry " + std::to_string(limit) + " is missing; run `loyaltyctl ledger verify`.");
  }
  const std::string anchorHash = anchor->columnText(0);

  auto remove = connection.prepare("DELETE FROM ledger_entries WHERE sequence > ?1 AND sequence <= ?2");
  if (!remove) return remove.error();
  if (auto removed = remove->bind(1, pruned).bind(2, limit).run(); !removed) return removed.error();
  const std::int64_t deleted = connection.changes();
  // A retry of a commit whose entries are gone would book it again, so its record stays
  // as long as the entries, and goes with them.
  auto records = connection.prepare("DELETE FROM ledger_commits WHERE last_sequence <= ?1 AND wall_time_ms < ?2");
  if (!records) return records.error();
  if (auto removed = records->bind(1, limit).bind(2, olderThanWallMs).run(); !removed) return removed.error();
  auto update = connection.prepare("UPDATE ledger_state SET pruned_through = ?1, anchor_hash = ?2 WHERE id = 1");
  if (!update) return update.error();
  if (auto updated = update->bind(1, limit).bind(2, anchorHash).run(); !updated) return updated.error();
  return PruneStep{deleted, !stopped && limit < synced};
}

}  // namespace

Result<std::int64_t> SqliteLedger::pruneSynced(std::int64_t olderThanWallMs) {
  std::int64_t total = 0;
  for (;;) {
    auto step = database_.write(Durability::full, [&](SqliteConnection& connection) {
      return pruneChunk(connection, olderThanWallMs);
    });
    if (!step) return step.error();
    total += step->deleted;
    if (!step->more) return total;
  }
}

}  // namespace loyalty::store

#include "store/ledger_rows.h"

#include "store/ledger_chain.h"

namespace loyalty::store {

Result<LedgerEntry> readEntryRow(const Statement& row, std::int64_t syncedThrough) {
  LedgerEntry entry;
  entry.sequence = row.columnInt(0);
  entry.id = row.columnText(1);
  entry.terminalId = row.columnText(2);
  const std::string kind = row.columnText(3);
  const std::optional<EntryKind> parsed = entryKindFromString(kind);
  if (!parsed) {
    return makeError(ErrorCode::io_error, "store_corrupt",
                     "ledger entry " + std::to_string(entry.sequence) + " has an unknown kind \"" + kind +
                         "\"; run `loyaltyctl ledger verify`.");
  }
  entry.kind = *parsed;
  entry.saleRef = row.columnText(4);
  entry.memberId = row.columnText(5);
  entry.wallTimeMs = row.columnInt(6);
  entry.monotonicNs = row.columnInt(7);
  entry.bundleHash = row.columnText(8);
  entry.payload = row.columnText(9);
  entry.prevHash = row.columnText(10);
  entry.hash = row.columnText(11);
  entry.synced = entry.sequence <= syncedThrough;
  return entry;
}

}  // namespace loyalty::store

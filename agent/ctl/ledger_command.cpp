#include "ledger_command.h"

#include "store/sqlite_ledger.h"
#include "store/store_database.h"

namespace loyalty::ctl {

Result<LedgerVerifyOutcome> runLedgerVerify(const std::string& databasePath) {
  store::StoreOptions options;
  options.path = databasePath;
  options.create = false;
  auto database = store::StoreDatabase::open(options);
  if (!database) return database.error();
  store::SqliteLedger ledger(*database.value());
  auto report = ledger.verify();
  if (!report) return report.error();
  auto stats = ledger.stats();
  if (!stats) return stats.error();
  const std::string terminal = database.value()->terminalId().value_or("(none recorded)");
  const store::VerifyReport& r = report.value();
  LedgerVerifyOutcome outcome;
  outcome.intact = r.ok;
  if (!r.ok) {
    outcome.text = "FAILED: ledger of terminal " + terminal + ": entry " + std::to_string(r.brokenSequence) + ": " +
                   std::string(store::toString(r.problem)) + ": " + r.message + "\n";
    outcome.text += "  " + std::to_string(r.checked) + " entries before it verified\n";
    return outcome;
  }
  if (r.checked == 0) {
    outcome.text = "ok: ledger of terminal " + terminal + " holds no entries (last sequence " +
                   std::to_string(stats->lastSequence) + ", pruned through " + std::to_string(stats->prunedThrough) +
                   ")\n";
    return outcome;
  }
  outcome.text = "ok: ledger of terminal " + terminal + ": entries " + std::to_string(r.firstSequence) + " to " +
                 std::to_string(r.lastSequence) + " verified (" + std::to_string(r.checked) +
                 "), sequence gapless, hash chain intact\n";
  outcome.text += "  synced through " + std::to_string(stats->syncedThrough) + " (" +
                  std::to_string(stats->unsyncedCount) + " unsynced), pruned through " +
                  std::to_string(stats->prunedThrough) + "\n";
  return outcome;
}

}  // namespace loyalty::ctl

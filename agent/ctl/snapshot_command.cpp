#include "snapshot_command.h"

#include "codec/time_text.h"
#include "snapshot_import/snapshot_file_import.h"
#include "store/sqlite_snapshot_store.h"
#include "store/store_database.h"

namespace loyalty::ctl {

Result<std::string> runSnapshotImport(const SnapshotImportOptions& options) {
  store::StoreOptions storeOptions;
  storeOptions.path = options.databasePath;
  storeOptions.terminalId = options.terminalId;
  auto database = store::StoreDatabase::open(storeOptions);
  if (!database) return database.error();
  store::SqliteSnapshotStore snapshots(*database.value());
  auto summary = snapshot_import::importSnapshotFile(snapshots, options.filePath,
                                                     snapshot_import::SnapshotFileImportOptions{
                                                         options.terminalId, options.storeId});
  if (!summary) return summary.error();
  const snapshot_import::SnapshotSummary& s = summary.value();
  const store::SnapshotCounts& c = s.counts;
  std::string text = "ok: imported snapshot version " + std::to_string(s.version) + " for store " + s.storeId +
                     " (created " + codec::formatInstant(s.createdAt) + ") into " + options.databasePath + "\n";
  text += "  bundle version " + std::to_string(s.bundleVersion) + " hash " + s.bundleHash + "\n";
  text += "  members " + std::to_string(c.members) + ", cards " + std::to_string(c.cards) + ", revoked cards " +
          std::to_string(c.revokedCards) + ", card keys " + std::to_string(c.cardKeys) + ", device keys " +
          std::to_string(c.deviceKeys) + "\n";
  text += "  campaign counters " + std::to_string(c.campaignUsage) + ", used vouchers " +
          std::to_string(c.usedVouchers) + ", disabled campaigns " + std::to_string(c.disabledCampaigns) +
          ", offline allowances " + std::to_string(c.offlineAllowances) + "\n";
  text += "  ledger of terminal " + options.terminalId + " included through sequence " +
          std::to_string(s.ledgerIncludedThrough) + "\n";
  return text;
}

Result<std::string> runSnapshotGenerate(const SnapshotGeneratorOptions& options) {
  auto generated = generateSnapshot(options);
  if (!generated) return generated.error();
  return describeGenerated(options, generated.value());
}

}  // namespace loyalty::ctl

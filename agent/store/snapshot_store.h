// Loading a snapshot (docs/store.md, "Snapshot generations"): rows go in as a new
// generation in short transactions while the old one keeps serving lookups, and commit()
// makes the new one active in one step. Destroying an import that was not committed
// abandons it: the active snapshot never changes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "engine/quote.h"
#include "engine/result.h"
#include "store/snapshot_records.h"
#include "store/sqlite_connection.h"

namespace loyalty::store {

struct SnapshotCounts {
  std::int64_t members = 0;
  std::int64_t cards = 0;
  std::int64_t cardKeys = 0;
  std::int64_t deviceKeys = 0;
  std::int64_t revokedCards = 0;
  std::int64_t campaignUsage = 0;
  std::int64_t usedVouchers = 0;
  std::int64_t disabledCampaigns = 0;
  std::int64_t offlineAllowances = 0;
  friend bool operator==(const SnapshotCounts&, const SnapshotCounts&) = default;
};

class SnapshotImport {
 public:
  virtual ~SnapshotImport() = default;

  // Each record's key must be unique in the snapshot ("duplicate_record"). Records may be
  // buffered: an error may surface on a later call or on commit(). After an error the
  // import is failed and only destroying it remains.
  [[nodiscard]] virtual Result<Done> addMember(MemberRecord record) = 0;
  [[nodiscard]] virtual Result<Done> addCard(CardRecord record) = 0;
  [[nodiscard]] virtual Result<Done> addCardKey(CardKeyRecord record) = 0;
  [[nodiscard]] virtual Result<Done> addDeviceKey(DeviceKeyRecord record) = 0;
  [[nodiscard]] virtual Result<Done> addRevokedCard(std::string cardId) = 0;
  [[nodiscard]] virtual Result<Done> addCampaignUsage(engine::CampaignUsage usage) = 0;
  [[nodiscard]] virtual Result<Done> addUsedVoucher(std::string code) = 0;
  [[nodiscard]] virtual Result<Done> addDisabledCampaign(std::string campaignId) = 0;
  [[nodiscard]] virtual Result<Done> addOfflineAllowance(OfflineAllowance allowance) = 0;

  // Checks that cards, device keys and allowances name members of this snapshot
  // ("unknown_member"), then swaps it in atomically if its version is still above the
  // active one ("snapshot_not_newer"), and removes the replaced snapshot.
  [[nodiscard]] virtual Result<SnapshotCounts> commit() = 0;
};

class SnapshotStore {
 public:
  virtual ~SnapshotStore() = default;
  // Errors: "snapshot_not_newer" (version not above the active one), "invalid_meta",
  // "import_in_progress" (one import at a time per database), SQLite errors.
  [[nodiscard]] virtual Result<std::unique_ptr<SnapshotImport>> beginSnapshotImport(const SnapshotMeta& meta) = 0;
};

}  // namespace loyalty::store

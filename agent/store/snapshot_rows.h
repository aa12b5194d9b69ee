// The rows of one snapshot generation as an import buffers them: checks on each record,
// the INSERT of each kind, and the cross-record check run before the flip.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "engine/quote.h"
#include "store/snapshot_records.h"
#include "store/snapshot_store.h"
#include "store/store_database.h"

namespace loyalty::store {

struct RevokedCardRow {
  std::string cardId;
};
struct UsedVoucherRow {
  std::string code;
};
struct DisabledCampaignRow {
  std::string campaignId;
};

using SnapshotRow = std::variant<MemberRecord, CardRecord, CardKeyRecord, DeviceKeyRecord, RevokedCardRow,
                                 engine::CampaignUsage, UsedVoucherRow, DisabledCampaignRow, OfflineAllowance>;

// Keys 1..256 bytes, counts not negative, a key's validity not empty ("invalid_record").
[[nodiscard]] Result<Done> checkRow(const SnapshotRow& row);
void countRow(const SnapshotRow& row, SnapshotCounts& counts) noexcept;
// A repeated key is "duplicate_record", naming it.
[[nodiscard]] Result<Done> insertRow(SqliteConnection& connection, std::int64_t generation, const SnapshotRow& row);
// Cards, device keys and offline allowances must name members of the same generation
// ("unknown_member", naming the first that does not). Runs on a read connection.
[[nodiscard]] Result<Done> checkReferences(StoreDatabase& database, std::int64_t generation);

}  // namespace loyalty::store

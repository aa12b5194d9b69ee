// A store's member data as sets keyed like the snapshot's records, in memory: what a delta
// changes. HQ builds one per store to diff (delta_builder.h); tests and tools apply deltas to
// it. The agent applies deltas into its SQLite store instead, with the same rules.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "codec/snapshot_codec.h"
#include "engine/result.h"
#include "updates/delta_records.h"

namespace loyalty::updates {

struct SnapshotState {
  std::map<std::string, engine::MemberView> members;
  std::map<std::string, std::string> cards;  // card -> member
  std::map<std::string, codec::SnapshotCardKey> cardKeys;
  std::map<std::string, codec::SnapshotDeviceKey> deviceKeys;
  std::set<std::string> revokedCards;
  std::map<std::string, engine::CampaignUsage> campaignUsage;
  std::set<std::string> usedVouchers;
  std::set<std::string> disabledCampaigns;
  std::map<std::string, std::int64_t> offlineAllowances;  // member -> points
  std::map<std::string, Conflict> conflicts;
  std::map<std::string, std::int64_t> ledgerIncluded;  // terminal -> sequence

  friend bool operator==(const SnapshotState& a, const SnapshotState& b);
};

[[nodiscard]] bool sameCardKey(const codec::SnapshotCardKey& a, const codec::SnapshotCardKey& b) noexcept;
[[nodiscard]] bool sameDeviceKey(const codec::SnapshotDeviceKey& a, const codec::SnapshotDeviceKey& b) noexcept;

// Adds one record of a full snapshot. Errors: invalid_input "duplicate_record".
[[nodiscard]] std::optional<Error> addSnapshotRecord(SnapshotState& state, codec::SnapshotRecord record);

// Applies one delta record. An upsert adds or replaces; a removal must name a record that
// exists ("unknown_record": the delta was built for another base); a ledger mark never goes
// down ("ledger_mark_backwards"). On an error the state is unchanged.
[[nodiscard]] std::optional<Error> applyDeltaRecord(SnapshotState& state, const DeltaRecord& record);

// Cards, device keys and offline allowances must name a member of the state (a conflict may
// name a member this store does not carry). Errors: invalid_input "unknown_member".
[[nodiscard]] std::optional<Error> checkReferences(const SnapshotState& state);

}  // namespace loyalty::updates

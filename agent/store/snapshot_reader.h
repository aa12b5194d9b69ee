// Lookups in the active snapshot. Each call is consistent on its own; pin() gives a reader
// whose every call sees one and the same snapshot, for a quote that reads the member, the
// counters and the bundle and needs them to belong together across a snapshot swap.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/quote.h"
#include "engine/result.h"
#include "store/snapshot_records.h"

namespace loyalty::store {

class SnapshotReader {
 public:
  virtual ~SnapshotReader() = default;

  // A reader fixed on the snapshot active now, until destroyed. Keep it for one request:
  // while it lives, the database cannot reclaim the space of a replaced snapshot.
  [[nodiscard]] virtual Result<std::unique_ptr<SnapshotReader>> pin() const = 0;

  // nullopt: no snapshot was ever loaded (lookups then find nothing).
  [[nodiscard]] virtual Result<std::optional<SnapshotInfo>> info() const = 0;
  [[nodiscard]] virtual Result<std::optional<SnapshotMeta>> meta() const = 0;  // with the bundle text
  [[nodiscard]] virtual Result<std::optional<MemberRecord>> findMember(std::string_view memberId) const = 0;
  [[nodiscard]] virtual Result<std::optional<CardRecord>> findCard(std::string_view cardId) const = 0;
  [[nodiscard]] virtual Result<std::optional<CardKeyRecord>> cardKey(std::string_view keyId) const = 0;
  [[nodiscard]] virtual Result<std::optional<DeviceKeyRecord>> deviceKey(std::string_view keyId) const = 0;
  [[nodiscard]] virtual Result<bool> isCardRevoked(std::string_view cardId) const = 0;
  [[nodiscard]] virtual Result<std::vector<engine::CampaignUsage>> campaignUsage() const = 0;
  [[nodiscard]] virtual Result<bool> isVoucherUsed(std::string_view code) const = 0;
  [[nodiscard]] virtual Result<std::vector<std::string>> disabledCampaigns() const = 0;
  [[nodiscard]] virtual Result<std::optional<std::int64_t>> offlineAllowance(std::string_view memberId) const = 0;
  [[nodiscard]] virtual Result<std::int64_t> memberCount() const = 0;
};

}  // namespace loyalty::store

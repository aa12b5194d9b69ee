// The snapshot on the terminal's SQLite database: lookups (each in its own short read
// transaction on a pooled read connection, or pinned with pin()) and imports.
#pragma once

#include <cstddef>

#include "store/snapshot_reader.h"
#include "store/snapshot_store.h"
#include "store/store_database.h"

namespace loyalty::store {

// Rows per import transaction: a ledger commit waits for at most one chunk.
inline constexpr std::size_t kDefaultImportChunkRows = 5000;

class SqliteSnapshotStore final : public SnapshotReader, public SnapshotStore {
 public:
  explicit SqliteSnapshotStore(StoreDatabase& database, std::size_t importChunkRows = kDefaultImportChunkRows) noexcept
      : database_(database), chunkRows_(importChunkRows) {}

  [[nodiscard]] Result<std::unique_ptr<SnapshotImport>> beginSnapshotImport(const SnapshotMeta& meta) override;
  // Removes rows of imports that crashed or were abandoned (the agent calls it at start).
  [[nodiscard]] Result<std::int64_t> cleanupAbandonedImports();

  [[nodiscard]] Result<std::unique_ptr<SnapshotReader>> pin() const override;
  [[nodiscard]] Result<std::optional<SnapshotInfo>> info() const override;
  [[nodiscard]] Result<std::optional<SnapshotMeta>> meta() const override;
  [[nodiscard]] Result<std::optional<MemberRecord>> findMember(std::string_view memberId) const override;
  [[nodiscard]] Result<std::optional<CardRecord>> findCard(std::string_view cardId) const override;
  [[nodiscard]] Result<std::optional<CardKeyRecord>> cardKey(std::string_view keyId) const override;
  [[nodiscard]] Result<std::optional<DeviceKeyRecord>> deviceKey(std::string_view keyId) const override;
  [[nodiscard]] Result<bool> isCardRevoked(std::string_view cardId) const override;
  [[nodiscard]] Result<std::vector<engine::CampaignUsage>> campaignUsage() const override;
  [[nodiscard]] Result<bool> isVoucherUsed(std::string_view code) const override;
  [[nodiscard]] Result<std::vector<std::string>> disabledCampaigns() const override;
  [[nodiscard]] Result<std::optional<std::int64_t>> offlineAllowance(std::string_view memberId) const override;
  [[nodiscard]] Result<std::int64_t> memberCount() const override;

 private:
  StoreDatabase& database_;
  std::size_t chunkRows_;
};

}  // namespace loyalty::store

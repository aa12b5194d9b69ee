// A SnapshotReader pinned to one generation: a borrowed read connection holding one read
// transaction, so every lookup sees the same snapshot even if an import swaps in a new one
// meanwhile (WAL keeps the old rows visible to this transaction).
#pragma once

#include <memory>

#include "store/reader_pool.h"
#include "store/snapshot_reader.h"
#include "store/store_database.h"

namespace loyalty::store {

class SqliteSnapshotView final : public SnapshotReader {
 public:
  // Starts the read transaction and reads the active generation (0: none loaded).
  [[nodiscard]] static Result<std::unique_ptr<SqliteSnapshotView>> open(StoreDatabase& database);

  [[nodiscard]] std::int64_t generation() const noexcept { return generation_; }

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
  SqliteSnapshotView(StoreDatabase& database, ReaderLease lease, std::int64_t generation) noexcept
      : database_(database), lease_(std::move(lease)), generation_(generation) {}

  // Whether `sql` (?1 = generation, ?2 = key) finds a row.
  [[nodiscard]] Result<bool> exists(std::string_view sql, std::string_view key) const;

  StoreDatabase& database_;
  ReaderLease lease_;
  std::int64_t generation_;
};

}  // namespace loyalty::store

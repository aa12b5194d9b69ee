#include "store/sqlite_snapshot_store.h"

#include "store/sqlite_snapshot_import.h"
#include "store/sqlite_snapshot_view.h"

namespace loyalty::store {
namespace {

// Runs one lookup in a view that lives for that lookup only.
template <typename F>
auto once(StoreDatabase& database, F&& lookup) -> decltype(lookup(std::declval<const SqliteSnapshotView&>())) {
  auto view = SqliteSnapshotView::open(database);
  if (!view) return view.error();
  return lookup(*view.value());
}

}  // namespace

Result<std::unique_ptr<SnapshotImport>> SqliteSnapshotStore::beginSnapshotImport(const SnapshotMeta& meta) {
  return beginSqliteSnapshotImport(database_, meta, chunkRows_);
}

Result<std::int64_t> SqliteSnapshotStore::cleanupAbandonedImports() {
  return deleteInactiveGenerations(database_, chunkRows_);
}

Result<std::unique_ptr<SnapshotReader>> SqliteSnapshotStore::pin() const {
  auto view = SqliteSnapshotView::open(database_);
  if (!view) return view.error();
  return std::unique_ptr<SnapshotReader>(std::move(view).value());
}

Result<std::optional<SnapshotInfo>> SqliteSnapshotStore::info() const {
  return once(database_, [](const SqliteSnapshotView& view) { return view.info(); });
}

Result<std::optional<SnapshotMeta>> SqliteSnapshotStore::meta() const {
  return once(database_, [](const SqliteSnapshotView& view) { return view.meta(); });
}

Result<std::optional<MemberRecord>> SqliteSnapshotStore::findMember(std::string_view memberId) const {
  return once(database_, [&](const SqliteSnapshotView& view) { return view.findMember(memberId); });
}

Result<std::optional<CardRecord>> SqliteSnapshotStore::findCard(std::string_view cardId) const {
  return once(database_, [&](const SqliteSnapshotView& view) { return view.findCard(cardId); });
}

Result<std::optional<CardKeyRecord>> SqliteSnapshotStore::cardKey(std::string_view keyId) const {
  return once(database_, [&](const SqliteSnapshotView& view) { return view.cardKey(keyId); });
}

Result<std::optional<DeviceKeyRecord>> SqliteSnapshotStore::deviceKey(std::string_view keyId) const {
  return once(database_, [&](const SqliteSnapshotView& view) { return view.deviceKey(keyId); });
}

Result<bool> SqliteSnapshotStore::isCardRevoked(std::string_view cardId) const {
  return once(database_, [&](const SqliteSnapshotView& view) { return view.isCardRevoked(cardId); });
}

Result<std::vector<engine::CampaignUsage>> SqliteSnapshotStore::campaignUsage() const {
  return once(database_, [](const SqliteSnapshotView& view) { return view.campaignUsage(); });
}

Result<bool> SqliteSnapshotStore::isVoucherUsed(std::string_view code) const {
  return once(database_, [&](const SqliteSnapshotView& view) { return view.isVoucherUsed(code); });
}

Result<std::vector<std::string>> SqliteSnapshotStore::disabledCampaigns() const {
  return once(database_, [](const SqliteSnapshotView& view) { return view.disabledCampaigns(); });
}

Result<std::optional<std::int64_t>> SqliteSnapshotStore::offlineAllowance(std::string_view memberId) const {
  return once(database_, [&](const SqliteSnapshotView& view) { return view.offlineAllowance(memberId); });
}

Result<std::int64_t> SqliteSnapshotStore::memberCount() const {
  return once(database_, [](const SqliteSnapshotView& view) { return view.memberCount(); });
}

}  // namespace loyalty::store

#include "store/sqlite_snapshot_view.h"

#include <algorithm>
#include <cstring>

namespace loyalty::store {
namespace {

Error corrupt(std::string message) { return makeError(ErrorCode::io_error, "store_corrupt", std::move(message)); }

std::optional<std::int64_t> optionalInt(const Statement& row, int column) {
  if (row.columnIsNull(column)) return std::nullopt;
  return row.columnInt(column);
}

Result<PublicKey> readKey(const Statement& row, int column) {
  const auto bytes = row.columnBlob(column);
  PublicKey key{};
  if (bytes.size() != key.size()) return corrupt("a stored public key does not have 32 bytes.");
  std::copy(bytes.begin(), bytes.end(), key.begin());
  return key;
}

}  // namespace

Result<std::unique_ptr<SqliteSnapshotView>> SqliteSnapshotView::open(StoreDatabase& database) {
  auto lease = database.reader();
  if (!lease) return lease.error();
  SqliteConnection& connection = *lease.value();
  if (auto begun = connection.exec("BEGIN"); !begun) return begun.error();
  // The first read starts the WAL read transaction: from here on this view sees one state.
  auto generation = connection.queryInt("SELECT active_generation FROM snapshot_state WHERE id = 1");
  if (!generation) return generation.error();
  return std::unique_ptr<SqliteSnapshotView>(
      new SqliteSnapshotView(database, std::move(lease).value(), generation.value()));
}

Result<std::unique_ptr<SnapshotReader>> SqliteSnapshotView::pin() const {
  auto view = open(database_);
  if (!view) return view.error();
  return std::unique_ptr<SnapshotReader>(std::move(view).value());
}

Result<std::optional<SnapshotInfo>> SqliteSnapshotView::info() const {
  auto query = lease_->prepare(
      "SELECT version, store_id, created_at, bundle_hash, bundle_version, ledger_included_through, member_count "
      "FROM snapshot_generations WHERE generation = ?1");
  if (!query) return query.error();
  query->bind(1, generation_);
  auto row = query->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<SnapshotInfo>();
  return std::optional<SnapshotInfo>(SnapshotInfo{generation_, query->columnInt(0), query->columnText(1),
                                                  query->columnInt(2), query->columnText(3), query->columnInt(4),
                                                  query->columnInt(5), query->columnInt(6)});
}

Result<std::optional<SnapshotMeta>> SqliteSnapshotView::meta() const {
  auto query = lease_->prepare(
      "SELECT version, store_id, created_at, bundle_text, bundle_hash, bundle_version, ledger_included_through "
      "FROM snapshot_generations WHERE generation = ?1");
  if (!query) return query.error();
  query->bind(1, generation_);
  auto row = query->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<SnapshotMeta>();
  return std::optional<SnapshotMeta>(SnapshotMeta{query->columnInt(0), query->columnText(1), query->columnInt(2),
                                                  query->columnText(3), query->columnText(4), query->columnInt(5),
                                                  query->columnInt(6)});
}

Result<std::optional<MemberRecord>> SqliteSnapshotView::findMember(std::string_view memberId) const {
  auto query = lease_->prepare(
      "SELECT program_id, status, display_name, tier, view FROM members WHERE generation = ?1 AND member_id = ?2");
  if (!query) return query.error();
  query->bind(1, generation_).bind(2, memberId);
  auto row = query->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<MemberRecord>();
  const auto status = memberStatusFromString(query->columnText(1));
  if (!status) return corrupt("member \"" + std::string(memberId) + "\" has an unknown status.");
  return std::optional<MemberRecord>(MemberRecord{std::string(memberId), query->columnText(0), *status,
                                                  query->columnText(2), query->columnText(3), query->columnText(4)});
}

Result<std::optional<CardRecord>> SqliteSnapshotView::findCard(std::string_view cardId) const {
  auto query = lease_->prepare("SELECT member_id FROM cards WHERE generation = ?1 AND card_id = ?2");
  if (!query) return query.error();
  query->bind(1, generation_).bind(2, cardId);
  auto row = query->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<CardRecord>();
  return std::optional<CardRecord>(CardRecord{std::string(cardId), query->columnText(0)});
}

Result<std::optional<CardKeyRecord>> SqliteSnapshotView::cardKey(std::string_view keyId) const {
  auto query = lease_->prepare(
      "SELECT public_key, valid_from, valid_until FROM card_keys WHERE generation = ?1 AND key_id = ?2");
  if (!query) return query.error();
  query->bind(1, generation_).bind(2, keyId);
  auto row = query->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<CardKeyRecord>();
  auto key = readKey(query.value(), 0);
  if (!key) return key.error();
  return std::optional<CardKeyRecord>(
      CardKeyRecord{std::string(keyId), key.value(), optionalInt(query.value(), 1), optionalInt(query.value(), 2)});
}

Result<std::optional<DeviceKeyRecord>> SqliteSnapshotView::deviceKey(std::string_view keyId) const {
  auto query = lease_->prepare(
      "SELECT member_id, public_key, revoked FROM device_keys WHERE generation = ?1 AND key_id = ?2");
  if (!query) return query.error();
  query->bind(1, generation_).bind(2, keyId);
  auto row = query->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<DeviceKeyRecord>();
  auto key = readKey(query.value(), 1);
  if (!key) return key.error();
  return std::optional<DeviceKeyRecord>(
      DeviceKeyRecord{std::string(keyId), query->columnText(0), key.value(), query->columnInt(2) != 0});
}

Result<bool> SqliteSnapshotView::exists(std::string_view sql, std::string_view key) const {
  auto query = lease_->prepare(sql);
  if (!query) return query.error();
  query->bind(1, generation_).bind(2, key);
  return query->step();
}

Result<bool> SqliteSnapshotView::isCardRevoked(std::string_view cardId) const {
  return exists("SELECT 1 FROM revoked_cards WHERE generation = ?1 AND card_id = ?2", cardId);
}

Result<bool> SqliteSnapshotView::isVoucherUsed(std::string_view code) const {
  return exists("SELECT 1 FROM used_vouchers WHERE generation = ?1 AND code = ?2", code);
}

Result<std::vector<engine::CampaignUsage>> SqliteSnapshotView::campaignUsage() const {
  auto query = lease_->prepare(
      "SELECT campaign_id, redemptions, discount_total, order_value_total FROM campaign_usage "
      "WHERE generation = ?1 ORDER BY campaign_id");
  if (!query) return query.error();
  query->bind(1, generation_);
  std::vector<engine::CampaignUsage> usage;
  for (;;) {
    auto row = query->step();
    if (!row) return row.error();
    if (!row.value()) return usage;
    usage.push_back(engine::CampaignUsage{query->columnText(0), query->columnInt(1), query->columnInt(2),
                                          query->columnInt(3)});
  }
}

Result<std::vector<std::string>> SqliteSnapshotView::disabledCampaigns() const {
  auto query = lease_->prepare("SELECT campaign_id FROM disabled_campaigns WHERE generation = ?1 ORDER BY campaign_id");
  if (!query) return query.error();
  query->bind(1, generation_);
  std::vector<std::string> campaigns;
  for (;;) {
    auto row = query->step();
    if (!row) return row.error();
    if (!row.value()) return campaigns;
    campaigns.push_back(query->columnText(0));
  }
}

Result<std::optional<std::int64_t>> SqliteSnapshotView::offlineAllowance(std::string_view memberId) const {
  auto query = lease_->prepare("SELECT points FROM offline_allowances WHERE generation = ?1 AND member_id = ?2");
  if (!query) return query.error();
  query->bind(1, generation_).bind(2, memberId);
  auto row = query->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(query->columnInt(0));
}

Result<std::int64_t> SqliteSnapshotView::memberCount() const {
  auto query = lease_->prepare("SELECT member_count FROM snapshot_generations WHERE generation = ?1");
  if (!query) return query.error();
  query->bind(1, generation_);
  auto row = query->step();
  if (!row) return row.error();
  return row.value() ? query->columnInt(0) : 0;
}

}  // namespace loyalty::store

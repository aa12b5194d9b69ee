#include "store/snapshot_rows.h"

#include <array>
#include <utility>

namespace loyalty::store {
namespace {

constexpr std::size_t kMaxKeyBytes = 256;

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};

Error invalidRecord(std::string message) {
  return makeError(ErrorCode::invalid_input, "invalid_record", std::move(message));
}

Result<Done> checkKey(std::string_view what, const std::string& key) {
  if (key.empty() || key.size() > kMaxKeyBytes) {
    return invalidRecord(std::string(what) + " must have 1 to " + std::to_string(kMaxKeyBytes) + " bytes, got " +
                         std::to_string(key.size()) + ".");
  }
  return Done{};
}

Result<Done> checkCount(std::string_view what, std::int64_t value) {
  if (value < 0) return invalidRecord(std::string(what) + " cannot be negative.");
  return Done{};
}

// The key a row is unique by, and how a person names it, for "duplicate_record".
std::pair<std::string_view, std::string> describe(const SnapshotRow& row) {
  return std::visit(
      Overloaded{
          [](const MemberRecord& r) { return std::pair<std::string_view, std::string>("member", r.memberId); },
          [](const CardRecord& r) { return std::pair<std::string_view, std::string>("card", r.cardId); },
          [](const CardKeyRecord& r) { return std::pair<std::string_view, std::string>("card key", r.keyId); },
          [](const DeviceKeyRecord& r) { return std::pair<std::string_view, std::string>("device key", r.keyId); },
          [](const RevokedCardRow& r) { return std::pair<std::string_view, std::string>("revoked card", r.cardId); },
          [](const engine::CampaignUsage& r) {
            return std::pair<std::string_view, std::string>("campaign usage of", r.campaignId);
          },
          [](const UsedVoucherRow& r) { return std::pair<std::string_view, std::string>("used voucher", r.code); },
          [](const DisabledCampaignRow& r) {
            return std::pair<std::string_view, std::string>("disabled campaign", r.campaignId);
          },
          [](const OfflineAllowance& r) {
            return std::pair<std::string_view, std::string>("offline allowance of", r.memberId);
          }},
      row);
}

Result<Statement> prepareInsert(SqliteConnection& connection, const SnapshotRow& row) {
  static constexpr std::array<std::string_view, 9> kSql = {
      "INSERT INTO members (generation, member_id, program_id, status, display_name, tier, view) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      "INSERT INTO cards (generation, card_id, member_id) VALUES (?1, ?2, ?3)",
      "INSERT INTO card_keys (generation, key_id, public_key, valid_from, valid_until) VALUES (?1, ?2, ?3, ?4, ?5)",
      "INSERT INTO device_keys (generation, key_id, member_id, public_key, revoked) VALUES (?1, ?2, ?3, ?4, ?5)",
      "INSERT INTO revoked_cards (generation, card_id) VALUES (?1, ?2)",
      "INSERT INTO campaign_usage (generation, campaign_id, redemptions, discount_total, order_value_total) "
      "VALUES (?1, ?2, ?3, ?4, ?5)",
      "INSERT INTO used_vouchers (generation, code) VALUES (?1, ?2)",
      "INSERT INTO disabled_campaigns (generation, campaign_id) VALUES (?1, ?2)",
      "INSERT INTO offline_allowances (generation, member_id, points) VALUES (?1, ?2, ?3)"};
  return connection.prepare(kSql[row.index()]);
}

void bindOptional(Statement& statement, int index, const std::optional<std::int64_t>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bindNull(index);
  }
}

void bindRow(Statement& s, const SnapshotRow& row) {
  std::visit(Overloaded{[&](const MemberRecord& r) {
                          s.bind(2, r.memberId).bind(3, r.programId).bind(4, toString(r.status));
                          s.bind(5, r.displayName).bind(6, r.tier).bind(7, r.viewText);
                        },
                        [&](const CardRecord& r) { s.bind(2, r.cardId).bind(3, r.memberId); },
                        [&](const CardKeyRecord& r) {
                          s.bind(2, r.keyId).bindBlob(3, r.publicKey);
                          bindOptional(s, 4, r.validFrom);
                          bindOptional(s, 5, r.validUntil);
                        },
                        [&](const DeviceKeyRecord& r) {
                          s.bind(2, r.keyId).bind(3, r.memberId).bindBlob(4, r.publicKey);
                          s.bind(5, std::int64_t{r.revoked ? 1 : 0});
                        },
                        [&](const RevokedCardRow& r) { s.bind(2, r.cardId); },
                        [&](const engine::CampaignUsage& r) {
                          s.bind(2, r.campaignId).bind(3, r.redemptions).bind(4, r.discountTotal);
                          s.bind(5, r.orderValueTotal);
                        },
                        [&](const UsedVoucherRow& r) { s.bind(2, r.code); },
                        [&](const DisabledCampaignRow& r) { s.bind(2, r.campaignId); },
                        [&](const OfflineAllowance& r) { s.bind(2, r.memberId).bind(3, r.points); }},
             row);
}

}  // namespace

Result<Done> checkRow(const SnapshotRow& row) {
  return std::visit(
      Overloaded{[](const MemberRecord& r) -> Result<Done> {
                   if (auto k = checkKey("a member id", r.memberId); !k) return k;
                   return checkKey("a member's program id", r.programId);
                 },
                 [](const CardRecord& r) -> Result<Done> {
                   if (auto k = checkKey("a card id", r.cardId); !k) return k;
                   return checkKey("a card's member id", r.memberId);
                 },
                 [](const CardKeyRecord& r) -> Result<Done> {
                   if (auto k = checkKey("a card key id", r.keyId); !k) return k;
                   if (r.validFrom && r.validUntil && *r.validUntil <= *r.validFrom) {
                     return invalidRecord("card key \"" + r.keyId + "\" is valid until before it is valid from.");
                   }
                   return Done{};
                 },
                 [](const DeviceKeyRecord& r) -> Result<Done> {
                   if (auto k = checkKey("a device key id", r.keyId); !k) return k;
                   return checkKey("a device key's member id", r.memberId);
                 },
                 [](const RevokedCardRow& r) { return checkKey("a revoked card id", r.cardId); },
                 [](const engine::CampaignUsage& r) -> Result<Done> {
                   if (auto k = checkKey("a campaign id", r.campaignId); !k) return k;
                   if (auto c = checkCount("campaign redemptions", r.redemptions); !c) return c;
                   if (auto c = checkCount("a campaign's discount total", r.discountTotal); !c) return c;
                   return checkCount("a campaign's order value total", r.orderValueTotal);
                 },
                 [](const UsedVoucherRow& r) { return checkKey("a used voucher code", r.code); },
                 [](const DisabledCampaignRow& r) { return checkKey("a disabled campaign id", r.campaignId); },
                 [](const OfflineAllowance& r) -> Result<Done> {
                   if (auto k = checkKey("an offline allowance's member id", r.memberId); !k) return k;
                   return checkCount("an offline allowance", r.points);
                 }},
      row);
}

void countRow(const SnapshotRow& row, SnapshotCounts& counts) noexcept {
  std::int64_t* const fields[] = {&counts.members,       &counts.cards,         &counts.cardKeys,
                                  &counts.deviceKeys,    &counts.revokedCards,  &counts.campaignUsage,
                                  &counts.usedVouchers,  &counts.disabledCampaigns, &counts.offlineAllowances};
  ++*fields[row.index()];
}

Result<Done> insertRow(SqliteConnection& connection, std::int64_t generation, const SnapshotRow& row) {
  auto statement = prepareInsert(connection, row);
  if (!statement) return statement.error();
  statement->bind(1, generation);
  bindRow(statement.value(), row);
  auto inserted = statement->run();
  if (!inserted && inserted.error().reason == "constraint_violation") {
    const auto [what, key] = describe(row);
    return makeError(ErrorCode::invalid_input, "duplicate_record",
                     "the snapshot lists " + std::string(what) + " \"" + key + "\" more than once.");
  }
  return inserted;
}

Result<Done> checkReferences(StoreDatabase& database, std::int64_t generation) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kChecks = {{
      {"card", "SELECT c.card_id, c.member_id FROM cards c WHERE c.generation = ?1 AND NOT EXISTS "
               "(SELECT 1 FROM members m WHERE m.generation = ?1 AND m.member_id = c.member_id) LIMIT 1"},
      {"device key", "SELECT d.key_id, d.member_id FROM device_keys d WHERE d.generation = ?1 AND NOT EXISTS "
                     "(SELECT 1 FROM members m WHERE m.generation = ?1 AND m.member_id = d.member_id) LIMIT 1"},
      {"offline allowance", "SELECT a.member_id, a.member_id FROM offline_allowances a WHERE a.generation = ?1 "
                            "AND NOT EXISTS (SELECT 1 FROM members m WHERE m.generation = ?1 AND "
                            "m.member_id = a.member_id) LIMIT 1"},
  }};
  auto reader = database.reader();
  if (!reader) return reader.error();
  for (const auto& [what, sql] : kChecks) {
    auto query = reader.value()->prepare(sql);
    if (!query) return query.error();
    query->bind(1, generation);
    auto row = query->step();
    if (!row) return row.error();
    if (row.value()) {
      return makeError(ErrorCode::invalid_input, "unknown_member",
                       "the snapshot's " + std::string(what) + " \"" + query->columnText(0) + "\" names member \"" +
                           query->columnText(1) + "\", who is not in the snapshot.");
    }
  }
  return Done{};
}

}  // namespace loyalty::store

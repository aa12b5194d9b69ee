#include "updates/snapshot_state.h"

#include <utility>

namespace loyalty::updates {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};

template <typename Map, typename Same>
bool sameMaps(const Map& a, const Map& b, Same same) {
  if (a.size() != b.size()) return false;
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
    if (i->first != j->first || !same(i->second, j->second)) return false;
  }
  return true;
}

Error duplicate(std::string_view type, const std::string& key) {
  return makeError(ErrorCode::invalid_input, "duplicate_record",
                   "The " + std::string(type) + " \"" + key + "\" appears twice in the snapshot.");
}

Error unknownRecord(DeltaType type, const std::string& key) {
  return makeError(ErrorCode::invalid_input, "unknown_record",
                   "The delta removes " + std::string(typeName(type)) + " \"" + key +
                       "\", which the installed snapshot does not have: it was built for another base.");
}

template <typename Container>
std::optional<Error> eraseExisting(Container& container, const DeltaRemove& remove) {
  if (container.erase(remove.key) == 0) return unknownRecord(remove.type, remove.key);
  return std::nullopt;
}

std::optional<Error> applyRemove(SnapshotState& s, const DeltaRemove& remove) {
  switch (remove.type) {
    case DeltaType::member: return eraseExisting(s.members, remove);
    case DeltaType::card: return eraseExisting(s.cards, remove);
    case DeltaType::card_key: return eraseExisting(s.cardKeys, remove);
    case DeltaType::device_key: return eraseExisting(s.deviceKeys, remove);
    case DeltaType::revoked_card: return eraseExisting(s.revokedCards, remove);
    case DeltaType::campaign_usage: return eraseExisting(s.campaignUsage, remove);
    case DeltaType::used_voucher: return eraseExisting(s.usedVouchers, remove);
    case DeltaType::disabled_campaign: return eraseExisting(s.disabledCampaigns, remove);
    case DeltaType::offline_allowance: return eraseExisting(s.offlineAllowances, remove);
    case DeltaType::conflict: return eraseExisting(s.conflicts, remove);
    case DeltaType::ledger_included: return eraseExisting(s.ledgerIncluded, remove);
  }
  return std::nullopt;
}

// Adds or replaces; `unique` refuses a key already present (full snapshots).
std::optional<Error> putRecord(SnapshotState& s, codec::SnapshotRecord record, bool unique) {
  auto put = [unique](auto& map, const std::string& key, auto value, std::string_view type) -> std::optional<Error> {
    auto [at, inserted] = map.try_emplace(key, std::move(value));
    if (!inserted) {
      if (unique) return duplicate(type, key);
      at->second = std::move(value);
    }
    return std::nullopt;
  };
  auto add = [unique](std::set<std::string>& set, const std::string& key, std::string_view type) -> std::optional<Error> {
    if (!set.insert(key).second && unique) return duplicate(type, key);
    return std::nullopt;
  };
  return std::visit(
      Overloaded{
          [&](codec::SnapshotMember& r) {
            const std::string id = r.member.id;  // the member is moved into the map below
            return put(s.members, id, std::move(r.member), "member");
          },
          [&](codec::SnapshotCard& r) { return put(s.cards, r.cardId, r.memberId, "card"); },
          [&](codec::SnapshotCardKey& r) { return put(s.cardKeys, r.keyId, r, "card_key"); },
          [&](codec::SnapshotDeviceKey& r) { return put(s.deviceKeys, r.keyId, r, "device_key"); },
          [&](codec::SnapshotRevokedCard& r) { return add(s.revokedCards, r.cardId, "revoked_card"); },
          [&](engine::CampaignUsage& r) { return put(s.campaignUsage, r.campaignId, r, "campaign_usage"); },
          [&](codec::SnapshotUsedVoucher& r) { return add(s.usedVouchers, r.code, "used_voucher"); },
          [&](codec::SnapshotDisabledCampaign& r) { return add(s.disabledCampaigns, r.campaignId, "disabled_campaign"); },
          [&](codec::SnapshotOfflineAllowance& r) {
            return put(s.offlineAllowances, r.memberId, r.points, "offline_allowance");
          }},
      record);
}

}  // namespace

bool sameCardKey(const codec::SnapshotCardKey& a, const codec::SnapshotCardKey& b) noexcept {
  return a.keyId == b.keyId && a.publicKey == b.publicKey && a.validFrom == b.validFrom && a.validUntil == b.validUntil;
}

bool sameDeviceKey(const codec::SnapshotDeviceKey& a, const codec::SnapshotDeviceKey& b) noexcept {
  return a.keyId == b.keyId && a.memberId == b.memberId && a.publicKey == b.publicKey && a.revoked == b.revoked;
}

bool operator==(const SnapshotState& a, const SnapshotState& b) {
  return a.members == b.members && a.cards == b.cards && sameMaps(a.cardKeys, b.cardKeys, sameCardKey) &&
         sameMaps(a.deviceKeys, b.deviceKeys, sameDeviceKey) && a.revokedCards == b.revokedCards &&
         a.campaignUsage == b.campaignUsage && a.usedVouchers == b.usedVouchers &&
         a.disabledCampaigns == b.disabledCampaigns && a.offlineAllowances == b.offlineAllowances &&
         a.conflicts == b.conflicts && a.ledgerIncluded == b.ledgerIncluded;
}

std::optional<Error> addSnapshotRecord(SnapshotState& state, codec::SnapshotRecord record) {
  return putRecord(state, std::move(record), true);
}

std::optional<Error> applyDeltaRecord(SnapshotState& state, const DeltaRecord& record) {
  if (const auto* remove = std::get_if<DeltaRemove>(&record)) return applyRemove(state, *remove);
  if (const auto* conflict = std::get_if<Conflict>(&record)) {
    state.conflicts.insert_or_assign(conflict->id, *conflict);
    return std::nullopt;
  }
  if (const auto* mark = std::get_if<LedgerMark>(&record)) {
    auto [at, inserted] = state.ledgerIncluded.try_emplace(mark->terminalId, mark->sequence);
    if (!inserted && mark->sequence < at->second) {
      return makeError(ErrorCode::invalid_input, "ledger_mark_backwards",
                       "The delta moves terminal \"" + mark->terminalId + "\"'s ledger mark back from " +
                           std::to_string(at->second) + " to " + std::to_string(mark->sequence) + ".");
    }
    at->second = mark->sequence;
    return std::nullopt;
  }
  return putRecord(state, std::get<codec::SnapshotRecord>(record), false);
}

std::optional<Error> checkReferences(const SnapshotState& state) {
  auto missing = [&](const std::string& member, const std::string& what) -> std::optional<Error> {
    if (state.members.count(member) != 0) return std::nullopt;
    return makeError(ErrorCode::invalid_input, "unknown_member", what + " names member \"" + member + "\", who is not in the snapshot.");
  };
  for (const auto& [card, member] : state.cards) {
    if (auto error = missing(member, "Card \"" + card + "\"")) return error;
  }
  for (const auto& [key, deviceKey] : state.deviceKeys) {
    if (auto error = missing(deviceKey.memberId, "Device key \"" + key + "\"")) return error;
  }
  for (const auto& [member, points] : state.offlineAllowances) {
    if (auto error = missing(member, "An offline allowance")) return error;
  }
  return std::nullopt;
}

}  // namespace loyalty::updates

#include "updates/delta_builder.h"

namespace loyalty::updates {
namespace {

// Walks two sorted maps (or sets) together: upsert what is new or changed, remove what left.
template <typename Container, typename Same, typename Upsert>
void diffSorted(const Container& base, const Container& next, DeltaType type, Same same, Upsert upsert,
                std::vector<DeltaRecord>& out) {
  auto keyOfEntry = [](const auto& entry) -> const std::string& {
    if constexpr (std::is_same_v<std::decay_t<decltype(entry)>, std::string>) {
      return entry;
    } else {
      return entry.first;
    }
  };
  auto b = base.begin();
  auto n = next.begin();
  while (b != base.end() || n != next.end()) {
    if (n == next.end() || (b != base.end() && keyOfEntry(*b) < keyOfEntry(*n))) {
      out.emplace_back(DeltaRemove{type, keyOfEntry(*b)});
      ++b;
    } else if (b == base.end() || keyOfEntry(*n) < keyOfEntry(*b)) {
      out.push_back(upsert(*n));
      ++n;
    } else {
      if (!same(*b, *n)) out.push_back(upsert(*n));
      ++b;
      ++n;
    }
  }
}

auto equalEntries = [](const auto& a, const auto& b) { return a == b; };

}  // namespace

std::vector<DeltaRecord> diffSnapshots(const SnapshotState& base, const SnapshotState& next) {
  std::vector<DeltaRecord> out;
  using codec::SnapshotRecord;
  diffSorted(base.members, next.members, DeltaType::member, equalEntries,
             [](const auto& e) { return DeltaRecord(SnapshotRecord(codec::SnapshotMember{e.second, {}})); }, out);
  diffSorted(base.cards, next.cards, DeltaType::card, equalEntries,
             [](const auto& e) { return DeltaRecord(SnapshotRecord(codec::SnapshotCard{e.first, e.second})); }, out);
  diffSorted(
      base.cardKeys, next.cardKeys, DeltaType::card_key,
      [](const auto& a, const auto& b) { return sameCardKey(a.second, b.second); },
      [](const auto& e) { return DeltaRecord(SnapshotRecord(e.second)); }, out);
  diffSorted(
      base.deviceKeys, next.deviceKeys, DeltaType::device_key,
      [](const auto& a, const auto& b) { return sameDeviceKey(a.second, b.second); },
      [](const auto& e) { return DeltaRecord(SnapshotRecord(e.second)); }, out);
  diffSorted(base.revokedCards, next.revokedCards, DeltaType::revoked_card, equalEntries,
             [](const std::string& e) { return DeltaRecord(SnapshotRecord(codec::SnapshotRevokedCard{e})); }, out);
  diffSorted(base.campaignUsage, next.campaignUsage, DeltaType::campaign_usage, equalEntries,
             [](const auto& e) { return DeltaRecord(SnapshotRecord(e.second)); }, out);
  diffSorted(base.usedVouchers, next.usedVouchers, DeltaType::used_voucher, equalEntries,
             [](const std::string& e) { return DeltaRecord(SnapshotRecord(codec::SnapshotUsedVoucher{e})); }, out);
  diffSorted(
      base.disabledCampaigns, next.disabledCampaigns, DeltaType::disabled_campaign, equalEntries,
      [](const std::string& e) { return DeltaRecord(SnapshotRecord(codec::SnapshotDisabledCampaign{e})); }, out);
  diffSorted(
      base.offlineAllowances, next.offlineAllowances, DeltaType::offline_allowance, equalEntries,
      [](const auto& e) { return DeltaRecord(SnapshotRecord(codec::SnapshotOfflineAllowance{e.first, e.second})); },
      out);
  diffSorted(base.conflicts, next.conflicts, DeltaType::conflict, equalEntries,
             [](const auto& e) { return DeltaRecord(e.second); }, out);
  diffSorted(base.ledgerIncluded, next.ledgerIncluded, DeltaType::ledger_included, equalEntries,
             [](const auto& e) { return DeltaRecord(LedgerMark{e.first, e.second}); }, out);
  return out;
}

std::optional<Error> applyDelta(SnapshotState& state, const std::vector<DeltaRecord>& records) {
  for (const DeltaRecord& record : records) {
    if (auto error = applyDeltaRecord(state, record)) return error;
  }
  return checkReferences(state);
}

}  // namespace loyalty::updates

#include "updates/delta_records.h"

#include <array>
#include <utility>

namespace loyalty::updates {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};

struct TypeInfo {
  DeltaType type;
  std::string_view name;
  std::string_view key;
};

constexpr std::array<TypeInfo, 11> kTypes{{
    {DeltaType::member, "member", "member"},
    {DeltaType::card, "card", "card"},
    {DeltaType::card_key, "card_key", "key"},
    {DeltaType::device_key, "device_key", "key"},
    {DeltaType::revoked_card, "revoked_card", "card"},
    {DeltaType::campaign_usage, "campaign_usage", "campaign"},
    {DeltaType::used_voucher, "used_voucher", "code"},
    {DeltaType::disabled_campaign, "disabled_campaign", "campaign"},
    {DeltaType::offline_allowance, "offline_allowance", "member"},
    {DeltaType::conflict, "conflict", "conflict"},
    {DeltaType::ledger_included, "ledger_included", "terminal"},
}};

const TypeInfo& infoOf(DeltaType type) noexcept {
  for (const TypeInfo& info : kTypes) {
    if (info.type == type) return info;
  }
  return kTypes[0];
}

}  // namespace

std::string_view typeName(DeltaType type) noexcept { return infoOf(type).name; }
std::string_view keyName(DeltaType type) noexcept { return infoOf(type).key; }

std::optional<DeltaType> typeFromName(std::string_view name) noexcept {
  for (const TypeInfo& info : kTypes) {
    if (info.name == name) return info.type;
  }
  return std::nullopt;
}

DeltaType typeOf(const DeltaRecord& record) noexcept {
  return std::visit(
      Overloaded{[](const codec::SnapshotRecord& r) {
                   return std::visit(Overloaded{[](const codec::SnapshotMember&) { return DeltaType::member; },
                                                [](const codec::SnapshotCard&) { return DeltaType::card; },
                                                [](const codec::SnapshotCardKey&) { return DeltaType::card_key; },
                                                [](const codec::SnapshotDeviceKey&) { return DeltaType::device_key; },
                                                [](const codec::SnapshotRevokedCard&) { return DeltaType::revoked_card; },
                                                [](const engine::CampaignUsage&) { return DeltaType::campaign_usage; },
                                                [](const codec::SnapshotUsedVoucher&) { return DeltaType::used_voucher; },
                                                [](const codec::SnapshotDisabledCampaign&) {
                                                  return DeltaType::disabled_campaign;
                                                },
                                                [](const codec::SnapshotOfflineAllowance&) {
                                                  return DeltaType::offline_allowance;
                                                }},
                                     r);
                 },
                 [](const Conflict&) { return DeltaType::conflict; },
                 [](const LedgerMark&) { return DeltaType::ledger_included; },
                 [](const DeltaRemove& r) { return r.type; }},
      record);
}

std::string keyOf(const DeltaRecord& record) {
  return std::visit(
      Overloaded{[](const codec::SnapshotRecord& r) {
                   return std::visit(Overloaded{[](const codec::SnapshotMember& m) { return m.member.id; },
                                                [](const codec::SnapshotCard& c) { return c.cardId; },
                                                [](const codec::SnapshotCardKey& k) { return k.keyId; },
                                                [](const codec::SnapshotDeviceKey& k) { return k.keyId; },
                                                [](const codec::SnapshotRevokedCard& c) { return c.cardId; },
                                                [](const engine::CampaignUsage& u) { return u.campaignId; },
                                                [](const codec::SnapshotUsedVoucher& v) { return v.code; },
                                                [](const codec::SnapshotDisabledCampaign& c) { return c.campaignId; },
                                                [](const codec::SnapshotOfflineAllowance& a) { return a.memberId; }},
                                     r);
                 },
                 [](const Conflict& c) { return c.id; }, [](const LedgerMark& m) { return m.terminalId; },
                 [](const DeltaRemove& r) { return r.key; }},
      record);
}

}  // namespace loyalty::updates

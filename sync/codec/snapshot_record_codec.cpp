#include "codec/snapshot_record_codec.h"

#include "codec/member_codec.h"
#include "codec/time_text.h"
#include "engine/money.h"

namespace loyalty::codec {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};

constexpr IntRange kCount{0, engine::kMaxAmount};

PublicKeyBytes readKey(ObjectReader& reader, std::string_view key) {
  const std::string text = reader.requiredString(key);
  if (text.empty()) return {};
  auto decoded = decodePublicKey(text);
  if (!decoded) {
    reader.issues().add(reader.pointerOf(key), "invalid_key",
                        "expected a 32-byte Ed25519 public key as 43 base64url characters (no padding) or 64 hex "
                        "digits.");
    return {};
  }
  return *decoded;
}

std::optional<std::int64_t> readInstant(ObjectReader& reader, std::string_view key) {
  const std::optional<std::string> text = reader.optionalString(key);
  if (!text) return std::nullopt;
  auto instant = parseInstant(*text);
  if (!instant) {
    reader.issues().add(reader.pointerOf(key), "invalid_instant",
                        "expected an RFC 3339 instant such as \"2026-03-01T00:00:00Z\", got \"" + *text + "\".");
  }
  return instant;
}

SnapshotMember readMember(ObjectReader& reader, const ProgramTiers& programs) {
  SnapshotMember record;
  const Json* member = reader.required("member");
  if (member == nullptr) return record;
  Issues memberIssues;
  record.member = readMemberDocument(*member, memberIssues);
  for (const Issue& issue : memberIssues.list()) {
    reader.issues().add(reader.pointerOf("member") + issue.pointer, issue.reason, issue.message);
  }
  if (!memberIssues.empty()) return record;
  const auto program = programs.find(record.member.programId);
  if (program == programs.end()) {
    reader.issues().add(reader.pointerOf("member") + "/program", "unknown_program",
                        "the bundle has no program \"" + record.member.programId + "\".");
  } else if (!record.member.tier.empty() && program->second.count(record.member.tier) == 0) {
    reader.issues().add(reader.pointerOf("member") + "/tier", "unknown_tier",
                        "program \"" + record.member.programId + "\" has no tier \"" + record.member.tier + "\".");
  }
  record.json = member->dump();
  return record;
}

SnapshotCardKey readCardKey(ObjectReader& reader) {
  SnapshotCardKey record;
  record.keyId = reader.requiredString("key");
  record.publicKey = readKey(reader, "public_key");
  record.validFrom = readInstant(reader, "valid_from");
  record.validUntil = readInstant(reader, "valid_until");
  if (record.validFrom && record.validUntil && *record.validUntil <= *record.validFrom) {
    reader.issues().add(reader.pointerOf("valid_until"), "invalid_range", "the key must be valid until after it is valid from.");
  }
  return record;
}

SnapshotDeviceKey readDeviceKey(ObjectReader& reader) {
  SnapshotDeviceKey record;
  record.keyId = reader.requiredString("key");
  record.memberId = reader.requiredString("member");
  record.publicKey = readKey(reader, "public_key");
  record.revoked = reader.boolean("revoked", false);
  return record;
}

engine::CampaignUsage readCampaignUsage(ObjectReader& reader) {
  engine::CampaignUsage usage;
  usage.campaignId = reader.requiredString("campaign");
  usage.redemptions = reader.integer("redemptions", kCount, 0);
  usage.discountTotal = reader.integer("discount_total", kCount, 0);
  usage.orderValueTotal = reader.integer("order_value_total", kCount, 0);
  return usage;
}

std::optional<SnapshotRecord> readBody(ObjectReader& reader, const std::string& type, const ProgramTiers& programs) {
  if (type == "member") return readMember(reader, programs);
  if (type == "card") return SnapshotCard{reader.requiredString("card"), reader.requiredString("member")};
  if (type == "card_key") return readCardKey(reader);
  if (type == "device_key") return readDeviceKey(reader);
  if (type == "revoked_card") return SnapshotRevokedCard{reader.requiredString("card")};
  if (type == "campaign_usage") return readCampaignUsage(reader);
  if (type == "used_voucher") return SnapshotUsedVoucher{reader.requiredString("code")};
  if (type == "disabled_campaign") return SnapshotDisabledCampaign{reader.requiredString("campaign")};
  if (type == "offline_allowance") {
    std::string member = reader.requiredString("member");
    return SnapshotOfflineAllowance{std::move(member), reader.requiredInt("points", kCount)};
  }
  reader.issues().add(reader.pointerOf("type"), "unknown_record_type",
                      "\"" + type + "\" is not a snapshot record type (member, card, card_key, device_key, "
                      "revoked_card, campaign_usage, used_voucher, disabled_campaign, offline_allowance, end).");
  return std::nullopt;
}

Json optionalInstant(const std::optional<std::int64_t>& instant) {
  return instant ? Json(formatInstant(*instant)) : Json(nullptr);
}

}  // namespace

std::optional<SnapshotRecord> readSnapshotRecord(const Json& document, const std::string& type,
                                                 const ProgramTiers& programs, Issues& issues) {
  const std::size_t before = issues.size();
  ObjectReader reader(document, "", issues);
  (void)reader.required("type");  // read by the caller; marked known here
  std::optional<SnapshotRecord> record = readBody(reader, type, programs);
  reader.finish();
  if (issues.size() != before) return std::nullopt;
  return record;
}

Json snapshotRecordToJson(const SnapshotRecord& record) {
  return std::visit(
      Overloaded{
          [](const SnapshotMember& r) {
            Json out = Json::object();  // moved in: an initializer list would copy the whole member
            out["type"] = "member";
            out["member"] = memberToJson(r.member);
            return out;
          },
          [](const SnapshotCard& r) { return Json{{"type", "card"}, {"card", r.cardId}, {"member", r.memberId}}; },
          [](const SnapshotCardKey& r) {
            return Json{{"type", "card_key"},
                        {"key", r.keyId},
                        {"public_key", encodePublicKey(r.publicKey)},
                        {"valid_from", optionalInstant(r.validFrom)},
                        {"valid_until", optionalInstant(r.validUntil)}};
          },
          [](const SnapshotDeviceKey& r) {
            return Json{{"type", "device_key"},
                        {"key", r.keyId},
                        {"member", r.memberId},
                        {"public_key", encodePublicKey(r.publicKey)},
                        {"revoked", r.revoked}};
          },
          [](const SnapshotRevokedCard& r) { return Json{{"type", "revoked_card"}, {"card", r.cardId}}; },
          [](const engine::CampaignUsage& r) {
            return Json{{"type", "campaign_usage"},
                        {"campaign", r.campaignId},
                        {"redemptions", r.redemptions},
                        {"discount_total", r.discountTotal},
                        {"order_value_total", r.orderValueTotal}};
          },
          [](const SnapshotUsedVoucher& r) { return Json{{"type", "used_voucher"}, {"code", r.code}}; },
          [](const SnapshotDisabledCampaign& r) {
            return Json{{"type", "disabled_campaign"}, {"campaign", r.campaignId}};
          },
          [](const SnapshotOfflineAllowance& r) {
            return Json{{"type", "offline_allowance"}, {"member", r.memberId}, {"points", r.points}};
          }},
      record);
}

}  // namespace loyalty::codec

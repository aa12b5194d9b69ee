#include "codec/ledger_payload_codec.h"

#include "codec/json_reader.h"
#include "codec/value_codec.h"
#include "engine/money.h"

namespace loyalty::codec {
namespace {

constexpr IntRange kSignedAmount{-engine::kMaxAmount, engine::kMaxAmount};

void writeLotChange(JsonWriter& w, const engine::LotChange& change) {
  w.beginObject().member("delta", change.delta).key("lot");
  writeLot(w, change.lot);
  w.endObject();
}

engine::LotChange readLotChange(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::LotChange change;
  if (const Json* lot = reader.required("lot")) change.lot = readLot(*lot, reader.pointerOf("lot"), Strictness::result, issues);
  change.delta = reader.requiredInt("delta", kSignedAmount);
  reader.finish();
  return change;
}

void writeDeficitChange(JsonWriter& w, const engine::DeficitChange& change) {
  w.beginObject().member("currency", change.currency).member("delta", change.delta).endObject();
}

engine::DeficitChange readDeficitChange(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::DeficitChange change;
  change.currency = reader.requiredString("currency");
  change.delta = reader.requiredInt("delta", kSignedAmount);
  reader.finish();
  return change;
}

engine::MemberDelta readMemberDelta(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::MemberDelta delta;
  delta.lots = readArray<engine::LotChange>(reader, "lots", false, readLotChange);
  delta.deficits = readArray<engine::DeficitChange>(reader, "deficits", false, readDeficitChange);
  delta.ruleUsageAdded = readArray<engine::RuleUsage>(
      reader, "rule_usage_added", false,
      [](const Json& v, const std::string& p, Issues& i) { return readRuleUsage(v, p, Strictness::result, i); });
  delta.redeemablesUsed = reader.stringList("redeemables_used", true);
  delta.redeemablesReleased = reader.stringList("redeemables_released", true);
  delta.vouchersUsed = reader.stringList("vouchers_used");
  delta.vouchersReinstated = reader.stringList("vouchers_reinstated");
  delta.qualifyingEarned = reader.integer("qualifying_earned", kSignedAmount, 0);
  delta.burned = reader.integer("burned", kSignedAmount, 0);
  delta.on = requiredDate(reader, "on");
  reader.finish();
  return delta;
}

EntryPayload readPayload(const Json& document, Issues& issues) {
  ObjectReader reader(document, "", issues);
  EntryPayload payload;
  const std::int64_t format = reader.requiredInt("format", IntRange{1, 1});
  (void)format;
  payload.posSaleId = reader.string("pos_sale_id");
  payload.returnId = reader.string("return_id");
  if (const Json* delta = reader.optional("member_delta")) {
    payload.memberDelta = readMemberDelta(*delta, reader.pointerOf("member_delta"), issues);
  }
  payload.campaignDelta = readArray<engine::CampaignUsage>(reader, "campaign_delta", false,
                                                           [](const Json& v, const std::string& p, Issues& i) {
                                                             return readCampaignUsage(v, p, Strictness::result, i);
                                                           });
  payload.codesUsed = reader.stringList("codes_used");
  payload.codesReleased = reader.stringList("codes_released");
  if (const Json* detail = reader.optional("detail")) {
    if (detail->is_object()) {
      payload.detail = *detail;
    } else {
      issues.add(reader.pointerOf("detail"), "wrong_type", "detail must be an object.");
    }
  }
  reader.finish();
  return payload;
}

}  // namespace

void writeMemberDelta(JsonWriter& w, const engine::MemberDelta& delta) {
  w.beginObject().member("burned", delta.burned);
  w.key("deficits").array(delta.deficits, writeDeficitChange);
  w.key("lots").array(delta.lots, writeLotChange);
  w.member("on", engine::formatDate(delta.on)).member("qualifying_earned", delta.qualifyingEarned);
  w.key("redeemables_released").stringArray(delta.redeemablesReleased);
  w.key("redeemables_used").stringArray(delta.redeemablesUsed);
  w.key("rule_usage_added").array(delta.ruleUsageAdded, writeRuleUsage);
  w.key("vouchers_reinstated").stringArray(delta.vouchersReinstated);
  w.key("vouchers_used").stringArray(delta.vouchersUsed);
  w.endObject();
}

std::string entryPayloadToText(const EntryPayload& payload) {
  return entryPayloadToText(payload, payload.detail.dump());
}

std::string entryPayloadToText(const EntryPayload& payload, std::string_view detailJson) {
  std::string text;
  text.reserve(512 + detailJson.size());
  JsonWriter w(text);
  w.beginObject();
  w.key("campaign_delta").array(payload.campaignDelta, writeCampaignUsage);
  w.key("codes_released").stringArray(payload.codesReleased);
  w.key("codes_used").stringArray(payload.codesUsed);
  w.key("detail").raw(detailJson);
  w.member("format", 1).key("member_delta");
  writeMemberDelta(w, payload.memberDelta);
  w.member("pos_sale_id", payload.posSaleId).member("return_id", payload.returnId);
  w.endObject();
  return text;
}

Result<EntryPayload> parseEntryPayload(std::string_view text) {
  return parseSingle<EntryPayload>(text, readPayload);
}

}  // namespace loyalty::codec

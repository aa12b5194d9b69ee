#include "codec/ledger_payload_codec.h"

#include "codec/json_reader.h"
#include "codec/value_codec.h"
#include "engine/money.h"

namespace loyalty::codec {
namespace {

constexpr IntRange kSignedAmount{-engine::kMaxAmount, engine::kMaxAmount};

Json lotChangeToJson(const engine::LotChange& change) {
  return Json{{"lot", lotToJson(change.lot)}, {"delta", change.delta}};
}

engine::LotChange readLotChange(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::LotChange change;
  if (const Json* lot = reader.required("lot")) change.lot = readLot(*lot, reader.pointerOf("lot"), Strictness::result, issues);
  change.delta = reader.requiredInt("delta", kSignedAmount);
  reader.finish();
  return change;
}

Json deficitChangeToJson(const engine::DeficitChange& change) {
  return Json{{"currency", change.currency}, {"delta", change.delta}};
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

Json memberDeltaToJson(const engine::MemberDelta& delta) {
  return Json{{"lots", arrayToJson(delta.lots, lotChangeToJson)},
              {"deficits", arrayToJson(delta.deficits, deficitChangeToJson)},
              {"rule_usage_added", arrayToJson(delta.ruleUsageAdded, ruleUsageToJson)},
              {"redeemables_used", delta.redeemablesUsed},
              {"redeemables_released", delta.redeemablesReleased},
              {"vouchers_used", delta.vouchersUsed},
              {"vouchers_reinstated", delta.vouchersReinstated},
              {"qualifying_earned", delta.qualifyingEarned},
              {"burned", delta.burned},
              {"on", dateToJson(delta.on)}};
}

std::string entryPayloadToText(const EntryPayload& payload) {
  const Json document{{"format", 1},
                      {"pos_sale_id", payload.posSaleId},
                      {"return_id", payload.returnId},
                      {"member_delta", memberDeltaToJson(payload.memberDelta)},
                      {"campaign_delta", arrayToJson(payload.campaignDelta, campaignUsageToJson)},
                      {"codes_used", payload.codesUsed},
                      {"codes_released", payload.codesReleased},
                      {"detail", payload.detail}};
  return document.dump();
}

Result<EntryPayload> parseEntryPayload(std::string_view text) {
  return parseSingle<EntryPayload>(text, readPayload);
}

}  // namespace loyalty::codec

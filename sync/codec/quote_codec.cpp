#include "codec/quote_codec.h"

#include "codec/quote_parts_codec.h"
#include "codec/value_codec.h"

namespace loyalty::codec {
namespace {

engine::QuoteResult readQuoteResult(const Json& document, Issues& issues) {
  ObjectReader reader(document, "", issues);
  engine::QuoteResult result;
  result.saleId = reader.requiredString("sale_id", true);
  result.bundleHash = reader.requiredString("bundle_hash", true);
  result.bundleVersion = reader.requiredInt("bundle_version", kAnyInt);
  result.programId = reader.requiredString("program", true);
  result.storeId = reader.requiredString("store", true);
  result.memberId = reader.string("member");  // null when no member was identified
  result.notices = readArray<engine::Notice>(reader, "notices", true, readNotice);
  result.lines = readArray<engine::LineResult>(reader, "lines", true, readLineResult);
  result.applied = readArray<engine::AppliedRedeemable>(reader, "applied", true, readApplied);
  result.rejected = readArray<engine::Rejection>(reader, "rejected", true, readRejection);
  if (const Json* burn = reader.optional("burn")) result.burn = readBurn(*burn, "/burn", issues);
  result.earned = readArray<engine::EarnedRule>(reader, "earned", true, readEarned);
  result.balances = readArray<engine::CurrencyBalance>(reader, "balances", true, readBalance);
  result.gross = reader.requiredInt("gross", kAnyInt);
  result.discountTotal = reader.requiredInt("discount_total", kAnyInt);
  result.pointsPayment = reader.requiredInt("points_payment", kAnyInt);
  result.toPay = reader.requiredInt("to_pay", kAnyInt);
  result.lotsAfter = readArray<engine::Lot>(reader, "lots_after", true, [](const Json& v, const std::string& p, Issues& i) {
    return readLot(v, p, Strictness::result, i);
  });
  result.deficitsAfter = readArray<engine::Deficit>(
      reader, "deficits_after", true,
      [](const Json& v, const std::string& p, Issues& i) { return readDeficit(v, p, Strictness::result, i); });
  result.ruleUsageAdded = readArray<engine::RuleUsage>(
      reader, "rule_usage_added", true,
      [](const Json& v, const std::string& p, Issues& i) { return readRuleUsage(v, p, Strictness::result, i); });
  if (reader.required("redeemables_used")) result.redeemablesUsed = reader.stringList("redeemables_used", true);
  result.campaignUsageAdded = readArray<engine::CampaignUsage>(
      reader, "campaign_usage_added", true,
      [](const Json& v, const std::string& p, Issues& i) { return readCampaignUsage(v, p, Strictness::result, i); });
  if (reader.required("vouchers_consumed")) result.vouchersConsumed = reader.stringList("vouchers_consumed", true);
  reader.finish();
  return result;
}

}  // namespace

nlohmann::json quoteResultToJson(const engine::QuoteResult& result) {
  Json out = Json::object();
  out["sale_id"] = result.saleId;
  out["bundle_hash"] = result.bundleHash;
  out["bundle_version"] = result.bundleVersion;
  out["program"] = result.programId;
  out["store"] = result.storeId;
  out["member"] = result.memberId.empty() ? Json(nullptr) : Json(result.memberId);
  out["notices"] = arrayToJson(result.notices, noticeToJson);
  out["lines"] = arrayToJson(result.lines, lineResultToJson);
  out["applied"] = arrayToJson(result.applied, appliedToJson);
  out["rejected"] = arrayToJson(result.rejected, rejectionToJson);
  out["burn"] = result.burn ? burnToJson(*result.burn) : Json(nullptr);
  out["earned"] = arrayToJson(result.earned, earnedToJson);
  out["balances"] = arrayToJson(result.balances, balanceToJson);
  out["gross"] = result.gross;
  out["discount_total"] = result.discountTotal;
  out["points_payment"] = result.pointsPayment;
  out["to_pay"] = result.toPay;
  out["lots_after"] = arrayToJson(result.lotsAfter, lotToJson);
  out["deficits_after"] = arrayToJson(result.deficitsAfter, deficitToJson);
  out["rule_usage_added"] = arrayToJson(result.ruleUsageAdded, ruleUsageToJson);
  out["redeemables_used"] = result.redeemablesUsed;
  out["campaign_usage_added"] = arrayToJson(result.campaignUsageAdded, campaignUsageToJson);
  out["vouchers_consumed"] = result.vouchersConsumed;
  return out;
}

Result<engine::QuoteResult> quoteResultFromJson(std::string_view jsonText) {
  return parseSingle<engine::QuoteResult>(jsonText, readQuoteResult);
}

}  // namespace loyalty::codec

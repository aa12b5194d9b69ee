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

void writeQuoteResult(JsonWriter& w, const engine::QuoteResult& result) {
  w.beginObject();
  w.key("applied").array(result.applied, writeApplied);
  w.key("balances").array(result.balances, writeBalance);
  w.member("bundle_hash", result.bundleHash).member("bundle_version", result.bundleVersion).key("burn");
  if (result.burn) {
    writeBurn(w, *result.burn);
  } else {
    w.null();
  }
  w.key("campaign_usage_added").array(result.campaignUsageAdded, writeCampaignUsage);
  w.key("deficits_after").array(result.deficitsAfter, writeDeficit);
  w.member("discount_total", result.discountTotal);
  w.key("earned").array(result.earned, writeEarned);
  w.member("gross", result.gross);
  w.key("lines").array(result.lines, writeLineResult);
  w.key("lots_after").array(result.lotsAfter, writeLot);
  w.key("member");
  if (result.memberId.empty()) {
    w.null();
  } else {
    w.value(result.memberId);
  }
  w.key("notices").array(result.notices, writeNotice);
  w.member("points_payment", result.pointsPayment).member("program", result.programId);
  w.key("redeemables_used").stringArray(result.redeemablesUsed);
  w.key("rejected").array(result.rejected, writeRejection);
  w.key("rule_usage_added").array(result.ruleUsageAdded, writeRuleUsage);
  w.member("sale_id", result.saleId).member("store", result.storeId).member("to_pay", result.toPay);
  w.key("vouchers_consumed").stringArray(result.vouchersConsumed);
  w.endObject();
}

std::string quoteResultText(const engine::QuoteResult& result) {
  std::string text;
  text.reserve(2048 + 320 * result.lines.size());
  JsonWriter writer(text);
  writeQuoteResult(writer, result);
  return text;
}

nlohmann::json quoteResultToJson(const engine::QuoteResult& result) { return Json::parse(quoteResultText(result)); }

Result<engine::QuoteResult> quoteResultFromJson(std::string_view jsonText) {
  return parseSingle<engine::QuoteResult>(jsonText, readQuoteResult);
}

}  // namespace loyalty::codec

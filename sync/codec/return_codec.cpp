#include "codec/return_codec.h"

#include <algorithm>

#include "codec/enum_names.h"
#include "codec/quote_parts_codec.h"
#include "codec/value_codec.h"
#include "engine/money.h"

namespace loyalty::codec {
namespace {

Json returnLineToJson(const engine::ReturnLine& line) { return Json{{"line", line.lineNo}, {"quantity", line.quantity}}; }

engine::ReturnLine readReturnLine(const Json& value, const std::string& pointer, Issues& issues, IntRange quantity) {
  ObjectReader reader(value, pointer, issues);
  engine::ReturnLine line;
  line.lineNo = reader.requiredInt("line", IntRange{0, INT64_MAX});
  line.quantity = reader.requiredInt("quantity", quantity);
  reader.finish();
  return line;
}

Json returnedLineToJson(const engine::ReturnedLine& line) {
  return Json{{"line", line.lineNo}, {"quantity", line.quantity}, {"refund", line.refund},
              {"net_returned", line.netReturned}};
}

engine::ReturnedLine readReturnedLine(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::ReturnedLine line;
  line.lineNo = reader.requiredInt("line", kAnyInt);
  line.quantity = reader.requiredInt("quantity", kAnyInt);
  line.refund = reader.requiredInt("refund", kAnyInt);
  line.netReturned = reader.requiredInt("net_returned", kAnyInt);
  reader.finish();
  return line;
}

Json reversedToJson(const engine::ReversedRule& rule) {
  return Json{{"rule", rule.ruleId}, {"currency", rule.currency}, {"earned", rule.earned},
              {"reversed_before", rule.reversedBefore}, {"reversed_now", rule.reversedNow}};
}

engine::ReversedRule readReversed(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::ReversedRule rule;
  rule.ruleId = reader.requiredString("rule");
  rule.currency = reader.requiredString("currency", true);
  rule.earned = reader.requiredInt("earned", kAnyInt);
  rule.reversedBefore = reader.requiredInt("reversed_before", kAnyInt);
  rule.reversedNow = reader.requiredInt("reversed_now", kAnyInt);
  reader.finish();
  return rule;
}

Json restoredToJson(const engine::RestoredPoints& restored) {
  return Json{{"source", restored.sourceId}, {"kind", enumName(restored.kind, kSourceKinds)},
              {"currency", restored.currency}, {"burned", restored.burned},
              {"restored_before", restored.restoredBefore}, {"restored_now", restored.restoredNow}};
}

engine::RestoredPoints readRestored(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::RestoredPoints restored;
  restored.sourceId = reader.requiredString("source", true);
  restored.kind = reader.requiredEnum("kind", kSourceKinds, engine::SourceKind::burn);
  restored.currency = reader.requiredString("currency", true);
  restored.burned = reader.requiredInt("burned", kAnyInt);
  restored.restoredBefore = reader.requiredInt("restored_before", kAnyInt);
  restored.restoredNow = reader.requiredInt("restored_now", kAnyInt);
  reader.finish();
  return restored;
}

Json reinstatedToJson(const engine::ReinstatedVoucher& voucher) {
  return Json{{"code", voucher.code}, {"redeemable", voucher.redeemableId}, {"campaign", voucher.campaignId},
              {"discount", voucher.discount}};
}

engine::ReinstatedVoucher readReinstated(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::ReinstatedVoucher voucher;
  voucher.code = reader.requiredString("code", true);
  voucher.redeemableId = reader.requiredString("redeemable", true);
  voucher.campaignId = reader.requiredString("campaign", true);
  voucher.discount = reader.requiredInt("discount", kAnyInt);
  reader.finish();
  return voucher;
}

engine::ReturnResult readReturnResult(const Json& document, Issues& issues) {
  ObjectReader reader(document, "", issues);
  engine::ReturnResult result;
  result.lines = readArray<engine::ReturnedLine>(reader, "lines", true, readReturnedLine);
  result.refund = reader.requiredInt("refund", kAnyInt);
  result.reversed = readArray<engine::ReversedRule>(reader, "reversed", true, readReversed);
  result.restored = readArray<engine::RestoredPoints>(reader, "restored", true, readRestored);
  result.reinstated = readArray<engine::ReinstatedVoucher>(reader, "reinstated", true, readReinstated);
  result.campaignUsageReleased = readArray<engine::CampaignUsage>(
      reader, "campaign_usage_released", true,
      [](const Json& v, const std::string& p, Issues& i) { return readCampaignUsage(v, p, Strictness::result, i); });
  if (reader.required("redeemables_released")) {
    result.redeemablesReleased = reader.stringList("redeemables_released", true);
  }
  result.completesSale = reader.boolean("completes_sale", false);
  (void)reader.required("completes_sale");
  result.negativeBalance = reader.boolean("negative_balance", false);
  (void)reader.required("negative_balance");
  result.lotsAfter = readArray<engine::Lot>(reader, "lots_after", true, [](const Json& v, const std::string& p, Issues& i) {
    return readLot(v, p, Strictness::result, i);
  });
  result.deficitsAfter = readArray<engine::Deficit>(
      reader, "deficits_after", true,
      [](const Json& v, const std::string& p, Issues& i) { return readDeficit(v, p, Strictness::result, i); });
  result.returnedAfter = readArray<engine::ReturnLine>(
      reader, "returned_after", true,
      [](const Json& v, const std::string& p, Issues& i) { return readReturnLine(v, p, i, kAnyInt); });
  reader.finish();
  return result;
}

std::vector<engine::ReturnLine> readReturnLines(const Json& document, Issues& issues) {
  std::vector<engine::ReturnLine> lines;
  if (!document.is_array()) {
    issues.add("", "wrong_type", "expected an array of {\"line\": N, \"quantity\": N}.");
    return lines;
  }
  lines.reserve(document.size());
  for (std::size_t i = 0; i < document.size(); ++i) {
    lines.push_back(readReturnLine(document[i], childPointer("", i), issues, IntRange{1, engine::kMaxQuantity}));
  }
  if (!issues.empty()) return lines;
  std::vector<std::pair<std::int64_t, std::size_t>> numbers;
  numbers.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) numbers.emplace_back(lines[i].lineNo, i);
  std::sort(numbers.begin(), numbers.end());
  for (std::size_t i = 1; i < numbers.size(); ++i) {
    if (numbers[i].first != numbers[i - 1].first) continue;
    const std::size_t later = std::max(numbers[i].second, numbers[i - 1].second);
    issues.add(childPointer(childPointer("", later), "line"), "duplicate_line_number",
               "line " + std::to_string(numbers[i].first) + " is named twice; give each line once with its quantity.");
    break;
  }
  return lines;
}

}  // namespace

nlohmann::json returnResultToJson(const engine::ReturnResult& result) {
  Json out = Json::object();
  out["lines"] = arrayToJson(result.lines, returnedLineToJson);
  out["refund"] = result.refund;
  out["reversed"] = arrayToJson(result.reversed, reversedToJson);
  out["restored"] = arrayToJson(result.restored, restoredToJson);
  out["reinstated"] = arrayToJson(result.reinstated, reinstatedToJson);
  out["campaign_usage_released"] = arrayToJson(result.campaignUsageReleased, campaignUsageToJson);
  out["redeemables_released"] = result.redeemablesReleased;
  out["completes_sale"] = result.completesSale;
  out["negative_balance"] = result.negativeBalance;
  out["lots_after"] = arrayToJson(result.lotsAfter, lotToJson);
  out["deficits_after"] = arrayToJson(result.deficitsAfter, deficitToJson);
  out["returned_after"] = arrayToJson(result.returnedAfter, returnLineToJson);
  return out;
}

Result<engine::ReturnResult> returnResultFromJson(std::string_view jsonText) {
  return parseSingle<engine::ReturnResult>(jsonText, readReturnResult);
}

Result<std::vector<engine::ReturnLine>> parseReturnLines(std::string_view jsonText) {
  return parseSingle<std::vector<engine::ReturnLine>>(jsonText, readReturnLines);
}

}  // namespace loyalty::codec

#include "codec/quote_parts_codec.h"

#include "codec/enum_names.h"
#include "codec/value_codec.h"

namespace loyalty::codec {
namespace {

std::vector<engine::LinePiece> readPieces(ObjectReader& reader, std::string_view key) {
  return readArray<engine::LinePiece>(reader, key, true, readLinePiece);
}

std::vector<engine::LotUse> readLotUses(ObjectReader& reader, std::string_view key) {
  return readArray<engine::LotUse>(reader, key, true, readLotUse);
}

Json discountToJson(const engine::DiscountPiece& piece) {
  return Json{{"source", piece.sourceId}, {"kind", enumName(piece.kind, kSourceKinds)}, {"amount", piece.amount}};
}

engine::DiscountPiece readDiscount(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::DiscountPiece piece;
  piece.sourceId = reader.requiredString("source", true);
  piece.kind = reader.requiredEnum("kind", kSourceKinds, engine::SourceKind::promotion);
  piece.amount = reader.requiredInt("amount", kAnyInt);
  reader.finish();
  return piece;
}

bool requiredBool(ObjectReader& reader, std::string_view key) {
  const Json* value = reader.required(key);
  return value ? readBool(*value, reader.pointerOf(key), reader.issues()).value_or(false) : false;
}

}  // namespace

Json reasonToJson(engine::Reason reason) { return std::string(engine::toString(reason)); }

std::optional<engine::Reason> optionalReason(ObjectReader& reader, std::string_view key) {
  const std::optional<std::string> text = reader.optionalString(key);
  if (!text) return std::nullopt;
  engine::Reason reason = engine::Reason::unknown_code;
  if (!engine::reasonFromString(*text, reason)) {
    reader.issues().add(reader.pointerOf(key), "invalid_value", "\"" + *text + "\" is not a known reason code.");
    return std::nullopt;
  }
  return reason;
}

engine::Reason readReason(ObjectReader& reader, std::string_view key) {
  if (!reader.has(key)) {
    (void)reader.required(key);
    return engine::Reason::unknown_code;
  }
  return optionalReason(reader, key).value_or(engine::Reason::unknown_code);
}

Json lineResultToJson(const engine::LineResult& line) {
  return Json{{"line", line.lineNo},
              {"sku", line.sku},
              {"categories", line.categories},
              {"quantity", line.quantity},
              {"unit_price", line.unitPrice},
              {"gross", line.gross},
              {"discounts", arrayToJson(line.discounts, discountToJson)},
              {"discount_total", line.discountTotal},
              {"net", line.net},
              {"points_payment", line.pointsPayment},
              {"to_pay", line.toPay},
              {"earn_excluded", line.earnExcluded},
              {"eligible_net", line.eligibleNet}};
}

engine::LineResult readLineResult(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::LineResult line;
  line.lineNo = reader.requiredInt("line", kAnyInt);
  line.sku = reader.requiredString("sku", true);
  line.categories = reader.stringList("categories", true);
  line.quantity = reader.requiredInt("quantity", kAnyInt);
  line.unitPrice = reader.requiredInt("unit_price", kAnyInt);
  line.gross = reader.requiredInt("gross", kAnyInt);
  line.discounts = readArray<engine::DiscountPiece>(reader, "discounts", true, readDiscount);
  line.discountTotal = reader.requiredInt("discount_total", kAnyInt);
  line.net = reader.requiredInt("net", kAnyInt);
  line.pointsPayment = reader.requiredInt("points_payment", kAnyInt);
  line.toPay = reader.requiredInt("to_pay", kAnyInt);
  line.earnExcluded = requiredBool(reader, "earn_excluded");
  line.eligibleNet = reader.requiredInt("eligible_net", kAnyInt);
  reader.finish();
  return line;
}

Json appliedToJson(const engine::AppliedRedeemable& applied) {
  return Json{{"redeemable", applied.redeemableId},
              {"campaign", applied.campaignId},
              {"name", applied.name},
              {"kind", enumName(applied.kind, kRedeemableKinds)},
              {"code", applied.code},
              {"single_use", applied.singleUse},
              {"reinstate_on_return", applied.reinstateOnReturn},
              {"valid_until", optionalDateToJson(applied.validUntil)},
              {"discount", applied.discount},
              {"pieces", arrayToJson(applied.pieces, linePieceToJson)},
              {"units_rewarded", applied.unitsRewarded},
              {"points_currency", applied.pointsCurrency},
              {"points_cost", applied.pointsCost},
              {"lots_used", arrayToJson(applied.lotsUsed, lotUseToJson)}};
}

engine::AppliedRedeemable readApplied(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::AppliedRedeemable applied;
  applied.redeemableId = reader.requiredString("redeemable");
  applied.campaignId = reader.requiredString("campaign", true);
  applied.name = reader.requiredString("name", true);
  applied.kind = reader.requiredEnum("kind", kRedeemableKinds, engine::RedeemableKind::promotion);
  applied.code = reader.requiredString("code", true);
  applied.singleUse = requiredBool(reader, "single_use");
  applied.reinstateOnReturn = requiredBool(reader, "reinstate_on_return");
  applied.validUntil = optionalDate(reader, "valid_until");
  applied.discount = reader.requiredInt("discount", kAnyInt);
  applied.pieces = readPieces(reader, "pieces");
  applied.unitsRewarded = reader.requiredInt("units_rewarded", kAnyInt);
  applied.pointsCurrency = reader.requiredString("points_currency", true);
  applied.pointsCost = reader.requiredInt("points_cost", kAnyInt);
  applied.lotsUsed = readLotUses(reader, "lots_used");
  reader.finish();
  return applied;
}

Json rejectionToJson(const engine::Rejection& rejection) {
  return Json{{"subject", rejection.subject},
              {"redeemable", rejection.redeemableId},
              {"name", rejection.name},
              {"requested", rejection.requested},
              {"reason", reasonToJson(rejection.reason)},
              {"message", rejection.message}};
}

engine::Rejection readRejection(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::Rejection rejection;
  rejection.subject = reader.requiredString("subject", true);
  rejection.redeemableId = reader.requiredString("redeemable", true);
  rejection.name = reader.requiredString("name", true);
  rejection.requested = requiredBool(reader, "requested");
  rejection.reason = readReason(reader, "reason");
  rejection.message = reader.requiredString("message", true);
  reader.finish();
  return rejection;
}

Json burnToJson(const engine::BurnResult& burn) {
  return Json{{"applied", burn.applied},
              {"currency", burn.currency},
              {"points", burn.points},
              {"value", burn.value},
              {"pieces", arrayToJson(burn.pieces, linePieceToJson)},
              {"lots_used", arrayToJson(burn.lotsUsed, lotUseToJson)},
              {"refusal", burn.refusal ? reasonToJson(*burn.refusal) : Json(nullptr)},
              {"message", burn.message}};
}

engine::BurnResult readBurn(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::BurnResult burn;
  burn.applied = requiredBool(reader, "applied");
  burn.currency = reader.requiredString("currency", true);
  burn.points = reader.requiredInt("points", kAnyInt);
  burn.value = reader.requiredInt("value", kAnyInt);
  burn.pieces = readPieces(reader, "pieces");
  burn.lotsUsed = readLotUses(reader, "lots_used");
  burn.refusal = optionalReason(reader, "refusal");
  burn.message = reader.requiredString("message", true);
  reader.finish();
  return burn;
}

Json earnedToJson(const engine::EarnedRule& earned) {
  return Json{{"rule", earned.ruleId},
              {"name", earned.name},
              {"campaign", earned.campaignId},
              {"kind", enumName(earned.kind, kEarnKinds)},
              {"currency", earned.currency},
              {"points", earned.points},
              {"uncapped", earned.uncapped},
              {"counted_net", earned.countedNet},
              {"lines", arrayToJson(earned.lines, linePieceToJson)}};
}

engine::EarnedRule readEarned(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::EarnedRule earned;
  earned.ruleId = reader.requiredString("rule");
  earned.name = reader.requiredString("name", true);
  earned.campaignId = reader.requiredString("campaign", true);
  earned.kind = reader.requiredEnum("kind", kEarnKinds, engine::EarnKind::base);
  earned.currency = reader.requiredString("currency", true);
  earned.points = reader.requiredInt("points", kAnyInt);
  earned.uncapped = reader.requiredInt("uncapped", kAnyInt);
  earned.countedNet = reader.requiredInt("counted_net", kAnyInt);
  earned.lines = readPieces(reader, "lines");
  reader.finish();
  return earned;
}

Json balanceToJson(const engine::CurrencyBalance& balance) {
  return Json{{"currency", balance.currency},
              {"before", balance.before},
              {"spent", balance.spent},
              {"earned", balance.earned},
              {"after", balance.after}};
}

engine::CurrencyBalance readBalance(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::CurrencyBalance balance;
  balance.currency = reader.requiredString("currency");
  balance.before = reader.requiredInt("before", kAnyInt);
  balance.spent = reader.requiredInt("spent", kAnyInt);
  balance.earned = reader.requiredInt("earned", kAnyInt);
  balance.after = reader.requiredInt("after", kAnyInt);
  reader.finish();
  return balance;
}

Json noticeToJson(const engine::Notice& notice) {
  return Json{{"reason", reasonToJson(notice.reason)}, {"message", notice.message}};
}

engine::Notice readNotice(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::Notice notice;
  notice.reason = readReason(reader, "reason");
  notice.message = reader.requiredString("message", true);
  reader.finish();
  return notice;
}

}  // namespace loyalty::codec

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

void writeDiscount(JsonWriter& w, const engine::DiscountPiece& piece) {
  w.beginObject().member("amount", piece.amount).member("kind", enumName(piece.kind, kSourceKinds));
  w.member("source", piece.sourceId).endObject();
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

void writeLineResult(JsonWriter& w, const engine::LineResult& line) {
  w.beginObject();
  w.key("categories").stringArray(line.categories);
  w.member("discount_total", line.discountTotal);
  w.key("discounts").array(line.discounts, writeDiscount);
  w.member("earn_excluded", line.earnExcluded).member("eligible_net", line.eligibleNet).member("gross", line.gross);
  w.member("line", line.lineNo).member("net", line.net).member("points_payment", line.pointsPayment);
  w.member("quantity", line.quantity).member("sku", line.sku).member("to_pay", line.toPay);
  w.member("unit_price", line.unitPrice).endObject();
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

void writeApplied(JsonWriter& w, const engine::AppliedRedeemable& applied) {
  w.beginObject().member("campaign", applied.campaignId).member("code", applied.code);
  w.member("discount", applied.discount).member("kind", enumName(applied.kind, kRedeemableKinds));
  w.key("lots_used").array(applied.lotsUsed, writeLotUse);
  w.member("name", applied.name);
  w.key("pieces").array(applied.pieces, writeLinePiece);
  w.member("points_cost", applied.pointsCost).member("points_currency", applied.pointsCurrency);
  w.member("redeemable", applied.redeemableId).member("reinstate_on_return", applied.reinstateOnReturn);
  w.member("single_use", applied.singleUse).member("units_rewarded", applied.unitsRewarded);
  w.key("valid_until");
  writeOptionalDate(w, applied.validUntil);
  w.endObject();
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

void writeRejection(JsonWriter& w, const engine::Rejection& rejection) {
  w.beginObject().member("message", rejection.message).member("name", rejection.name);
  w.member("reason", engine::toString(rejection.reason)).member("redeemable", rejection.redeemableId);
  w.member("requested", rejection.requested).member("subject", rejection.subject).endObject();
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

void writeBurn(JsonWriter& w, const engine::BurnResult& burn) {
  w.beginObject().member("applied", burn.applied).member("currency", burn.currency);
  w.key("lots_used").array(burn.lotsUsed, writeLotUse);
  w.member("message", burn.message);
  w.key("pieces").array(burn.pieces, writeLinePiece);
  w.member("points", burn.points).key("refusal");
  if (burn.refusal) {
    w.value(engine::toString(*burn.refusal));
  } else {
    w.null();
  }
  w.member("value", burn.value).endObject();
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

void writeEarned(JsonWriter& w, const engine::EarnedRule& earned) {
  w.beginObject().member("campaign", earned.campaignId).member("counted_net", earned.countedNet);
  w.member("currency", earned.currency).member("kind", enumName(earned.kind, kEarnKinds));
  w.key("lines").array(earned.lines, writeLinePiece);
  w.member("name", earned.name).member("points", earned.points).member("rule", earned.ruleId);
  w.member("uncapped", earned.uncapped).endObject();
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

void writeBalance(JsonWriter& w, const engine::CurrencyBalance& balance) {
  w.beginObject().member("after", balance.after).member("before", balance.before);
  w.member("currency", balance.currency).member("earned", balance.earned).member("spent", balance.spent);
  w.endObject();
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

void writeNotice(JsonWriter& w, const engine::Notice& notice) {
  w.beginObject().member("message", notice.message).member("reason", engine::toString(notice.reason)).endObject();
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

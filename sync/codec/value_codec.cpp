#include "codec/value_codec.h"

#include "codec/enum_names.h"
#include "codec/time_text.h"
#include "engine/money.h"

namespace loyalty::codec {
namespace {

IntRange pointsRange(Strictness strictness) {
  return strictness == Strictness::input ? IntRange{1, engine::kMaxAmount} : kAnyInt;
}

IntRange countRange(Strictness strictness) {
  return strictness == Strictness::input ? IntRange{0, engine::kMaxAmount} : kAnyInt;
}

}  // namespace

Json dateToJson(const engine::LocalDate& date) { return engine::formatDate(date); }

Json optionalDateToJson(const std::optional<engine::LocalDate>& date) {
  return date ? dateToJson(*date) : Json(nullptr);
}

void writeOptionalDate(JsonWriter& w, const std::optional<engine::LocalDate>& date) {
  if (date) {
    w.value(engine::formatDate(*date));
  } else {
    w.null();
  }
}

std::optional<engine::LocalDate> optionalDate(ObjectReader& reader, std::string_view key) {
  const std::optional<std::string> text = reader.optionalString(key);
  if (!text) return std::nullopt;
  std::optional<engine::LocalDate> date = parseDate(*text);
  if (!date) {
    reader.issues().add(reader.pointerOf(key), "invalid_date", "\"" + *text + "\" is not a date \"YYYY-MM-DD\".");
  }
  return date;
}

engine::LocalDate requiredDate(ObjectReader& reader, std::string_view key) {
  if (!reader.has(key)) {
    (void)reader.required(key);  // reports the missing field
    return {};
  }
  return optionalDate(reader, key).value_or(engine::LocalDate{});
}

Json lotToJson(const engine::Lot& lot) {
  return Json{{"id", lot.id},
              {"currency", lot.currency},
              {"points", lot.points},
              {"earned_on", dateToJson(lot.earnedOn)},
              {"expires_on", optionalDateToJson(lot.expiresOn)}};
}

engine::Lot readLot(const Json& value, const std::string& pointer, Strictness strictness, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::Lot lot;
  lot.id = reader.requiredString("id");
  lot.currency = reader.requiredString("currency");
  lot.points = reader.requiredInt("points", pointsRange(strictness));
  lot.earnedOn = requiredDate(reader, "earned_on");
  lot.expiresOn = optionalDate(reader, "expires_on");
  if (lot.expiresOn && *lot.expiresOn < lot.earnedOn && strictness == Strictness::input) {
    issues.add(reader.pointerOf("expires_on"), "invalid_range", "a lot cannot expire before it was earned.");
  }
  reader.finish();
  return lot;
}

Json deficitToJson(const engine::Deficit& deficit) {
  return Json{{"currency", deficit.currency}, {"points", deficit.points}};
}

engine::Deficit readDeficit(const Json& value, const std::string& pointer, Strictness strictness, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::Deficit deficit;
  deficit.currency = reader.requiredString("currency");
  deficit.points = reader.requiredInt("points", pointsRange(strictness));
  reader.finish();
  return deficit;
}

Json ruleUsageToJson(const engine::RuleUsage& usage) {
  return Json{{"rule", usage.ruleId},
              {"period", enumName(usage.period, kPeriods)},
              {"period_start", dateToJson(usage.periodStart)},
              {"points", usage.points}};
}

engine::RuleUsage readRuleUsage(const Json& value, const std::string& pointer, Strictness strictness,
                                Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::RuleUsage usage;
  usage.ruleId = reader.requiredString("rule");
  usage.period = reader.requiredEnum("period", kPeriods, engine::Period::day);
  // Lifetime counters have no period start; it may be left out of input documents.
  if (usage.period == engine::Period::lifetime && !reader.has("period_start")) {
    (void)reader.optional("period_start");
    usage.periodStart = engine::LocalDate{1, 1, 1};
  } else {
    usage.periodStart = requiredDate(reader, "period_start");
  }
  usage.points = reader.requiredInt("points", countRange(strictness));
  reader.finish();
  return usage;
}

Json campaignUsageToJson(const engine::CampaignUsage& usage) {
  return Json{{"campaign", usage.campaignId},
              {"redemptions", usage.redemptions},
              {"discount_total", usage.discountTotal},
              {"order_value_total", usage.orderValueTotal}};
}

engine::CampaignUsage readCampaignUsage(const Json& value, const std::string& pointer, Strictness strictness,
                                        Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::CampaignUsage usage;
  usage.campaignId = reader.requiredString("campaign");
  const IntRange range = countRange(strictness);
  if (strictness == Strictness::input) {
    usage.redemptions = reader.integer("redemptions", range, 0);
    usage.discountTotal = reader.integer("discount_total", range, 0);
    usage.orderValueTotal = reader.integer("order_value_total", range, 0);
  } else {
    usage.redemptions = reader.requiredInt("redemptions", range);
    usage.discountTotal = reader.requiredInt("discount_total", range);
    usage.orderValueTotal = reader.requiredInt("order_value_total", range);
  }
  reader.finish();
  return usage;
}

void writeLinePiece(JsonWriter& w, const engine::LinePiece& piece) {
  w.beginObject().member("amount", piece.amount).member("line", piece.lineNo).endObject();
}

engine::LinePiece readLinePiece(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::LinePiece piece;
  piece.lineNo = reader.requiredInt("line", kAnyInt);
  piece.amount = reader.requiredInt("amount", kAnyInt);
  reader.finish();
  return piece;
}

void writeLotUse(JsonWriter& w, const engine::LotUse& use) {
  w.beginObject().member("currency", use.currency).member("earned_on", engine::formatDate(use.earnedOn));
  w.key("expires_on");
  writeOptionalDate(w, use.expiresOn);
  w.member("lot", use.lotId).member("points", use.points).endObject();
}

engine::LotUse readLotUse(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::LotUse use;
  use.lotId = reader.requiredString("lot", true);
  use.currency = reader.requiredString("currency", true);
  use.points = reader.requiredInt("points", kAnyInt);
  use.earnedOn = requiredDate(reader, "earned_on");
  use.expiresOn = optionalDate(reader, "expires_on");
  reader.finish();
  return use;
}

// The streaming twins of lotToJson, deficitToJson, ruleUsageToJson and
// campaignUsageToJson: the quote result and the ledger payload write these on every sale
// (value_codec_test checks that each prints what its twin's dump() prints).
void writeLot(JsonWriter& w, const engine::Lot& lot) {
  w.beginObject().member("currency", lot.currency).member("earned_on", engine::formatDate(lot.earnedOn));
  w.key("expires_on");
  writeOptionalDate(w, lot.expiresOn);
  w.member("id", lot.id).member("points", lot.points).endObject();
}

void writeDeficit(JsonWriter& w, const engine::Deficit& deficit) {
  w.beginObject().member("currency", deficit.currency).member("points", deficit.points).endObject();
}

void writeRuleUsage(JsonWriter& w, const engine::RuleUsage& usage) {
  w.beginObject().member("period", enumName(usage.period, kPeriods));
  w.member("period_start", engine::formatDate(usage.periodStart)).member("points", usage.points);
  w.member("rule", usage.ruleId).endObject();
}

void writeCampaignUsage(JsonWriter& w, const engine::CampaignUsage& usage) {
  w.beginObject().member("campaign", usage.campaignId).member("discount_total", usage.discountTotal);
  w.member("order_value_total", usage.orderValueTotal).member("redemptions", usage.redemptions).endObject();
}

}  // namespace loyalty::codec

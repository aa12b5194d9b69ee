#include "codec/bundle_rules_parser.h"

#include <initializer_list>

#include "codec/bundle_conditions_parser.h"
#include "codec/decimal_text.h"
#include "codec/enum_names.h"
#include "engine/money.h"

namespace loyalty::codec {
namespace {

using engine::EarnKind;
using engine::EffectKind;
using engine::RedeemableKind;

constexpr IntRange kAmount{0, engine::kMaxAmount};
constexpr IntRange kPositiveAmount{1, engine::kMaxAmount};
constexpr IntRange kUnits{1, engine::kMaxQuantity};
constexpr IntRange kPriority{-1'000'000, 1'000'000};

// Reports each of `keys` that is present although it means nothing here.
void refuseFields(ObjectReader& reader, std::initializer_list<std::string_view> keys, const std::string& why) {
  for (const std::string_view key : keys) {
    if (reader.has(key)) {
      (void)reader.optional(key);
      reader.issues().add(reader.pointerOf(key), "not_applicable",
                          "\"" + std::string(key) + "\" " + why + ".");
    }
  }
}

// Marks `keys` as known without reading them.
void ignoreFields(ObjectReader& reader, std::initializer_list<std::string_view> keys) {
  for (const std::string_view key : keys) (void)reader.optional(key);
}

template <typename E>
std::optional<E> requiredKind(ObjectReader& reader, EnumNames<E> names) {
  const Json* value = reader.required("kind");
  if (!value) return std::nullopt;
  return readEnum(*value, reader.pointerOf("kind"), names, reader.issues());
}

engine::EarnRate parseRate(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::EarnRate rate;
  rate.points = reader.requiredInt("points", kAmount);
  if (const Json* per = reader.required("per")) {
    if (per->is_number_integer() && per->get<std::int64_t>() == 0) {
      issues.add(reader.pointerOf("per"), "zero_denominator", "a rate per 0 minor units divides by zero.");
    } else {
      rate.per = readInt(*per, reader.pointerOf("per"), kPositiveAmount, issues).value_or(1);
    }
  }
  reader.finish();
  return rate;
}

void requireCurrency(const ProgramScope& scope, const std::string& id, const std::string& pointer,
                     Issues& issues, bool spendable) {
  if (!scope.currencies.require(id, pointer, issues) || !spendable) return;
  const auto it = scope.currencyKinds.find(id);
  if (it != scope.currencyKinds.end() && it->second != engine::CurrencyKind::reward) {
    issues.add(pointer, "not_spendable",
               "\"" + id + "\" is a qualifying currency; only reward currencies can be spent.");
  }
}

}  // namespace

engine::EarningRule parseEarningRule(const Json& value, const std::string& pointer, const ProgramScope& scope,
                                     Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::EarningRule rule;
  rule.id = reader.requiredString("id");
  rule.name = reader.string("name", rule.id);
  rule.campaignId = reader.optionalString("campaign").value_or("");
  scope.campaigns.require(rule.campaignId, reader.pointerOf("campaign"), issues);
  const std::optional<EarnKind> kind = requiredKind(reader, kEarnKinds);
  if (!kind) ignoreFields(reader, {"points", "rate", "multiplier"});
  rule.kind = kind.value_or(EarnKind::base);
  rule.trigger = reader.optionalEnum("trigger", kEarnTriggers).value_or(engine::EarnTrigger::purchase);
  if (rule.trigger == engine::EarnTrigger::event) {
    rule.event = reader.requiredString("event");
  } else {
    refuseFields(reader, {"event"}, "names the event of rules with \"trigger\": \"event\"");
  }
  rule.currency = reader.requiredString("currency");
  requireCurrency(scope, rule.currency, reader.pointerOf("currency"), issues, false);

  if (kind == EarnKind::fixed) {
    rule.fixedPoints = reader.requiredInt("points", kPositiveAmount);
    refuseFields(reader, {"rate", "multiplier"}, "does not apply to fixed rules (they credit \"points\")");
  } else if (kind) {
    if (const Json* rate = reader.optional("rate")) rule.rate = parseRate(*rate, reader.pointerOf("rate"), issues);
    refuseFields(reader, {"points"}, "is for fixed rules; base and multiplier rules earn by \"rate\"");
  }
  if (kind == EarnKind::multiplier) {
    if (const Json* multiplier = reader.required("multiplier")) {
      rule.multiplier = readMultiplier(*multiplier, reader.pointerOf("multiplier"), issues).value_or(rule.multiplier);
    }
  } else if (kind == EarnKind::base) {
    refuseFields(reader, {"multiplier"}, "is only for multiplier rules");
  }
  if (const Json* target = reader.optional("target")) {
    rule.target = parseTarget(*target, reader.pointerOf("target"), issues);
  }
  if (const Json* conditions = reader.optional("conditions")) {
    rule.conditions = parseConditions(*conditions, reader.pointerOf("conditions"), scope, issues);
  }
  if (const Json* capValue = reader.optional("cap")) {
    ObjectReader cap(*capValue, reader.pointerOf("cap"), issues);
    engine::EarnCap earnCap;
    earnCap.maxPoints = cap.requiredInt("points", kPositiveAmount);
    earnCap.period = cap.requiredEnum("period", kPeriods, engine::Period::day);
    cap.finish();
    rule.cap = earnCap;
  }
  reader.finish();
  return rule;
}

engine::Effect parseEffect(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::Effect effect;
  const std::optional<EffectKind> parsedKind = requiredKind(reader, kEffectKinds);
  if (!parsedKind) {
    // Which fields belong depends on the kind: without one, only the kind is reported.
    ignoreFields(reader, {"percent", "amount", "price", "per_unit", "target", "buy", "get", "get_target",
                          "max_groups", "cheapest_units", "max_discount"});
    return effect;
  }
  effect.kind = *parsedKind;
  const EffectKind kind = effect.kind;
  const bool bxgy = kind == EffectKind::buy_x_get_y;

  if (kind == EffectKind::percent_off) {
    if (const Json* percent = reader.required("percent")) {
      const auto basisPoints = readPercent(*percent, reader.pointerOf("percent"), issues);
      if (basisPoints && *basisPoints == 0) {
        issues.add(reader.pointerOf("percent"), "out_of_range", "a discount of 0 percent takes nothing off.");
      }
      effect.percentBp = basisPoints.value_or(0);
    }
  } else if (bxgy) {
    effect.percentBp = engine::kFullBasisPoints;  // the "get" units are free unless said otherwise
    if (const Json* percent = reader.optional("percent")) {
      effect.percentBp = readPercent(*percent, reader.pointerOf("percent"), issues).value_or(effect.percentBp);
    }
  } else {
    refuseFields(reader, {"percent"}, "is only for percent_off and buy_x_get_y effects");
  }

  if (kind == EffectKind::amount_off) {
    effect.amount = reader.requiredInt("amount", kPositiveAmount);
  } else {
    refuseFields(reader, {"amount"}, "is only for amount_off effects");
  }
  if (kind == EffectKind::fixed_price) {
    effect.amount = reader.requiredInt("price", kAmount);
  } else {
    refuseFields(reader, {"price"}, "is only for fixed_price effects");
  }
  if (kind == EffectKind::amount_off || kind == EffectKind::fixed_price) {
    effect.perUnit = reader.boolean("per_unit", false);
  } else {
    refuseFields(reader, {"per_unit"}, "is only for amount_off and fixed_price effects");
  }

  if (const Json* target = reader.optional("target")) {
    effect.target = parseTarget(*target, reader.pointerOf("target"), issues);
  }
  if (bxgy) {
    effect.buyQuantity = reader.requiredInt("buy", kUnits);
    effect.getQuantity = reader.requiredInt("get", kUnits);
    if (const Json* getTarget = reader.optional("get_target")) {
      effect.getTarget = parseTarget(*getTarget, reader.pointerOf("get_target"), issues);
    }
    effect.maxGroups = reader.integer("max_groups", kUnits, 0);
    refuseFields(reader, {"cheapest_units"}, "does not apply to buy_x_get_y (its cheapest units are the free ones)");
  } else {
    effect.cheapestUnits = reader.integer("cheapest_units", kUnits, kind == EffectKind::free_item ? 1 : 0);
    refuseFields(reader, {"buy", "get", "get_target", "max_groups"}, "is only for buy_x_get_y effects");
  }
  effect.maxDiscount = reader.optionalInt("max_discount", kPositiveAmount);
  reader.finish();
  return effect;
}

engine::Redeemable parseRedeemable(const Json& value, const std::string& pointer, const ProgramScope& scope,
                                   Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::Redeemable redeemable;
  redeemable.id = reader.requiredString("id");
  redeemable.name = reader.requiredString("name");
  const std::optional<RedeemableKind> kind = requiredKind(reader, kRedeemableKinds);
  if (!kind) ignoreFields(reader, {"automatic", "reinstate_on_return", "points_currency", "points_cost"});
  redeemable.kind = kind.value_or(RedeemableKind::promotion);
  redeemable.campaignId = reader.optionalString("campaign").value_or("");
  scope.campaigns.require(redeemable.campaignId, reader.pointerOf("campaign"), issues);
  if (kind == RedeemableKind::promotion) {
    redeemable.automatic = reader.boolean("automatic", false);
  } else if (kind) {
    refuseFields(reader, {"automatic"}, "is only for promotions (vouchers need a code, rewards are asked for)");
  }
  redeemable.membersOnly = reader.boolean("members_only", redeemable.kind == RedeemableKind::reward);
  redeemable.priority = static_cast<int>(reader.integer("priority", kPriority, 0));
  redeemable.stackingCategory = reader.optionalString("stacking_category").value_or("");
  redeemable.exclusive = reader.boolean("exclusive", false);
  redeemable.notCombinableWith = reader.stringList("not_combinable_with");
  if (const Json* effect = reader.required("effect")) {
    redeemable.effect = parseEffect(*effect, reader.pointerOf("effect"), issues);
  }
  if (const Json* conditions = reader.optional("conditions")) {
    redeemable.conditions = parseConditions(*conditions, reader.pointerOf("conditions"), scope, issues);
  }
  if (const Json* limitsValue = reader.optional("limits")) {
    ObjectReader limits(*limitsValue, reader.pointerOf("limits"), issues);
    redeemable.limits.perMemberTotal = limits.optionalInt("per_member_total", kUnits);
    redeemable.limits.perMemberPerPeriod = limits.optionalInt("per_member_per_period", kUnits);
    if (redeemable.limits.perMemberPerPeriod) {
      redeemable.limits.period = limits.requiredEnum("period", kPeriods, engine::Period::day);
    } else {
      refuseFields(limits, {"period"}, "is the period of \"per_member_per_period\"");
    }
    limits.finish();
  }
  if (kind == RedeemableKind::voucher) {
    redeemable.reinstateOnReturn = reader.boolean("reinstate_on_return", true);
  } else if (kind) {
    refuseFields(reader, {"reinstate_on_return"}, "is only for vouchers");
  }
  if (kind == RedeemableKind::reward) {
    redeemable.pointsCurrency = reader.requiredString("points_currency");
    requireCurrency(scope, redeemable.pointsCurrency, reader.pointerOf("points_currency"), issues, true);
    redeemable.pointsCost = reader.requiredInt("points_cost", kPositiveAmount);
  } else if (kind) {
    refuseFields(reader, {"points_currency", "points_cost"}, "is only for reward items");
  }
  reader.finish();
  return redeemable;
}

}  // namespace loyalty::codec

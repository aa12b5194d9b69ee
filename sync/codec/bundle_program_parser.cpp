#include "codec/bundle_program_parser.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "codec/bundle_rules_parser.h"
#include "codec/decimal_text.h"
#include "codec/enum_names.h"
#include "codec/time_text.h"
#include "engine/money.h"

namespace loyalty::codec {
namespace {

using engine::CurrencyKind;
using engine::ExpiryKind;

constexpr IntRange kAmount{0, engine::kMaxAmount};
constexpr IntRange kPositiveAmount{1, engine::kMaxAmount};
constexpr IntRange kMonths{1, 1200};

// `count` upper-case ASCII letters (ISO 3166 country, ISO 4217 currency).
std::string requiredCode(ObjectReader& reader, std::string_view key, std::size_t count, std::string_view what) {
  std::string text = reader.requiredString(key);
  const bool ok = text.size() == count && std::all_of(text.begin(), text.end(), [](char c) {
                    return c >= 'A' && c <= 'Z';
                  });
  if (!text.empty() && !ok) {
    reader.issues().add(reader.pointerOf(key), "invalid_value",
                        "\"" + text + "\" is not " + std::string(what) + " (" + std::to_string(count) +
                            " upper-case letters).");
  }
  return text;
}

engine::ExpiryPolicy parseExpiry(const Json& value, const std::string& pointer, const ProgramScope& scope,
                                 Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::ExpiryPolicy expiry;
  expiry.kind = reader.requiredEnum("kind", kExpiryKinds, ExpiryKind::never);
  if (expiry.kind == ExpiryKind::months_after) {
    expiry.months = static_cast<int>(reader.requiredInt("months", kMonths));
  } else if (expiry.kind == ExpiryKind::end_of_quarter) {
    expiry.months = static_cast<int>(reader.integer("months", IntRange{0, 1200}, 0));
  }
  if (expiry.kind == ExpiryKind::never) {
    for (const std::string_view key : {"months", "extensions"}) {
      if (!reader.has(key)) continue;
      (void)reader.optional(key);
      issues.add(reader.pointerOf(key), "not_applicable", "points that never expire have no \"" +
                                                             std::string(key) + "\".");
    }
  }
  reader.forEach("extensions", false, [&](const Json& item, const std::string& itemPointer, std::size_t) {
    ObjectReader extension(item, itemPointer, issues);
    engine::ExpiryExtension ext;
    ext.tier = extension.optionalString("tier").value_or("");
    scope.tiers.require(ext.tier, extension.pointerOf("tier"), issues);
    ext.segment = extension.optionalString("segment").value_or("");
    ext.extraMonths = static_cast<int>(extension.requiredInt("extra_months", kMonths));
    if (extension.valid() && !extension.has("tier") && !extension.has("segment")) {
      issues.add(itemPointer, "missing_field", "an extension names a \"tier\" or a \"segment\" (or both).");
    }
    extension.finish();
    expiry.extensions.push_back(std::move(ext));
  });
  reader.finish();
  return expiry;
}

void parseCurrencies(ObjectReader& reader, engine::Program& program, ProgramScope& scope) {
  Issues& issues = reader.issues();
  reader.forEach("point_currencies", true, [&](const Json& item, const std::string& pointer, std::size_t) {
    ObjectReader entry(item, pointer, issues);
    engine::PointCurrency currency;
    currency.id = entry.requiredString("id");
    currency.kind = entry.requiredEnum("kind", kCurrencyKinds, CurrencyKind::reward);
    scope.currencies.define(currency.id, pointer, issues);
    scope.currencyKinds.emplace(currency.id, currency.kind);
    // Expiry extensions name tiers, so they are read once the tiers are known (below).
    (void)entry.optional("expiry");
    entry.finish();
    program.pointCurrencies.push_back(std::move(currency));
  });
  if (const Json* list = reader.optional("point_currencies"); list && list->is_array() && list->empty()) {
    issues.add(reader.pointerOf("point_currencies"), "invalid_value", "a program needs at least one point currency.");
  }
}

void parseTiers(ObjectReader& reader, engine::Program& program, ProgramScope& scope) {
  Issues& issues = reader.issues();
  reader.forEach("tiers", false, [&](const Json& item, const std::string& pointer, std::size_t index) {
    ObjectReader entry(item, pointer, issues);
    engine::Tier tier;
    tier.id = entry.requiredString("id");
    tier.name = entry.string("name", tier.id);
    tier.threshold = entry.requiredInt("threshold", kAmount);
    if (const Json* rate = entry.required("earn_rate")) {
      ObjectReader rateReader(*rate, entry.pointerOf("earn_rate"), issues);
      tier.baseRate.points = rateReader.requiredInt("points", kAmount);
      if (const Json* per = rateReader.required("per")) {
        if (per->is_number_integer() && *per == 0) {
          issues.add(rateReader.pointerOf("per"), "zero_denominator", "a rate per 0 minor units divides by zero.");
        } else {
          tier.baseRate.per = readInt(*per, rateReader.pointerOf("per"), kPositiveAmount, issues).value_or(1);
        }
      }
      rateReader.finish();
    }
    if (index > 0 && !program.tiers.empty() && entry.has("threshold") &&
        tier.threshold <= program.tiers.back().threshold) {
      issues.add(entry.pointerOf("threshold"), "not_increasing",
                 "threshold " + std::to_string(tier.threshold) + " must be above the previous tier's (" +
                     std::to_string(program.tiers.back().threshold) +
                     "); list tiers from lowest to highest without overlaps.");
    }
    scope.tiers.define(tier.id, pointer, issues);
    entry.finish();
    program.tiers.push_back(std::move(tier));
  });
}

std::optional<engine::BurnPolicy> parseBurn(ObjectReader& reader, const ProgramScope& scope) {
  const Json* value = reader.optional("burn");
  if (!value) return std::nullopt;
  Issues& issues = reader.issues();
  ObjectReader burn(*value, reader.pointerOf("burn"), issues);
  engine::BurnPolicy policy;
  policy.currency = burn.requiredString("currency");
  if (scope.currencies.require(policy.currency, burn.pointerOf("currency"), issues)) {
    const auto it = scope.currencyKinds.find(policy.currency);
    if (it != scope.currencyKinds.end() && it->second != CurrencyKind::reward) {
      issues.add(burn.pointerOf("currency"), "not_spendable", "qualifying points are never spent.");
    }
  }
  policy.points = burn.requiredInt("points", kPositiveAmount);
  policy.value = burn.requiredInt("value", kPositiveAmount);
  policy.minPoints = burn.integer("min_points", kAmount, 0);
  policy.step = burn.integer("step", kPositiveAmount, 1);
  policy.maxPoints = burn.optionalInt("max_points", kPositiveAmount);
  if (policy.maxPoints && *policy.maxPoints < policy.minPoints) {
    issues.add(burn.pointerOf("max_points"), "invalid_range", "max_points is below min_points.");
  }
  if (const Json* share = burn.optional("max_share")) {
    const auto basisPoints = readPercent(*share, burn.pointerOf("max_share"), issues);
    if (basisPoints && *basisPoints == 0) {
      issues.add(burn.pointerOf("max_share"), "out_of_range", "a share of 0 percent forbids every burn.");
    }
    policy.maxShareBp = basisPoints.value_or(policy.maxShareBp);
  }
  burn.finish();
  return policy;
}

void parseCampaigns(ObjectReader& reader, engine::Program& program, ProgramScope& scope) {
  Issues& issues = reader.issues();
  reader.forEach("campaigns", false, [&](const Json& item, const std::string& pointer, std::size_t) {
    ObjectReader entry(item, pointer, issues);
    engine::Campaign campaign;
    campaign.id = entry.requiredString("id");
    campaign.name = entry.string("name", campaign.id);
    campaign.disabled = entry.boolean("disabled", false);
    if (const Json* limitsValue = entry.optional("limits")) {
      ObjectReader limits(*limitsValue, entry.pointerOf("limits"), issues);
      campaign.limits.maxRedemptions = limits.optionalInt("max_redemptions", IntRange{1, engine::kMaxAmount});
      campaign.limits.maxDiscountTotal = limits.optionalInt("max_discount_total", kPositiveAmount);
      campaign.limits.maxOrderValue = limits.optionalInt("max_order_value", kPositiveAmount);
      limits.finish();
    }
    scope.campaigns.define(campaign.id, pointer, issues);
    entry.finish();
    program.campaigns.push_back(std::move(campaign));
  });
}

// not_combinable_with names stacking categories or redeemable ids of the program.
void checkStackingReferences(const engine::Program& program, const std::string& pointer, Issues& issues) {
  std::set<std::string, std::less<>> names;
  for (const auto& r : program.redeemables) {
    names.insert(r.id);
    if (!r.stackingCategory.empty()) names.insert(r.stackingCategory);
  }
  for (std::size_t i = 0; i < program.redeemables.size(); ++i) {
    const auto& list = program.redeemables[i].notCombinableWith;
    for (std::size_t j = 0; j < list.size(); ++j) {
      if (names.count(list[j]) != 0) continue;
      issues.add(pointer + "/redeemables/" + std::to_string(i) + "/not_combinable_with/" + std::to_string(j),
                 "unknown_reference",
                 "\"" + list[j] + "\" is neither a stacking category nor a redeemable of this program.");
    }
  }
}

}  // namespace

engine::VoucherCode parseVoucherCode(ObjectReader& reader) {
  engine::VoucherCode voucher;
  voucher.code = reader.requiredString("code");
  voucher.redeemableId = reader.requiredString("redeemable");
  voucher.singleUse = reader.boolean("single_use", false);
  voucher.memberId = reader.string("member");
  for (const auto& [key, field] : {std::pair{"valid_from", &voucher.validFrom}, std::pair{"valid_until", &voucher.validUntil}}) {
    const std::optional<std::string> text = reader.optionalString(key);
    if (!text) continue;
    *field = parseDate(*text);
    if (!*field) {
      reader.issues().add(reader.pointerOf(key), "invalid_date", "\"" + *text + "\" is not a date \"YYYY-MM-DD\".");
    }
  }
  if (voucher.validFrom && voucher.validUntil && *voucher.validUntil < *voucher.validFrom) {
    reader.issues().add(reader.pointerOf("valid_until"), "invalid_range", "valid_until is before valid_from.");
  }
  return voucher;
}

engine::Program parseProgram(const Json& value, const std::string& pointer, const BundleScope& bundleScope,
                             Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::Program program;
  ProgramScope scope;
  scope.bundle = &bundleScope;
  program.id = reader.requiredString("id");
  program.name = reader.string("name", program.id);
  program.brand = reader.requiredString("brand");
  program.country = requiredCode(reader, "country", 2, "an ISO 3166 country code");
  program.currency = requiredCode(reader, "currency", 3, "an ISO 4217 currency code");

  parseCurrencies(reader, program, scope);
  parseTiers(reader, program, scope);
  // Now that tiers are known, read each currency's expiry (extensions may name tiers).
  if (const Json* list = reader.optional("point_currencies"); list && list->is_array()) {
    for (std::size_t i = 0; i < list->size() && i < program.pointCurrencies.size(); ++i) {
      const Json& item = (*list)[i];
      const auto expiry = item.is_object() ? item.find("expiry") : item.end();
      if (item.is_object() && expiry != item.end() && !expiry->is_null()) {
        const std::string expiryPointer = childPointer(childPointer(reader.pointerOf("point_currencies"), i), "expiry");
        program.pointCurrencies[i].expiry = parseExpiry(*expiry, expiryPointer, scope, issues);
      }
    }
  }
  if (const std::optional<std::string> qualifying = reader.optionalString("qualifying_currency")) {
    program.qualifyingCurrency = *qualifying;
    if (scope.currencies.require(*qualifying, reader.pointerOf("qualifying_currency"), issues) &&
        scope.currencyKinds[*qualifying] != CurrencyKind::qualifying) {
      issues.add(reader.pointerOf("qualifying_currency"), "invalid_value",
                 "\"" + *qualifying + "\" is a reward currency, not a qualifying one.");
    }
  } else {
    // Default: the program's only qualifying currency.
    std::vector<std::string> qualifyingIds;
    for (const auto& c : program.pointCurrencies) {
      if (c.kind == CurrencyKind::qualifying) qualifyingIds.push_back(c.id);
    }
    if (qualifyingIds.size() == 1) program.qualifyingCurrency = qualifyingIds.front();
    if (qualifyingIds.size() > 1) {
      issues.add(reader.pointerOf("qualifying_currency"), "missing_field",
                 "the program has several qualifying currencies; name the one tiers count.");
    }
  }
  program.excludedCategories = reader.stringList("excluded_categories");
  program.burn = parseBurn(reader, scope);
  parseCampaigns(reader, program, scope);

  IdSet ruleIds("earning rule");
  reader.forEach("earning_rules", false, [&](const Json& item, const std::string& itemPointer, std::size_t) {
    program.earningRules.push_back(parseEarningRule(item, itemPointer, scope, issues));
    ruleIds.define(program.earningRules.back().id, itemPointer, issues);
  });
  IdSet redeemableIds("redeemable");
  reader.forEach("redeemables", false, [&](const Json& item, const std::string& itemPointer, std::size_t) {
    program.redeemables.push_back(parseRedeemable(item, itemPointer, scope, issues));
    redeemableIds.define(program.redeemables.back().id, itemPointer, issues);
  });
  checkStackingReferences(program, pointer, issues);

  IdSet codes("voucher code");
  reader.forEach("voucher_codes", false, [&](const Json& item, const std::string& itemPointer, std::size_t) {
    ObjectReader entry(item, itemPointer, issues);
    engine::VoucherCode voucher = parseVoucherCode(entry);
    entry.finish();
    codes.define(voucher.code, itemPointer, issues);
    if (redeemableIds.require(voucher.redeemableId, entry.pointerOf("redeemable"), issues)) {
      const auto it = std::find_if(program.redeemables.begin(), program.redeemables.end(),
                                   [&](const engine::Redeemable& r) { return r.id == voucher.redeemableId; });
      if (it != program.redeemables.end() &&
          (it->kind == engine::RedeemableKind::reward || it->automatic)) {
        issues.add(entry.pointerOf("redeemable"), "invalid_reference",
                   "codes are for vouchers and non-automatic promotions; \"" + voucher.redeemableId +
                       "\" is " + (it->automatic ? "an automatic promotion." : "a reward item (asked for by id)."));
      }
    }
    program.voucherCodes.push_back(std::move(voucher));
  });
  reader.finish();
  return program;
}

}  // namespace loyalty::codec

#include "random_bundle.h"

#include <algorithm>
#include <string>

namespace loyalty::testing {
namespace {
using namespace engine;

std::string sku(std::int64_t i) { return "sku" + std::to_string(i); }
std::string category(std::int64_t i) { return "cat" + std::to_string(i); }

// Every SKU has fixed categories so that baskets and rules agree.
std::vector<std::string> categoriesOf(std::int64_t skuIndex, int categoryCount) {
  std::vector<std::string> out{category(skuIndex % categoryCount)};
  if (skuIndex % 3 == 0) out.push_back(category((skuIndex / 3) % categoryCount));
  if (skuIndex % 11 == 5) out.push_back("tobacco");
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

QuoteTime RandomInputs::time() {
  QuoteTime t;
  t.localDate = LocalDate{2026, static_cast<int>(between(1, 12)), static_cast<int>(between(1, 28))};
  t.localSecondOfDay = static_cast<int>(between(0, 86399));
  t.epochSeconds = daysFromCivil(t.localDate) * 86400 + t.localSecondOfDay - 3600;
  return t;
}

Target RandomInputs::target(const RandomBundleShape& shape) {
  Target t;
  const auto kind = between(1, 100);
  if (kind <= shape.categoryTargetPercent) {
    t.categories.push_back(category(between(0, shape.categories - 1)));
  } else if (kind <= 100 - shape.basketTargetPercent) {
    const auto n = between(1, 3);
    for (std::int64_t i = 0; i < n; ++i) t.skus.push_back(sku(between(0, shape.skus - 1)));
  }
  if (chance(15)) t.excludeCategories.push_back(category(between(0, shape.categories - 1)));
  if (chance(10)) t.excludeSkus.push_back(sku(between(0, shape.skus - 1)));
  return t;
}

Conditions RandomInputs::conditions(const RandomBundleShape& shape, bool forEarning) {
  Conditions c;
  if (!shape.allLive && chance(25)) {
    Schedule s;
    if (chance(50)) s.daysOfWeek = static_cast<std::uint8_t>(between(1, 127));
    if (chance(50)) s.windows.push_back(TimeWindow{static_cast<int>(between(0, 12)) * 3600,
                                                   static_cast<int>(between(12, 24)) * 3600});
    if (chance(20)) s.endDate = LocalDate{2026, static_cast<int>(between(1, 12)), 15};
    c.schedule = s;
  }
  if (!shape.allLive && chance(15)) c.tiers = {chance(50) ? "gold" : "silver", "gold"};
  if (!shape.allLive && chance(10)) c.segments = {"vip"};
  if (chance(20)) c.minAmount = between(0, 8000);
  if (chance(10)) c.minQuantity = between(1, 4);
  if (!forEarning && chance(5)) c.requiredSkus.push_back(sku(between(0, shape.skus - 1)));
  return c;
}

Effect RandomInputs::effect(const RandomBundleShape& shape) {
  Effect e;
  e.target = target(shape);
  switch (between(0, 5)) {
    case 0: e.kind = EffectKind::percent_off; e.percentBp = between(1, 60) * 100 + between(0, 1) * 50; break;
    case 1: e.kind = EffectKind::amount_off; e.amount = between(1, 3000); e.perUnit = chance(30); break;
    case 2: e.kind = EffectKind::fixed_price; e.amount = between(0, 2000); e.perUnit = chance(50); break;
    case 3: e.kind = EffectKind::free_item; e.cheapestUnits = between(1, 2); break;
    case 4:
      e.kind = EffectKind::buy_x_get_y;
      e.buyQuantity = between(1, 3);
      e.getQuantity = between(1, 2);
      e.percentBp = chance(70) ? kFullBasisPoints : between(10, 90) * 100;
      if (chance(30)) e.getTarget = target(shape);
      if (chance(30)) e.maxGroups = between(1, 3);
      break;
    default: e.kind = EffectKind::percent_off; e.percentBp = between(5, 30) * 100; e.cheapestUnits = between(1, 3); break;
  }
  if (chance(25)) e.maxDiscount = between(1, 2500);
  return e;
}

Bundle RandomInputs::bundle(const RandomBundleShape& shape) {
  Bundle b;
  b.version = between(1, 1000);
  b.hash = "test-" + std::to_string(b.version);
  Program p;
  p.id = "p";
  p.currency = "EUR";
  PointCurrency reward{"reward", CurrencyKind::reward, ExpiryPolicy{ExpiryKind::months_after, 12, {{"", "vip", 12}}}};
  PointCurrency qualifying{"qualifying", CurrencyKind::qualifying, ExpiryPolicy{}};
  p.pointCurrencies = {reward, qualifying};
  p.qualifyingCurrency = "qualifying";
  p.tiers = {Tier{"basic", "Basic", 0, EarnRate{1, 100}}, Tier{"silver", "Silver", 1000, EarnRate{3, 200}},
             Tier{"gold", "Gold", 5000, EarnRate{2, 100}}};
  p.excludedCategories = {"tobacco"};
  BurnPolicy burn;
  burn.currency = "reward";
  burn.points = chance(50) ? 100 : 3;
  burn.value = chance(50) ? 100 : 2;
  burn.minPoints = between(0, 300);
  burn.step = chance(50) ? 1 : between(2, 50);
  if (chance(60)) burn.maxPoints = between(500, 20000);
  burn.maxShareBp = chance(50) ? kFullBasisPoints : between(1, 99) * 100;
  p.burn = burn;

  for (int i = 0; i < 4; ++i) {
    Campaign c;
    c.id = "camp" + std::to_string(i);
    c.disabled = !shape.allLive && chance(5);
    if (chance(40)) c.limits.maxDiscountTotal = between(0, 5000);
    if (chance(30)) c.limits.maxRedemptions = between(0, 5);
    if (chance(10)) c.limits.maxOrderValue = between(0, 100000);
    p.campaigns.push_back(c);
  }

  EarningRule base;
  base.id = "base";
  base.currency = "reward";
  p.earningRules.push_back(base);
  EarningRule q = base;
  q.id = "base-q";
  q.currency = "qualifying";
  q.rate = EarnRate{1, 100};
  p.earningRules.push_back(q);
  for (int i = 0; i < shape.earningRules; ++i) {
    EarningRule r;
    r.id = "earn" + std::to_string(i);
    r.currency = chance(85) ? "reward" : "qualifying";
    const auto kind = between(0, 2);
    r.kind = kind == 0 ? EarnKind::multiplier : kind == 1 ? EarnKind::fixed : EarnKind::base;
    r.multiplier = Multiplier{between(2, 6), chance(50) ? 1 : 2};
    if (r.multiplier.num <= r.multiplier.den) r.multiplier.num = r.multiplier.den + 1;
    if (r.kind == EarnKind::base) r.rate = EarnRate{between(1, 5), between(1, 4) * 100};
    r.fixedPoints = between(1, 200);
    r.target = target(shape);
    r.conditions = conditions(shape, true);
    if (chance(20)) r.campaignId = "camp" + std::to_string(between(0, 3));
    if (chance(25)) r.cap = EarnCap{between(0, 300), static_cast<Period>(between(0, 3))};
    p.earningRules.push_back(r);
  }
  const std::vector<std::string> stackCategories{"general", "member", "item", ""};
  for (int i = 0; i < shape.redeemables; ++i) {
    Redeemable r;
    r.id = "red" + std::to_string(i);
    r.name = "Offer " + std::to_string(i);
    const auto kind = between(0, 9);
    r.kind = kind < 5 ? RedeemableKind::promotion : kind < 8 ? RedeemableKind::voucher : RedeemableKind::reward;
    r.automatic = r.kind == RedeemableKind::promotion && chance(80);
    r.membersOnly = chance(15);
    r.priority = static_cast<int>(between(0, 2));
    r.stackingCategory = stackCategories[static_cast<std::size_t>(between(0, 3))];
    r.exclusive = chance(shape.exclusivePercent);
    if (chance(20)) r.notCombinableWith.push_back(stackCategories[static_cast<std::size_t>(between(0, 2))]);
    if (chance(10)) r.notCombinableWith.push_back("red" + std::to_string(between(0, shape.redeemables - 1)));
    r.effect = effect(shape);
    r.conditions = conditions(shape, false);
    if (chance(30)) r.campaignId = "camp" + std::to_string(between(0, 3));
    if (chance(10)) r.limits.perMemberTotal = between(0, 3);
    if (r.kind == RedeemableKind::reward) {
      r.effect.kind = EffectKind::free_item;
      r.effect.cheapestUnits = 1;
      r.pointsCurrency = "reward";
      r.pointsCost = between(1, 10) * 50;
    }
    if (r.kind != RedeemableKind::reward && !r.automatic) {
      VoucherCode code;
      code.code = "CODE" + std::to_string(i);
      code.redeemableId = r.id;
      code.singleUse = chance(30);
      if (chance(10)) code.validUntil = LocalDate{2026, static_cast<int>(between(1, 12)), 10};
      p.voucherCodes.push_back(code);
    }
    p.redeemables.push_back(r);
  }
  b.programs.push_back(p);
  b.stores.push_back(Store{"s", "Store", "north", "Europe/Berlin", {"p"}, "p"});
  b.stacking.maxPerBasket = static_cast<int>(between(0, 4));
  if (chance(50)) b.stacking.maxPerCategory["member"] = 1;
  b.terminal.offlineBurnLimitPerDay = 2000;
  return b;
}

MemberView RandomInputs::member(const Bundle& bundle, const QuoteTime& t) {
  MemberView m;
  m.id = "m" + std::to_string(between(1, 1000000));
  m.programId = bundle.programs.front().id;
  m.status = chance(90) ? MemberStatus::active : (chance(50) ? MemberStatus::suspended : MemberStatus::closed);
  const std::vector<std::string> tiers{"basic", "silver", "gold"};
  m.tier = tiers[static_cast<std::size_t>(between(0, 2))];
  if (chance(30)) m.segments.push_back("vip");
  const auto lots = between(0, 4);
  for (std::int64_t i = 0; i < lots; ++i) {
    Lot lot;
    lot.id = "lot" + std::to_string(i);
    lot.currency = chance(85) ? "reward" : "qualifying";
    lot.points = between(1, 3000);
    lot.earnedOn = LocalDate{2025, static_cast<int>(between(1, 12)), static_cast<int>(between(1, 28))};
    if (chance(80)) {
      lot.expiresOn = addMonths(t.localDate, static_cast<int>(between(-2, 12)));
    }
    m.lots.push_back(lot);
  }
  if (chance(5)) m.deficits.push_back(Deficit{"reward", between(1, 500)});
  return m;
}

Basket RandomInputs::basket(const RandomBundleShape& bundleShape, const RandomBasketShape& shape) {
  Basket basket;
  basket.storeId = "s";
  const auto lines = between(shape.minLines, shape.maxLines);
  std::int64_t lineNo = between(1, 5);
  for (std::int64_t i = 0; i < lines; ++i) {
    BasketLine line;
    line.lineNo = lineNo;
    lineNo += between(1, 3);
    const auto skuIndex = between(0, bundleShape.skus - 1);
    line.sku = sku(skuIndex);
    line.categories = categoriesOf(skuIndex, bundleShape.categories);
    line.quantity = chance(3) ? between(100, 100000) : between(1, shape.maxQuantity);
    line.unitPrice = chance(5) ? 0 : between(1, shape.maxUnitPrice);
    basket.lines.push_back(line);
  }
  return basket;
}

QuoteRequest RandomInputs::request(const Bundle& bundle, const RandomBundleShape& shape,
                                   const RandomBasketShape& basketShape, bool withMember) {
  QuoteRequest r;
  r.saleId = "sale" + std::to_string(between(1, 1000000));
  r.context.time = time();
  r.basket = basket(shape, basketShape);
  if (withMember) r.member = member(bundle, r.context.time);
  const Program& p = bundle.programs.front();
  const auto codes = between(0, 3);
  for (std::int64_t i = 0; i < codes; ++i) {
    if (chance(15)) {
      r.redeem.push_back(RedeemRequest{"NOPE" + std::to_string(i), 1});
    } else if (chance(50) && !p.voucherCodes.empty()) {
      const auto& code = p.voucherCodes[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(p.voucherCodes.size()) - 1))];
      r.redeem.push_back(RedeemRequest{code.code, 1});
    } else {
      r.redeem.push_back(RedeemRequest{"red" + std::to_string(between(0, shape.redeemables - 1)), between(1, 3)});
    }
  }
  const auto burn = between(0, 2);
  if (burn == 1) r.burn = BurnRequest{BurnMode::exact, between(0, 40) * 50};
  if (burn == 2) r.burn = BurnRequest{BurnMode::max, 0};
  if (chance(20)) r.context.offlineBurnAllowance = between(0, 3000);
  r.context.snapshotStale = chance(5);
  if (chance(30)) r.context.campaignUsage.push_back(CampaignUsage{"camp" + std::to_string(between(0, 3)), between(0, 5), between(0, 5000), between(0, 100000)});
  if (chance(5)) r.context.disabledCampaigns.push_back("camp" + std::to_string(between(0, 3)));
  return r;
}

}  // namespace loyalty::testing

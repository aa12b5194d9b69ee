// Small builders for pricing tests: a one-program bundle, members, baskets, effects and
// redeemables as C++ values, and look-ups into a QuoteResult, so that each test states
// only what it is about.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/pricing_engine.h"

namespace fx {

using namespace loyalty::engine;  // NOLINT: test-only convenience

// Store-local time; the tests treat local time as UTC for the instant.
inline QuoteTime at(int year, int month, int day, int hour = 12, int minute = 0) {
  QuoteTime time;
  time.localDate = LocalDate{year, month, day};
  time.localSecondOfDay = hour * 3600 + minute * 60;
  time.epochSeconds = daysFromCivil(time.localDate) * 86400 + time.localSecondOfDay;
  return time;
}

// 2026-03-02 is a Monday.
inline QuoteTime defaultTime() { return at(2026, 3, 2, 12, 0); }

inline BasketLine line(std::int64_t lineNo, std::string sku, std::int64_t quantity, Money unitPrice,
                       std::vector<std::string> categories = {}) {
  return BasketLine{lineNo, std::move(sku), std::move(categories), quantity, unitPrice};
}

inline Target basketTarget() { return Target{}; }
inline Target skuTarget(std::vector<std::string> skus) {
  Target t;
  t.skus = std::move(skus);
  return t;
}
inline Target categoryTarget(std::vector<std::string> categories) {
  Target t;
  t.categories = std::move(categories);
  return t;
}

inline Effect percentOff(std::int64_t basisPoints, Target target = {}) {
  Effect e;
  e.kind = EffectKind::percent_off;
  e.percentBp = basisPoints;
  e.target = std::move(target);
  return e;
}
inline Effect amountOff(Money amount, Target target = {}, bool perUnit = false) {
  Effect e;
  e.kind = EffectKind::amount_off;
  e.amount = amount;
  e.perUnit = perUnit;
  e.target = std::move(target);
  return e;
}
inline Effect fixedPrice(Money price, Target target, bool perUnit) {
  Effect e;
  e.kind = EffectKind::fixed_price;
  e.amount = price;
  e.perUnit = perUnit;
  e.target = std::move(target);
  return e;
}
inline Effect freeItem(Target target, std::int64_t units = 0) {
  Effect e;
  e.kind = EffectKind::free_item;
  e.cheapestUnits = units;
  e.target = std::move(target);
  return e;
}
inline Effect buyXGetY(std::int64_t x, std::int64_t y, Target target, std::int64_t basisPoints = 10'000) {
  Effect e;
  e.kind = EffectKind::buy_x_get_y;
  e.buyQuantity = x;
  e.getQuantity = y;
  e.percentBp = basisPoints;
  e.target = std::move(target);
  return e;
}
inline Effect capped(Effect e, Money maxDiscount) {
  e.maxDiscount = maxDiscount;
  return e;
}
inline Effect cheapest(Effect e, std::int64_t units) {
  e.cheapestUnits = units;
  return e;
}

// An automatic promotion (no code).
inline Redeemable promo(std::string id, Effect effect) {
  Redeemable r;
  r.id = id;
  r.name = "Promo " + id;
  r.kind = RedeemableKind::promotion;
  r.automatic = true;
  r.effect = std::move(effect);
  return r;
}
// A redeemable reached through a voucher code (see World::addCode).
inline Redeemable voucher(std::string id, Effect effect) {
  Redeemable r = promo(std::move(id), std::move(effect));
  r.name = "Voucher " + r.id;
  r.kind = RedeemableKind::voucher;
  r.automatic = false;
  return r;
}
// A reward-catalog item asked for by its id, costing `cost` points per unit rewarded.
inline Redeemable reward(std::string id, Effect effect, Points cost) {
  Redeemable r = promo(std::move(id), std::move(effect));
  r.name = "Reward " + r.id;
  r.kind = RedeemableKind::reward;
  r.automatic = false;
  r.pointsCurrency = "reward";
  r.pointsCost = cost;
  return r;
}

inline Lot lot(std::string id, Points points, std::optional<LocalDate> expiresOn = std::nullopt,
               LocalDate earnedOn = LocalDate{2025, 6, 1}) {
  return Lot{std::move(id), "reward", points, earnedOn, expiresOn};
}

// One program "P" (EUR) with currencies "reward" (12-month lots) and "qual" (qualifying),
// tiers basic/silver/gold earning 1 / 1.5 / 2 points per 1.00 through base rule "base",
// a burn policy of 100 points = 1.00, and stores "S1" (region north) and "S2" (south).
inline Bundle baseBundle() {
  Bundle b;
  b.version = 7;
  b.hash = "feedc0de";
  Program p;
  p.id = "P";
  p.name = "Program P";
  p.currency = "EUR";
  PointCurrency rewardCurrency{"reward", CurrencyKind::reward, ExpiryPolicy{ExpiryKind::months_after, 12, {}}};
  PointCurrency qualCurrency{"qual", CurrencyKind::qualifying, ExpiryPolicy{}};
  p.pointCurrencies = {rewardCurrency, qualCurrency};
  p.qualifyingCurrency = "qual";
  p.tiers = {Tier{"basic", "Basic", 0, EarnRate{1, 100}}, Tier{"silver", "Silver", 1000, EarnRate{3, 200}},
             Tier{"gold", "Gold", 5000, EarnRate{2, 100}}};
  p.excludedCategories = {"tobacco"};
  BurnPolicy burn;
  burn.currency = "reward";
  burn.points = 100;
  burn.value = 100;
  p.burn = burn;
  EarningRule base;
  base.id = "base";
  base.name = "Base points";
  base.kind = EarnKind::base;
  base.currency = "reward";
  p.earningRules.push_back(base);
  b.programs.push_back(p);
  b.stores.push_back(Store{"S1", "Store one", "north", "Europe/Berlin", {"P"}, "P"});
  b.stores.push_back(Store{"S2", "Store two", "south", "Europe/Berlin", {"P"}, "P"});
  return b;
}

inline MemberView member(std::string id = "M1", std::string tier = "basic") {
  MemberView m;
  m.id = std::move(id);
  m.programId = "P";
  m.tier = std::move(tier);
  m.displayName = "Member " + m.id;
  return m;
}

// A bundle, member, basket and request under construction; quote() prices them.
struct World {
  Bundle bundle = baseBundle();
  std::optional<MemberView> who = member();
  QuoteRequest request = [] {
    QuoteRequest r;
    r.saleId = "sale-1";
    r.basket.storeId = "S1";
    r.context.time = defaultTime();
    return r;
  }();

  Program& program() { return bundle.programs.front(); }
  Redeemable& add(Redeemable r) {
    program().redeemables.push_back(std::move(r));
    return program().redeemables.back();
  }
  Campaign& addCampaign(std::string id) {
    Campaign c;
    c.id = id;
    c.name = "Campaign " + id;
    program().campaigns.push_back(std::move(c));
    return program().campaigns.back();
  }
  VoucherCode& addCode(std::string code, std::string redeemableId, bool singleUse = false) {
    VoucherCode v;
    v.code = std::move(code);
    v.redeemableId = std::move(redeemableId);
    v.singleUse = singleUse;
    program().voucherCodes.push_back(std::move(v));
    return program().voucherCodes.back();
  }
  World& lines(std::vector<BasketLine> basketLines) {
    request.basket.lines = std::move(basketLines);
    return *this;
  }
  World& redeem(std::string code, std::int64_t quantity = 1) {
    request.redeem.push_back(RedeemRequest{std::move(code), quantity});
    return *this;
  }
  World& burnExact(Points points) {
    request.burn = BurnRequest{BurnMode::exact, points};
    return *this;
  }
  World& burnMax() {
    request.burn = BurnRequest{BurnMode::max, 0};
    return *this;
  }
  World& anonymous() {
    who.reset();
    return *this;
  }

  [[nodiscard]] loyalty::Result<QuoteResult> tryQuote() const {
    QuoteRequest r = request;
    r.member = who;
    return PricingEngine(bundle).quote(r);
  }
  [[nodiscard]] QuoteResult quote() const {
    auto result = tryQuote();
    if (!result.ok()) FAIL("quote failed: " << result.error().reason << ": " << result.error().message);
    return std::move(result).value();
  }
};

// ---- look-ups -------------------------------------------------------------------------

inline const LineResult& lineOf(const QuoteResult& q, std::int64_t lineNo) {
  const auto it = std::find_if(q.lines.begin(), q.lines.end(), [&](const LineResult& l) { return l.lineNo == lineNo; });
  if (it == q.lines.end()) FAIL("no line " << lineNo);
  return *it;
}
// What redeemable `id` took off line `lineNo` (0 when nothing).
inline Money pieceOf(const QuoteResult& q, const std::string& id, std::int64_t lineNo) {
  Money sum = 0;
  for (const auto& d : lineOf(q, lineNo).discounts) {
    if (d.sourceId == id) sum += d.amount;
  }
  return sum;
}
inline const AppliedRedeemable* appliedOf(const QuoteResult& q, const std::string& id) {
  const auto it = std::find_if(q.applied.begin(), q.applied.end(),
                               [&](const AppliedRedeemable& a) { return a.redeemableId == id; });
  return it == q.applied.end() ? nullptr : &*it;
}
inline Money discountOf(const QuoteResult& q, const std::string& id) {
  const AppliedRedeemable* a = appliedOf(q, id);
  return a == nullptr ? 0 : a->discount;
}
// Ids of the applied redeemables in application order.
inline std::vector<std::string> appliedIds(const QuoteResult& q) {
  std::vector<std::string> ids;
  for (const auto& a : q.applied) ids.push_back(a.redeemableId);
  return ids;
}
// The reason code (as text) a subject (code or promotion id) was rejected with; "" if not.
inline std::string rejectionOf(const QuoteResult& q, const std::string& subject) {
  for (const auto& r : q.rejected) {
    if (r.subject == subject) return std::string(toString(r.reason));
  }
  return "";
}
inline std::string burnRefusal(const QuoteResult& q) {
  if (!q.burn || !q.burn->refusal) return "";
  return std::string(toString(*q.burn->refusal));
}
inline const CurrencyBalance* balanceOf(const QuoteResult& q, const std::string& currency) {
  for (const auto& b : q.balances) {
    if (b.currency == currency) return &b;
  }
  return nullptr;
}
inline Points earnedTotal(const QuoteResult& q, const std::string& currency = "reward") {
  Points total = 0;
  for (const auto& e : q.earned) {
    if (e.currency == currency) total += e.points;
  }
  return total;
}

// Invariants every quote keeps: pieces add up per discount and per line, totals agree,
// nothing below zero.
inline void checkConsistent(const QuoteResult& q) {
  Money gross = 0, discounts = 0, points = 0, toPay = 0;
  for (const auto& l : q.lines) {
    Money lineDiscount = 0;
    for (const auto& d : l.discounts) lineDiscount += d.amount;
    CHECK(lineDiscount == l.discountTotal);
    CHECK(l.gross == l.quantity * l.unitPrice);
    CHECK(l.net == l.gross - l.discountTotal);
    CHECK(l.toPay == l.net - l.pointsPayment);
    CHECK(l.net >= 0);
    CHECK(l.toPay >= 0);
    gross += l.gross;
    discounts += l.discountTotal;
    points += l.pointsPayment;
    toPay += l.toPay;
  }
  CHECK(q.gross == gross);
  CHECK(q.discountTotal == discounts);
  CHECK(q.pointsPayment == points);
  CHECK(q.toPay == toPay);
  CHECK(q.toPay >= 0);
  Money appliedSum = 0;
  for (const auto& a : q.applied) {
    Money pieces = 0;
    for (const auto& p : a.pieces) {
      pieces += p.amount;
      CHECK(pieceOf(q, a.redeemableId, p.lineNo) == p.amount);
    }
    CHECK(pieces == a.discount);
    appliedSum += a.discount;
  }
  CHECK(appliedSum == q.discountTotal);
  if (q.burn && q.burn->applied) {
    Money pieces = 0;
    for (const auto& p : q.burn->pieces) pieces += p.amount;
    CHECK(pieces == q.burn->value);
    CHECK(q.burn->value == q.pointsPayment);
  }
}

}  // namespace fx

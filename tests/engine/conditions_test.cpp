// Conditions on redeemables (SEMANTICS 3, 4): schedules with days and local time windows,
// date-only bounds, member tests, stores and regions, minimum amount net of the discounts
// accepted before, minimum quantity, required SKUs.
#include "engine_fixtures.h"

using namespace fx;  // NOLINT

namespace {

// A world with one automatic 10% promotion "p" on the basket, and a 20.00 basket.
World withPromo(const Conditions& conditions, Target target = {}) {
  World w;
  Redeemable r = promo("p", percentOff(1000, std::move(target)));
  r.conditions = conditions;
  w.add(r);
  w.lines({line(1, "A", 1, 2000, {"food"})});
  return w;
}

// "applied", or the reason "p" was rejected with.
std::string verdict(const World& w, const std::string& subject = "p") {
  const QuoteResult q = w.quote();
  if (appliedOf(q, subject) != nullptr) return "applied";
  return rejectionOf(q, subject);
}

Conditions scheduled(const Schedule& schedule) {
  Conditions c;
  c.schedule = schedule;
  return c;
}

}  // namespace

TEST_CASE("conditions: start and end dates and instants", "[conditions]") {
  Schedule s;
  s.startDate = LocalDate{2026, 3, 3};
  World w = withPromo(scheduled(s));
  w.request.context.time = at(2026, 3, 2, 23, 59);
  CHECK(verdict(w) == "not_started");
  w.request.context.time = at(2026, 3, 3, 0, 0);
  CHECK(verdict(w) == "applied");

  Schedule e;
  e.endDate = LocalDate{2026, 3, 2};  // a date-only end bound includes that whole day
  w = withPromo(scheduled(e));
  w.request.context.time = at(2026, 3, 2, 23, 59);
  CHECK(verdict(w) == "applied");
  w.request.context.time = at(2026, 3, 3, 0, 0);
  CHECK(verdict(w) == "expired");

  Schedule instants;
  instants.startsAt = at(2026, 3, 2, 10, 0).epochSeconds;
  instants.endsAt = at(2026, 3, 2, 14, 0).epochSeconds;  // exclusive
  w = withPromo(scheduled(instants));
  w.request.context.time = at(2026, 3, 2, 9, 59);
  CHECK(verdict(w) == "not_started");
  w.request.context.time = at(2026, 3, 2, 10, 0);
  CHECK(verdict(w) == "applied");
  w.request.context.time = at(2026, 3, 2, 13, 59);
  CHECK(verdict(w) == "applied");
  w.request.context.time = at(2026, 3, 2, 14, 0);
  CHECK(verdict(w) == "expired");
}

TEST_CASE("conditions: days of week", "[conditions]") {
  Schedule s;
  s.daysOfWeek = 1u << 0;  // Mondays
  World w = withPromo(scheduled(s));
  w.request.context.time = at(2026, 3, 2);  // Monday
  CHECK(verdict(w) == "applied");
  w.request.context.time = at(2026, 3, 3);  // Tuesday
  CHECK(verdict(w) == "outside_schedule");
  w.request.context.time = at(2026, 3, 9);  // next Monday
  CHECK(verdict(w) == "applied");
  s.daysOfWeek = 1u << 6;  // Sundays
  w = withPromo(scheduled(s));
  w.request.context.time = at(2026, 3, 8);
  CHECK(verdict(w) == "applied");
}

TEST_CASE("conditions: happy hour 17:00-19:00 includes 17:00 and excludes 19:00", "[conditions]") {
  Schedule s;
  s.windows = {TimeWindow{17 * 3600, 19 * 3600}};
  World w = withPromo(scheduled(s));
  const std::vector<std::pair<std::pair<int, int>, std::string>> cases{
      {{16, 59}, "outside_schedule"}, {{17, 0}, "applied"}, {{18, 59}, "applied"}, {{19, 0}, "outside_schedule"}};
  for (const auto& [hm, expected] : cases) {
    w.request.context.time = at(2026, 3, 2, hm.first, hm.second);
    INFO(hm.first << ":" << hm.second);
    CHECK(verdict(w) == expected);
  }
}

TEST_CASE("conditions: tier, segment and attribute tests", "[conditions]") {
  Conditions tier;
  tier.tiers = {"gold"};
  World w = withPromo(tier);
  CHECK(verdict(w) == "tier_required");
  w.who->tier = "gold";
  CHECK(verdict(w) == "applied");
  w.anonymous();
  CHECK(verdict(w) == "member_required");

  Conditions segment;
  segment.segments = {"vip"};
  w = withPromo(segment);
  CHECK(verdict(w) == "segment_required");
  w.who->segments = {"vip"};
  CHECK(verdict(w) == "applied");

  Conditions notLapsed;
  notLapsed.excludeSegments = {"lapsed"};
  w = withPromo(notLapsed);
  CHECK(verdict(w) == "applied");
  w.who->segments = {"lapsed"};
  CHECK(verdict(w) == "segment_required");

  Conditions german;
  german.attributes = {AttributeTest{"country", AttributeOp::eq, {"DE"}}};
  w = withPromo(german);
  CHECK(verdict(w) == "attribute_required");
  w.who->attributes["country"] = "FR";
  CHECK(verdict(w) == "attribute_required");
  w.who->attributes["country"] = "DE";
  CHECK(verdict(w) == "applied");

  Conditions birthday;
  birthday.attributes = {AttributeTest{"birthday", AttributeOp::today_month_day, {}}};
  w = withPromo(birthday);
  w.who->attributes["birthday"] = "1990-03-02";
  CHECK(verdict(w) == "applied");
  w.who->attributes["birthday"] = "03-03";
  CHECK(verdict(w) == "attribute_required");
}

TEST_CASE("conditions: members-only offers and inactive members", "[conditions]") {
  World w = withPromo(Conditions{});
  w.program().redeemables.back().membersOnly = true;
  CHECK(verdict(w) == "applied");
  w.who->status = MemberStatus::suspended;
  CHECK(verdict(w) == "member_inactive");
  w.who->status = MemberStatus::closed;
  CHECK(verdict(w) == "member_inactive");
  w.anonymous();
  CHECK(verdict(w) == "member_required");
}

TEST_CASE("conditions: stores and regions", "[conditions]") {
  Conditions stores;
  stores.stores = {"S2"};
  World w = withPromo(stores);
  CHECK(verdict(w) == "store_not_eligible");
  w.request.basket.storeId = "S2";
  CHECK(verdict(w) == "applied");

  Conditions regions;
  regions.regions = {"north"};
  w = withPromo(regions);
  CHECK(verdict(w) == "applied");
  w.request.basket.storeId = "S2";  // south
  CHECK(verdict(w) == "store_not_eligible");
}

TEST_CASE("conditions: minimum amount is measured net of the discounts accepted before", "[conditions]") {
  const auto world = [](Money price) {
    World w;
    Redeemable first = promo("a-first", amountOff(1000));
    first.priority = 10;
    w.add(first);
    Redeemable min50 = promo("min50", percentOff(1000));
    min50.conditions.minAmount = 5000;
    w.add(min50);
    w.lines({line(1, "A", 1, price)});
    return w;
  };
  // 55.00 - 10.00 = 45.00: the threshold cannot be met with money already taken off.
  QuoteResult q = world(5500).quote();
  CHECK(rejectionOf(q, "min50") == "min_basket");
  CHECK(q.toPay == 4500);
  // 60.00 - 10.00 = 50.00 meets it (inclusive); 10% of the remaining 50.00.
  q = world(6000).quote();
  CHECK(discountOf(q, "min50") == 500);
  CHECK(q.toPay == 4500);
}

TEST_CASE("conditions: an item-level minimum counts only the targeted lines", "[conditions]") {
  Conditions c;
  c.minAmount = 2000;
  World w = withPromo(c, categoryTarget({"food"}));
  w.lines({line(1, "A", 1, 1500, {"food"}), line(2, "B", 1, 3000, {"toys"})});
  CHECK(verdict(w) == "min_basket");
  w.lines({line(1, "A", 1, 1500, {"food"}), line(2, "B", 1, 500, {"food"}), line(3, "C", 1, 3000, {"toys"})});
  CHECK(verdict(w) == "applied");
  CHECK(w.quote().discountTotal == 200);
}

TEST_CASE("conditions: minimum quantity over the targeted lines", "[conditions]") {
  Conditions c;
  c.minQuantity = 3;
  World w = withPromo(c, skuTarget({"X"}));
  w.lines({line(1, "X", 2, 100), line(2, "Y", 5, 100)});
  CHECK(verdict(w) == "min_quantity");
  w.lines({line(1, "X", 2, 100), line(2, "X", 1, 100), line(3, "Y", 5, 100)});
  CHECK(verdict(w) == "applied");
}

TEST_CASE("conditions: required SKUs must all be in the basket", "[conditions]") {
  Conditions c;
  c.requiredSkus = {"coffee", "cake"};
  World w = withPromo(c);
  w.lines({line(1, "coffee", 1, 300)});
  CHECK(verdict(w) == "items_required");
  w.lines({line(1, "coffee", 1, 300), line(2, "cake", 1, 400)});
  CHECK(verdict(w) == "applied");
}

TEST_CASE("conditions: voucher validity dates are inclusive days", "[conditions]") {
  World w;
  w.add(voucher("v", percentOff(1000)));
  VoucherCode& code = w.addCode("SPRING", "v");
  code.validFrom = LocalDate{2026, 3, 1};
  code.validUntil = LocalDate{2026, 3, 31};
  w.lines({line(1, "A", 1, 2000)}).redeem("SPRING");
  w.request.context.time = at(2026, 2, 28, 23, 59);
  CHECK(verdict(w, "SPRING") == "not_started");
  w.request.context.time = at(2026, 3, 1, 0, 0);
  CHECK(verdict(w, "v") == "applied");
  w.request.context.time = at(2026, 3, 31, 23, 59);
  CHECK(verdict(w, "v") == "applied");
  w.request.context.time = at(2026, 4, 1, 0, 0);
  CHECK(verdict(w, "SPRING") == "expired");
}

TEST_CASE("conditions: a window past midnight belongs to the day it starts on", "[conditions]") {
  Schedule s;
  s.daysOfWeek = 1u << 4;  // Friday nights
  s.windows = {TimeWindow{22 * 3600, 2 * 3600}};
  World w = withPromo(scheduled(s));
  const std::vector<std::pair<QuoteTime, std::string>> cases{
      {at(2026, 3, 6, 21, 59), "outside_schedule"},  // Friday evening, before the window
      {at(2026, 3, 6, 22, 0), "applied"},            // Friday night
      {at(2026, 3, 7, 1, 59), "applied"},            // Saturday early: still Friday night
      {at(2026, 3, 7, 2, 0), "outside_schedule"},
      {at(2026, 3, 6, 1, 0), "outside_schedule"},    // Friday early: Thursday night
      {at(2026, 3, 7, 23, 0), "outside_schedule"},   // Saturday night
  };
  for (const auto& [time, expected] : cases) {
    w.request.context.time = time;
    INFO(formatDate(time.localDate) << " " << time.localSecondOfDay);
    CHECK(verdict(w) == expected);
  }
  s.windows = {TimeWindow{18 * 3600, 0}};  // 18:00-24:00
  w = withPromo(scheduled(s));
  w.request.context.time = at(2026, 3, 6, 23, 59);
  CHECK(verdict(w) == "applied");
  w.request.context.time = at(2026, 3, 7, 0, 0);
  CHECK(verdict(w) == "outside_schedule");
  s.windows = {TimeWindow{9 * 3600, 9 * 3600}};  // equal bounds: the whole listed day
  w = withPromo(scheduled(s));
  w.request.context.time = at(2026, 3, 6, 3, 0);
  CHECK(verdict(w) == "applied");
  w.request.context.time = at(2026, 3, 7, 3, 0);
  CHECK(verdict(w) == "outside_schedule");
}

TEST_CASE("conditions: member tests need a member, even an exclusion", "[conditions]") {
  Conditions notLapsed;
  notLapsed.excludeSegments = {"lapsed"};
  World w = withPromo(notLapsed);
  w.anonymous();
  CHECK(verdict(w) == "member_required");
  Conditions notFrench;
  notFrench.attributes = {AttributeTest{"country", AttributeOp::ne, {"FR"}}};
  w = withPromo(notFrench);
  CHECK(verdict(w) == "applied");  // no country attribute: not FR
  w.who->status = MemberStatus::suspended;
  CHECK(verdict(w) == "member_inactive");
}

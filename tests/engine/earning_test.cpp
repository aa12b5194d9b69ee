// Earning (SEMANTICS 3, 9): base per tier floored once per basket, multipliers adding
// (m-1) x rate, fixed bonuses, every condition, excluded categories, caps per calendar
// period, disabled campaigns and event credits.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "earning_fixture.h"

using namespace earning_test;  // NOLINT: test builders
using eng::Period;

TEST_CASE("earning: Gold 2 pt per 1.00 on 12.34 + 7.66 earns 40, floored once", "[earning]") {
  Fixture f;
  f.program.earningRules.push_back(rule("base", EarnKind::base));
  f.add(line(1, "A", {"food"}, 1, 1234));
  f.add(line(2, "B", {"food"}, 1, 766));
  const auto outcome = f.run();
  REQUIRE(outcome.earned.size() == 1);
  const auto& earned = outcome.earned[0];
  CHECK(earned.points == 40);
  CHECK(earned.uncapped == 40);
  CHECK(earned.countedNet == 2000);
  CHECK(earned.ruleId == "base");
  CHECK(earned.name == "base name");
  CHECK(earned.kind == EarnKind::base);
  CHECK(earned.currency == "reward");
  REQUIRE(earned.lines.size() == 2);
  CHECK(earned.lines[0] == eng::LinePiece{1, 1234});
  CHECK(earned.lines[1] == eng::LinePiece{2, 766});
  CHECK(outcome.ruleUsageAdded.empty());
}

TEST_CASE("earning: tier rates Basic 1, Silver 1.5, Gold 2 per 1.00", "[earning]") {
  Fixture f;
  f.program.earningRules.push_back(rule("base", EarnKind::base));
  f.add(line(1, "A", {}, 1, 1999));
  CHECK(total(f.run()) == 39);
  f.tier = &f.silver;
  CHECK(total(f.run()) == 29);  // floor(1999 x 3 / 200)
  f.tier = &f.basic;
  CHECK(total(f.run()) == 19);
  f.tier = nullptr;  // no tier and no rate of its own: nothing
  CHECK(f.run().earned.empty());
  f.program.earningRules[0].rate = eng::EarnRate{5, 100};
  CHECK(total(f.run()) == 99);  // the rule's own rate needs no tier
}

TEST_CASE("earning: multipliers 2x and 3x on the same line give 4x in total", "[earning]") {
  Fixture f;
  f.program.earningRules = {rule("base", EarnKind::base), multiplier("double", 2), multiplier("triple", 3)};
  f.add(line(1, "A", {}, 1, 1000));
  const auto outcome = f.run();
  CHECK(pointsOf(outcome, "base") == 20);
  CHECK(pointsOf(outcome, "double") == 20);
  CHECK(pointsOf(outcome, "triple") == 40);
  CHECK(total(outcome) == 80);
}

TEST_CASE("earning: a multiplier adds (m-1) x rate, floored once per rule", "[earning]") {
  Fixture f;
  f.program.earningRules = {multiplier("m15", 3, 2)};
  f.add(line(1, "A", {}, 1, 1001));
  f.add(line(2, "B", {}, 1, 1001));
  CHECK(total(f.run()) == 20);  // floor(2002 x 2 x 1 / (100 x 2)) = 20, not 10 + 10
  f.program.earningRules = {multiplier("m1", 1)};
  CHECK(f.run().earned.empty());
  f.program.earningRules = {multiplier("m-half", 1, 2)};
  CHECK(f.run().earned.empty());
  EarningRule own = multiplier("own", 4);
  own.rate = eng::EarnRate{1, 100};
  f.program.earningRules = {own};
  CHECK(total(f.run()) == 60);  // 3 x 1 pt per 1.00 on 20.02
}

TEST_CASE("earning: a fixed bonus needs its conditions and at least one matched line", "[earning]") {
  Fixture f;
  EarningRule bonus = fixed("coffee-bonus", 50);
  bonus.target.skus = {"COFFEE"};
  f.program.earningRules = {bonus};
  f.add(line(1, "BREAD", {}, 1, 300));
  CHECK(f.run().earned.empty());
  f.add(line(2, "COFFEE", {}, 1, 250), 0);  // made free by a voucher: still matched
  const auto outcome = f.run();
  REQUIRE(outcome.earned.size() == 1);
  CHECK(outcome.earned[0].points == 50);
  CHECK(outcome.earned[0].countedNet == 0);
  REQUIRE(outcome.earned[0].lines.size() == 1);
  CHECK(outcome.earned[0].lines[0] == eng::LinePiece{2, 0});
}

TEST_CASE("earning: basket minimum amount is inclusive and measured on eligible net", "[earning]") {
  Fixture f;
  EarningRule bonus = fixed("fifty", 100);
  bonus.conditions.minAmount = 5000;
  f.program.earningRules = {bonus};
  f.add(line(1, "A", {}, 1, 6000), 4999);  // gross 60.00, 49.99 after discounts
  CHECK(f.run().earned.empty());
  f.nets[0] = 5000;
  CHECK(total(f.run()) == 100);
  // An excluded line never counts toward the minimum.
  f.nets[0] = 4000;
  f.add(line(2, "CIGS", {"tobacco"}, 1, 2000), std::nullopt, true);
  CHECK(f.run().earned.empty());
}

TEST_CASE("earning: minimum quantity counts units of the targeted lines, inclusive", "[earning]") {
  Fixture f;
  EarningRule bonus = fixed("three-drinks", 30);
  bonus.target.categories = {"drinks"};
  bonus.conditions.minQuantity = 3;
  f.program.earningRules = {bonus};
  f.add(line(1, "COLA", {"drinks"}, 2, 150));
  f.add(line(2, "BREAD", {"bakery"}, 5, 100));
  CHECK(f.run().earned.empty());
  f.add(line(3, "JUICE", {"drinks"}, 1, 200));
  CHECK(total(f.run()) == 30);
  f.excluded[2] = true;  // excluded lines do not count their units either
  CHECK(f.run().earned.empty());
}

TEST_CASE("earning: excluded categories are excluded from base and bonuses", "[earning]") {
  Fixture f;
  EarningRule tobaccoBonus = multiplier("tobacco-x5", 5);
  tobaccoBonus.target.categories = {"tobacco"};
  f.program.earningRules = {rule("base", EarnKind::base), tobaccoBonus};
  f.add(line(1, "A", {"food"}, 1, 1000));
  f.add(line(2, "CIGS", {"tobacco"}, 1, 800), std::nullopt, true);
  const auto outcome = f.run();
  REQUIRE(outcome.earned.size() == 1);
  CHECK(outcome.earned[0].ruleId == "base");
  CHECK(outcome.earned[0].points == 20);
  REQUIRE(outcome.earned[0].lines.size() == 1);
  CHECK(outcome.earned[0].lines[0].lineNo == 1);
}

TEST_CASE("earning: targets by SKU and category with exclusions", "[earning]") {
  Fixture f;
  EarningRule r = multiplier("fresh-x2", 2);
  r.target.categories = {"fresh"};
  r.target.excludeSkus = {"MILK"};
  f.program.earningRules = {r};
  f.add(line(1, "APPLE", {"fresh", "fruit"}, 2, 150));
  f.add(line(2, "MILK", {"fresh"}, 1, 100));
  f.add(line(3, "SOAP", {"home"}, 1, 500));
  f.add(line(4, "PEAR", {"fresh"}, 1, 0));
  const auto outcome = f.run();
  REQUIRE(outcome.earned.size() == 1);
  CHECK(outcome.earned[0].points == 6);
  CHECK(outcome.earned[0].countedNet == 300);
  REQUIRE(outcome.earned[0].lines.size() == 2);  // zero-net matched line listed too
  CHECK(outcome.earned[0].lines[0] == eng::LinePiece{1, 300});
  CHECK(outcome.earned[0].lines[1] == eng::LinePiece{4, 0});

  r.target = {};
  r.target.skus = {"SOAP"};
  r.target.excludeCategories = {"home"};
  f.program.earningRules = {r};
  CHECK(f.run().earned.empty());
}

TEST_CASE("earning: German members earn double on Mondays", "[earning]") {
  Fixture f;
  EarningRule monday = multiplier("de-monday", 2);
  monday.conditions.attributes = {eng::AttributeTest{"country", eng::AttributeOp::eq, {"DE"}}};
  eng::Schedule schedule;
  schedule.daysOfWeek = 0x01;
  monday.conditions.schedule = schedule;
  f.program.earningRules = {rule("base", EarnKind::base), monday};
  f.add(line(1, "A", {}, 1, 1000));
  f.member.attributes["country"] = "DE";
  f.time.localDate = LocalDate{2026, 3, 16};  // Monday
  CHECK(total(f.run()) == 40);
  f.time.localDate = LocalDate{2026, 3, 17};  // Tuesday
  CHECK(total(f.run()) == 20);
  f.time.localDate = LocalDate{2026, 3, 16};
  f.member.attributes["country"] = "AT";
  CHECK(total(f.run()) == 20);
}

TEST_CASE("earning: happy hour 17:00-19:00 includes its start and excludes its end", "[earning]") {
  Fixture f;
  EarningRule happy = multiplier("happy-hour", 3);
  eng::Schedule schedule;
  schedule.windows = {eng::TimeWindow{17 * 3600, 19 * 3600}};
  happy.conditions.schedule = schedule;
  f.program.earningRules = {rule("base", EarnKind::base), happy};
  f.add(line(1, "A", {}, 1, 1000));
  f.time.localSecondOfDay = 17 * 3600 - 1;
  CHECK(total(f.run()) == 20);
  f.time.localSecondOfDay = 17 * 3600;
  CHECK(total(f.run()) == 60);
  f.time.localSecondOfDay = 19 * 3600 - 1;
  CHECK(total(f.run()) == 60);
  f.time.localSecondOfDay = 19 * 3600;
  CHECK(total(f.run()) == 20);
}

TEST_CASE("earning: schedule dates and instants bound a rule", "[earning]") {
  Fixture f;
  EarningRule promo = fixed("spring", 10);
  eng::Schedule schedule;
  schedule.startDate = LocalDate{2026, 3, 1};
  schedule.endDate = LocalDate{2026, 3, 18};  // a date alone: that whole day is included
  promo.conditions.schedule = schedule;
  f.program.earningRules = {promo};
  f.add(line(1, "A", {}, 1, 100));
  CHECK(total(f.run()) == 10);
  f.time.localDate = LocalDate{2026, 3, 19};
  CHECK(f.run().earned.empty());
  f.time.localDate = LocalDate{2026, 2, 28};
  CHECK(f.run().earned.empty());

  eng::Schedule instants;
  instants.startsAt = 1000;
  instants.endsAt = 2000;
  f.program.earningRules[0].conditions.schedule = instants;
  f.time.epochSeconds = 1000;
  CHECK(total(f.run()) == 10);
  f.time.epochSeconds = 2000;
  CHECK(f.run().earned.empty());
}

TEST_CASE("earning: tier, segment, store, region and required-SKU conditions", "[earning]") {
  Fixture f;
  f.add(line(1, "A", {}, 1, 1000));
  f.add(line(2, "GIFTCARD", {"giftcards"}, 1, 5000), std::nullopt, true);
  EarningRule r = fixed("cond", 7);

  SECTION("tier") {
    r.conditions.tiers = {"silver", "gold"};
    f.program.earningRules = {r};
    CHECK(total(f.run()) == 7);
    f.member.tier = "basic";
    CHECK(f.run().earned.empty());
  }
  SECTION("segments and excluded segments") {
    r.conditions.segments = {"vip"};
    r.conditions.excludeSegments = {"lapsed"};
    f.program.earningRules = {r};
    CHECK(f.run().earned.empty());
    f.member.segments = {"vip"};
    CHECK(total(f.run()) == 7);
    f.member.segments = {"vip", "lapsed"};
    CHECK(f.run().earned.empty());
  }
  SECTION("store and region") {
    r.conditions.stores = {"berlin-1"};
    f.program.earningRules = {r};
    CHECK(total(f.run()) == 7);
    f.store.id = "munich-1";
    CHECK(f.run().earned.empty());
    f.program.earningRules[0].conditions.stores.clear();
    f.program.earningRules[0].conditions.regions = {"de-south"};
    CHECK(f.run().earned.empty());
    f.store.region = "de-south";
    CHECK(total(f.run()) == 7);
  }
  SECTION("required SKUs look at every basket line, excluded ones included") {
    r.conditions.requiredSkus = {"GIFTCARD", "A"};
    f.program.earningRules = {r};
    CHECK(total(f.run()) == 7);
    f.program.earningRules[0].conditions.requiredSkus = {"MISSING"};
    CHECK(f.run().earned.empty());
  }
  SECTION("no store given: store conditions fail, others hold") {
    r.conditions.stores = {"berlin-1"};
    f.program.earningRules = {r, fixed("plain", 3)};
    f.store.id = "berlin-1";
    eng::EarnContext context = f.context();
    context.store = nullptr;
    const auto outcome = eng::computeEarning(context, f.earnLines());
    REQUIRE(outcome.earned.size() == 1);
    CHECK(outcome.earned[0].ruleId == "plain");
  }
}

TEST_CASE("earning: disabled campaigns earn nothing", "[earning]") {
  Fixture f;
  EarningRule a = fixed("a", 10);
  a.campaignId = "spring";
  EarningRule b = fixed("b", 20);
  b.campaignId = "summer";
  f.program.earningRules = {a, b, fixed("c", 40)};
  f.program.campaigns = {eng::Campaign{"spring", "Spring", false, {}}, eng::Campaign{"summer", "Summer", false, {}}};
  f.add(line(1, "A", {}, 1, 100));
  CHECK(total(f.run()) == 70);
  f.program.campaigns[0].disabled = true;
  CHECK(total(f.run()) == 60);
  f.disabled = {"summer"};
  CHECK(total(f.run()) == 40);
}

TEST_CASE("earning: rules are evaluated and listed by id, byte by byte", "[earning]") {
  Fixture f;
  f.program.earningRules = {fixed("b", 1), fixed("a", 1), fixed("A9", 1), fixed("A10", 1), fixed("B", 1)};
  f.add(line(1, "A", {}, 1, 100));
  const auto outcome = f.run();
  REQUIRE(outcome.earned.size() == 5);
  CHECK(outcome.earned[0].ruleId == "A10");
  CHECK(outcome.earned[1].ruleId == "A9");
  CHECK(outcome.earned[2].ruleId == "B");
  CHECK(outcome.earned[3].ruleId == "a");
  CHECK(outcome.earned[4].ruleId == "b");
}

TEST_CASE("earning: the result does not depend on the order of rules in the program", "[earning]") {
  Fixture f;
  EarningRule capped = multiplier("x2", 2);
  capped.cap = eng::EarnCap{15, Period::day};
  f.program.earningRules = {rule("base", EarnKind::base), capped, fixed("bonus", 5)};
  f.add(line(1, "A", {}, 3, 333));
  const auto first = f.run();
  std::reverse(f.program.earningRules.begin(), f.program.earningRules.end());
  const auto second = f.run();
  REQUIRE(first.earned.size() == second.earned.size());
  for (std::size_t i = 0; i < first.earned.size(); ++i) {
    CHECK(first.earned[i].ruleId == second.earned[i].ruleId);
    CHECK(first.earned[i].points == second.earned[i].points);
  }
  CHECK(first.ruleUsageAdded.size() == second.ruleUsageAdded.size());
}

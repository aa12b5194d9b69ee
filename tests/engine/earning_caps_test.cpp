// Earning caps per rule, per member, per calendar period (day; week from Monday; month;
// lifetime), event credits, and amounts at the edge of the 64-bit range.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "earning_fixture.h"

using namespace earning_test;  // NOLINT: test builders
using eng::Period;
using eng::RuleUsage;

namespace {

// A social-media rule: 60 points per basket, at most 100 per `period`.
Fixture cappedFixture(Period period) {
  Fixture f;
  EarningRule social = fixed("social", 60);
  social.cap = eng::EarnCap{100, period};
  f.program.earningRules = {social};
  f.add(line(1, "A", {}, 1, 100));
  f.time.localDate = LocalDate{2026, 3, 18};  // Wednesday
  return f;
}

}  // namespace

TEST_CASE("earning caps: at most 100 points a day from a rule", "[earning][caps]") {
  Fixture f = cappedFixture(Period::day);
  auto outcome = f.run();
  REQUIRE(outcome.earned.size() == 1);
  CHECK(outcome.earned[0].points == 60);
  CHECK(outcome.earned[0].uncapped == 60);
  REQUIRE(outcome.ruleUsageAdded.size() == 1);
  CHECK(outcome.ruleUsageAdded[0].ruleId == "social");
  CHECK(outcome.ruleUsageAdded[0].period == Period::day);
  CHECK(outcome.ruleUsageAdded[0].periodStart == LocalDate{2026, 3, 18});
  CHECK(outcome.ruleUsageAdded[0].points == 60);

  f.member.ruleUsage.push_back(outcome.ruleUsageAdded[0]);
  outcome = f.run();
  REQUIRE(outcome.earned.size() == 1);
  CHECK(outcome.earned[0].points == 40);  // 100 - 60 left today
  CHECK(outcome.earned[0].uncapped == 60);
  REQUIRE(outcome.ruleUsageAdded.size() == 1);
  CHECK(outcome.ruleUsageAdded[0].points == 40);

  f.member.ruleUsage.push_back(outcome.ruleUsageAdded[0]);
  outcome = f.run();
  CHECK(outcome.earned.empty());  // cap reached: the rule is omitted, no usage added
  CHECK(outcome.ruleUsageAdded.empty());

  f.time.localDate = LocalDate{2026, 3, 19};  // a new day
  CHECK(total(f.run()) == 60);
}

TEST_CASE("earning caps: weeks start on Monday", "[earning][caps]") {
  Fixture f = cappedFixture(Period::week);
  f.member.ruleUsage = {RuleUsage{"social", Period::week, LocalDate{2026, 3, 16}, 90},
                        RuleUsage{"social", Period::week, LocalDate{2026, 3, 9}, 100}};
  auto outcome = f.run();
  REQUIRE(outcome.earned.size() == 1);
  CHECK(outcome.earned[0].points == 10);
  CHECK(outcome.ruleUsageAdded[0].periodStart == LocalDate{2026, 3, 16});
  f.time.localDate = LocalDate{2026, 3, 22};  // Sunday, same week
  CHECK(total(f.run()) == 10);
  f.time.localDate = LocalDate{2026, 3, 23};  // Monday, next week
  outcome = f.run();
  CHECK(total(outcome) == 60);
  CHECK(outcome.ruleUsageAdded[0].periodStart == LocalDate{2026, 3, 23});
}

TEST_CASE("earning caps: calendar months", "[earning][caps]") {
  Fixture f = cappedFixture(Period::month);
  f.member.ruleUsage = {RuleUsage{"social", Period::month, LocalDate{2026, 3, 1}, 75},
                        RuleUsage{"social", Period::month, LocalDate{2026, 2, 1}, 100}};
  CHECK(total(f.run()) == 25);
  f.time.localDate = LocalDate{2026, 3, 31};
  CHECK(total(f.run()) == 25);
  f.time.localDate = LocalDate{2026, 4, 1};
  CHECK(total(f.run()) == 60);
}

TEST_CASE("earning caps: lifetime counts every lifetime entry of the rule", "[earning][caps]") {
  Fixture f = cappedFixture(Period::lifetime);
  f.member.ruleUsage = {RuleUsage{"social", Period::lifetime, LocalDate{1, 1, 1}, 30},
                        RuleUsage{"social", Period::lifetime, LocalDate{2025, 5, 5}, 30}};
  auto outcome = f.run();
  CHECK(total(outcome) == 40);
  REQUIRE(outcome.ruleUsageAdded.size() == 1);
  CHECK(outcome.ruleUsageAdded[0].period == Period::lifetime);
  CHECK(outcome.ruleUsageAdded[0].periodStart == LocalDate{1, 1, 1});
  f.time.localDate = LocalDate{2030, 1, 1};
  CHECK(total(f.run()) == 40);
}

TEST_CASE("earning caps: only this rule's entries of the cap's period count", "[earning][caps]") {
  Fixture f = cappedFixture(Period::day);
  f.member.ruleUsage = {RuleUsage{"other", Period::day, LocalDate{2026, 3, 18}, 100},
                        RuleUsage{"social", Period::month, LocalDate{2026, 3, 1}, 100},
                        RuleUsage{"social", Period::day, LocalDate{2026, 3, 17}, 100}};
  CHECK(total(f.run()) == 60);
  f.member.ruleUsage.push_back(RuleUsage{"social", Period::day, LocalDate{2026, 3, 18}, 150});
  CHECK(f.run().earned.empty());  // already over the cap: nothing, never negative
}

TEST_CASE("earning caps: a capped base rule keeps its uncapped figure", "[earning][caps]") {
  Fixture f;
  EarningRule base = rule("base", EarnKind::base);
  base.cap = eng::EarnCap{500, Period::day};
  f.program.earningRules = {base};
  f.add(line(1, "TV", {}, 1, 99900));
  const auto outcome = f.run();
  REQUIRE(outcome.earned.size() == 1);
  CHECK(outcome.earned[0].uncapped == 1998);
  CHECK(outcome.earned[0].points == 500);
  CHECK(outcome.earned[0].countedNet == 99900);
  REQUIRE(outcome.ruleUsageAdded.size() == 1);
  CHECK(outcome.ruleUsageAdded[0].points == 500);
}

TEST_CASE("earning events: fixed event rules credit, with caps and conditions", "[earning][events]") {
  Fixture f;
  EarningRule newsletter = fixed("newsletter", 200);
  newsletter.trigger = eng::EarnTrigger::event;
  newsletter.event = "newsletter_signup";
  EarningRule review = fixed("review", 50);
  review.trigger = eng::EarnTrigger::event;
  review.event = "review";
  review.cap = eng::EarnCap{100, Period::month};
  EarningRule reviewBase = rule("review-base", EarnKind::base);
  reviewBase.trigger = eng::EarnTrigger::event;
  reviewBase.event = "review";
  EarningRule vipReview = fixed("review-vip", 25);
  vipReview.trigger = eng::EarnTrigger::event;
  vipReview.event = "review";
  vipReview.conditions.segments = {"vip"};
  f.program.earningRules = {newsletter, review, reviewBase, vipReview, fixed("purchase", 10)};

  auto outcome = eng::computeEventEarning(f.context(), "newsletter_signup");
  REQUIRE(outcome.earned.size() == 1);
  CHECK(outcome.earned[0].ruleId == "newsletter");
  CHECK(outcome.earned[0].points == 200);
  CHECK(outcome.earned[0].lines.empty());
  CHECK(outcome.ruleUsageAdded.empty());

  f.member.segments = {"vip"};
  f.member.ruleUsage = {RuleUsage{"review", Period::month, LocalDate{2026, 3, 1}, 80}};
  outcome = eng::computeEventEarning(f.context(), "review");
  REQUIRE(outcome.earned.size() == 2);
  CHECK(outcome.earned[0].ruleId == "review");
  CHECK(outcome.earned[0].points == 20);
  CHECK(outcome.earned[0].uncapped == 50);
  CHECK(outcome.earned[1].ruleId == "review-vip");
  REQUIRE(outcome.ruleUsageAdded.size() == 1);
  CHECK(outcome.ruleUsageAdded[0].points == 20);

  CHECK(eng::computeEventEarning(f.context(), "unknown").earned.empty());
  f.disabled = {};
  f.program.earningRules[0].campaignId = "launch";
  f.disabled = {"launch"};
  CHECK(eng::computeEventEarning(f.context(), "newsletter_signup").earned.empty());
}

TEST_CASE("earning events: line conditions cannot hold without lines", "[earning][events]") {
  Fixture f;
  EarningRule withSku = fixed("needs-sku", 10);
  withSku.trigger = eng::EarnTrigger::event;
  withSku.event = "visit";
  withSku.conditions.requiredSkus = {"A"};
  EarningRule withMin = fixed("needs-min", 10);
  withMin.trigger = eng::EarnTrigger::event;
  withMin.event = "visit";
  withMin.conditions.minAmount = 1;
  EarningRule inStore = fixed("in-store", 10);
  inStore.trigger = eng::EarnTrigger::event;
  inStore.event = "visit";
  inStore.conditions.stores = {"berlin-1"};
  f.program.earningRules = {withSku, withMin, inStore};
  auto outcome = eng::computeEventEarning(f.context(), "visit");
  REQUIRE(outcome.earned.size() == 1);
  CHECK(outcome.earned[0].ruleId == "in-store");
  eng::EarnContext noStore = f.context();
  noStore.store = nullptr;  // HQ credits without a store: store conditions fail
  CHECK(eng::computeEventEarning(noStore, "visit").earned.empty());
}

TEST_CASE("earning: no member or no program earns nothing", "[earning]") {
  Fixture f;
  f.program.earningRules = {fixed("a", 10)};
  f.add(line(1, "A", {}, 1, 100));
  eng::EarnContext context = f.context();
  context.member = nullptr;
  CHECK(eng::computeEarning(context, f.earnLines()).earned.empty());
  context = f.context();
  context.program = nullptr;
  CHECK(eng::computeEarning(context, f.earnLines()).earned.empty());
  // Without basketLines the earn lines stand for the basket (required items).
  context = f.context();
  context.basketLines = nullptr;
  f.program.earningRules[0].conditions.requiredSkus = {"A"};
  CHECK(total(eng::computeEarning(context, f.earnLines())) == 10);
}

TEST_CASE("earning: huge amounts and rates neither overflow nor crash", "[earning]") {
  Fixture f;
  EarningRule big = multiplier("big", INT64_MAX);
  big.rate = eng::EarnRate{INT64_MAX, 1};
  f.program.earningRules = {rule("base", EarnKind::base), big};
  f.add(line(1, "A", {}, 1, eng::kMaxAmount), eng::kMaxAmount);
  const auto outcome = f.run();
  CHECK(pointsOf(outcome, "base") == eng::kMaxAmount / 50);
  CHECK(pointsOf(outcome, "big") == eng::kMaxAmount);  // saturated per rule
  // 128-bit products: 10^15 x 10^6 / 10^6 is exact.
  EarningRule exact = rule("exact", EarnKind::base);
  exact.rate = eng::EarnRate{1'000'000, 1'000'000};
  f.program.earningRules = {exact};
  CHECK(total(f.run()) == eng::kMaxAmount);
}

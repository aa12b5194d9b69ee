// Member deltas: a terminal replays its unsynced entries on top of the snapshot's member
// (SEMANTICS 7). Replaying the delta of a sale or a return must give exactly the state
// the engine computed, and deltas must compose in sequence.
#include <catch2/catch.hpp>

#include <algorithm>

#include "engine/member_delta.h"
#include "engine/pricing_engine.h"
#include "random_bundle.h"

namespace {
using namespace loyalty::engine;

std::vector<Lot> sortedLots(std::vector<Lot> lots) {
  std::sort(lots.begin(), lots.end(), [](const Lot& a, const Lot& b) { return a.id < b.id; });
  return lots;
}

std::vector<Deficit> sortedDeficits(std::vector<Deficit> deficits) {
  std::sort(deficits.begin(), deficits.end(), [](const Deficit& a, const Deficit& b) { return a.currency < b.currency; });
  return deficits;
}

}  // namespace

TEST_CASE("member delta: replaying a sale's delta gives the engine's lots and deficits (2,000 seeded cases)",
          "[member_delta]") {
  loyalty::testing::RandomInputs random(20261122);
  int checked = 0;
  for (int i = 0; i < 2000; ++i) {
    loyalty::testing::RandomBundleShape shape;
    const Bundle bundle = random.bundle(shape);
    const PricingEngine engine(bundle);
    QuoteRequest request = random.request(bundle, shape, loyalty::testing::RandomBasketShape{}, true);
    auto result = engine.quote(request);
    if (!result || !request.member || result->memberId.empty()) continue;
    MemberDelta delta;
    diffBalances(*request.member, result->lotsAfter, result->deficitsAfter, delta);
    MemberView replayed = *request.member;
    applyDelta(replayed, delta, &bundle.programs.front());
    INFO("case " << i);
    REQUIRE(sortedLots(replayed.lots) == sortedLots(result->lotsAfter));
    REQUIRE(sortedDeficits(replayed.deficits) == sortedDeficits(result->deficitsAfter));
    ++checked;
  }
  CHECK(checked > 500);
}

TEST_CASE("member delta: usage counters, vouchers and a lot the snapshot no longer holds", "[member_delta]") {
  MemberView member;
  member.id = "m1";
  member.lots = {Lot{"a", "reward", 100, {2026, 1, 1}, std::nullopt}};
  member.vouchers = {MemberVoucher{VoucherCode{"V-1", "welcome", true, "m1", {}, {}}, false}};
  Program program;
  Redeemable welcome;
  welcome.id = "welcome";
  welcome.limits.period = Period::month;
  program.redeemables = {welcome};

  MemberDelta sale;
  sale.on = {2026, 11, 22};
  sale.lots = {LotChange{Lot{"a", "reward", 0, {2026, 1, 1}, std::nullopt}, -40},
               LotChange{Lot{"gone", "reward", 0, {2025, 1, 1}, std::nullopt}, -10},
               LotChange{Lot{"s1:reward", "reward", 0, {2026, 11, 22}, LocalDate{2027, 11, 30}}, 25}};
  sale.ruleUsageAdded = {RuleUsage{"social", Period::day, {2026, 11, 22}, 50}};
  sale.redeemablesUsed = {"welcome"};
  sale.vouchersUsed = {"V-1"};
  applyDelta(member, sale, &program);
  REQUIRE(member.lots.size() == 2);
  CHECK(member.lots[0].points == 60);
  CHECK(member.lots[1].id == "s1:reward");
  CHECK(member.lots[1].points == 25);
  CHECK(member.lots[1].expiresOn == LocalDate{2027, 11, 30});
  REQUIRE(member.redeemableUsage.size() == 1);
  CHECK(member.redeemableUsage[0].total == 1);
  CHECK(member.redeemableUsage[0].period == Period::month);
  CHECK(member.redeemableUsage[0].periodStart == LocalDate{2026, 11, 1});
  CHECK(member.vouchers[0].used);

  MemberDelta again = sale;  // a second sale the same day adds up
  again.lots = {};
  applyDelta(member, again, &program);
  CHECK(member.ruleUsage.size() == 1);
  CHECK(member.ruleUsage[0].points == 100);
  CHECK(member.redeemableUsage[0].inPeriod == 2);

  MemberDelta reversal;
  reversal.on = {2026, 11, 23};
  reversal.redeemablesReleased = {"welcome"};
  reversal.vouchersReinstated = {"V-1"};
  reversal.lots = {LotChange{Lot{"s1:reward", "reward", 0, {2026, 11, 22}, std::nullopt}, -25}};
  applyDelta(member, reversal, &program);
  CHECK(member.lots.size() == 1);
  CHECK(member.redeemableUsage[0].total == 1);
  CHECK_FALSE(member.vouchers[0].used);
}

TEST_CASE("member delta: a local tier upgrade needs local qualifying points and never goes down", "[member_delta]") {
  Program program;
  program.pointCurrencies = {PointCurrency{"qp", CurrencyKind::qualifying, {}}, PointCurrency{"rp", CurrencyKind::reward, {}}};
  program.tiers = {Tier{"basic", "Basic", 0, {}}, Tier{"silver", "Silver", 1000, {}}, Tier{"gold", "Gold", 3000, {}}};
  MemberView member;
  member.tier = "basic";
  member.lots = {Lot{"q1", "qp", 1200, {2026, 1, 1}, LocalDate{2026, 12, 31}}};
  const LocalDate today{2026, 11, 22};

  upgradeTier(member, program, 0, today);  // no points earned here: HQ's tier stands
  CHECK(member.tier == "basic");
  upgradeTier(member, program, 10, today);
  CHECK(member.tier == "silver");
  member.tier = "gold";
  upgradeTier(member, program, 10, today);  // never down
  CHECK(member.tier == "gold");
  member.tier = "basic";
  upgradeTier(member, program, 10, LocalDate{2027, 1, 1});  // the lot left the window
  CHECK(member.tier == "basic");
}

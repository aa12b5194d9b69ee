// Returns (SEMANTICS 6, 9): refunds per unit, cumulative reversal of earned points,
// restoration of burned points to their lots before the reversal, deficits.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>

#include "engine/lots.h"
#include "returns_fixture.h"

using namespace returns_test;  // NOLINT: test builders

namespace {

eng::ReturnResult mustReturn(const eng::QuoteResult& sale, const eng::ReturnRequest& r) {
  auto result = eng::computeSaleReturn(eng::Bundle{}, sale, r);
  if (!result.ok()) FAIL(result.error().reason + ": " + result.error().message);
  return std::move(result).value();
}

eng::MemberView memberWith(std::vector<Lot> lots, std::vector<eng::Deficit> deficits = {}) {
  eng::MemberView member;
  member.id = "m1";
  member.programId = "p1";
  member.lots = std::move(lots);
  member.deficits = std::move(deficits);
  return member;
}

}  // namespace

TEST_CASE("returns: one unit of a line refunds its first unit's share and reverses in proportion", "[returns]") {
  const auto sale = standardSale();
  const auto result = mustReturn(sale, request({{1, 1}}));
  REQUIRE(result.lines.size() == 1);
  CHECK(result.lines[0].lineNo == 1);
  CHECK(result.lines[0].quantity == 1);
  CHECK(result.lines[0].refund == 160);       // 4.79 over 3 units: 1.60, 1.60, 1.59
  CHECK(result.lines[0].netReturned == 200);  // 5.99 over 3 units: 2.00, 2.00, 1.99
  CHECK(result.refund == 160);
  CHECK(reversedRule(result, "base").reversedNow == 3);       // floor(25 x 160 / 1299)
  CHECK(reversedRule(result, "bonus-x3").reversedNow == 6);   // floor(19 x 160 / 479)
  CHECK(reversedRule(result, "free-coffee").reversedNow == 0);
  CHECK(reversedRule(result, "q-base").reversedNow == 1);
  CHECK(reversedRule(result, "q-base").currency == "qualifying");
  CHECK(reversedRule(result, "base").earned == 25);
  REQUIRE(result.restored.size() == 2);
  CHECK(result.restored[0].sourceId == "reward");  // the burn, named by its currency
  CHECK(result.restored[0].kind == eng::SourceKind::burn);
  CHECK(result.restored[0].burned == 300);
  CHECK(result.restored[0].restoredNow == 40);     // floor(300 x 40 / 300)
  CHECK(result.restored[1].sourceId == "coffee-reward");
  CHECK(result.restored[1].kind == eng::SourceKind::reward);
  CHECK(result.restored[1].restoredNow == 0);
  // Burned points go back to B, consumed last, re-created with its original expiry.
  const Lot* b = findLot(result.lotsAfter, "B");
  REQUIRE(b != nullptr);
  CHECK(b->points == 40);
  CHECK(b->expiresOn == d(2026, 9, 30));
  CHECK(lotPoints(result.lotsAfter, "S1/reward") == 74 - 9);
  CHECK(lotPoints(result.lotsAfter, "S1/qualifying") == 11);
  CHECK(lotPoints(result.lotsAfter, "D") == 50);
  CHECK_FALSE(result.completesSale);
  CHECK_FALSE(result.negativeBalance);
  REQUIRE(result.returnedAfter.size() == 1);
  CHECK(result.returnedAfter[0].lineNo == 1);
  CHECK(result.returnedAfter[0].quantity == 1);
}

TEST_CASE("returns: partial returns in several steps reverse exactly what was earned", "[returns]") {
  const auto sale = standardSale();
  const std::vector<std::vector<ReturnLine>> steps{{{1, 1}}, {{1, 1}, {3, 1}}, {{2, 1}}, {{3, 1}, {1, 1}}};
  std::map<std::string, eng::Points> reversed;
  std::map<std::string, eng::Points> restored;
  eng::Money refund = 0;
  std::vector<ReturnLine> before;
  eng::MemberView member = memberWith(sale.lotsAfter);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    auto r = request(steps[i], before);
    r.member = member;
    const auto result = mustReturn(sale, r);
    for (const auto& rule : result.reversed) {
      CHECK(rule.reversedBefore == reversed[rule.ruleId]);
      CHECK(rule.reversedNow >= 0);
      reversed[rule.ruleId] += rule.reversedNow;
    }
    for (const auto& source : result.restored) {
      CHECK(source.restoredBefore == restored[source.sourceId]);
      restored[source.sourceId] += source.restoredNow;
    }
    refund += result.refund;
    CHECK(result.completesSale == (i + 1 == steps.size()));
    before = result.returnedAfter;
    member.lots = result.lotsAfter;
    member.deficits = result.deficitsAfter;
  }
  CHECK(reversed == std::map<std::string, eng::Points>{{"base", 25}, {"bonus-x3", 19}, {"free-coffee", 30}, {"q-base", 12}});
  CHECK(restored == std::map<std::string, eng::Points>{{"reward", 300}, {"coffee-reward", 1000}});
  CHECK(refund == 479 + 820);
  // The same as one full return: lots A, B, C refilled; the sale's lots gone.
  const auto once = mustReturn(sale, request({{1, 3}, {2, 1}, {3, 2}}));
  CHECK(once.completesSale);
  CHECK(once.refund == refund);
  for (const char* id : {"A", "B", "C", "D"}) {
    CHECK(lotPoints(member.lots, id) == lotPoints(once.lotsAfter, id));
  }
  CHECK(lotPoints(once.lotsAfter, "A") == 100);
  CHECK(lotPoints(once.lotsAfter, "B") == 200);
  CHECK(lotPoints(once.lotsAfter, "C") == 1000);
  CHECK(findLot(once.lotsAfter, "S1/reward") == nullptr);
  CHECK(findLot(once.lotsAfter, "S1/qualifying") == nullptr);
  CHECK(once.deficitsAfter.empty());
}

TEST_CASE("returns: a zero-net bonus is reversed only when every unit of its lines is back", "[returns]") {
  const auto sale = standardSale();
  const auto first = mustReturn(sale, request({{3, 1}}));
  CHECK(reversedRule(first, "free-coffee").reversedNow == 0);
  CHECK(reversedRule(first, "base").reversedNow == 0);  // line 3 counted nothing
  CHECK(first.refund == 0);
  REQUIRE(first.restored.size() == 2);
  CHECK(first.restored[1].restoredNow == 500);  // half the reward item's units
  CHECK(lotPoints(first.lotsAfter, "C") == 500);

  auto second = request({{3, 1}}, first.returnedAfter);
  second.member = memberWith(first.lotsAfter, first.deficitsAfter);
  const auto result = mustReturn(sale, second);
  CHECK(reversedRule(result, "free-coffee").reversedNow == 30);
  CHECK(reversedRule(result, "free-coffee").reversedBefore == 0);
  CHECK(result.restored[1].restoredBefore == 500);
  CHECK(result.restored[1].restoredNow == 500);
  CHECK(lotPoints(result.lotsAfter, "C") == 1000);
  CHECK_FALSE(result.completesSale);
}

TEST_CASE("returns: restored points come back before earned points are reversed", "[returns]") {
  // The member spent the sale's 20 earned points elsewhere; the burn's 1000 points came
  // from lot A. A full return refills A, then takes the 20 from it: no deficit.
  eng::QuoteResult sale;
  sale.saleId = "S2";
  sale.programId = "p1";
  sale.memberId = "m1";
  sale.lines = {saleLine(1, 1, 2000, 2000, 1000)};
  eng::BurnResult burn;
  burn.applied = true;
  burn.currency = "reward";
  burn.points = 1000;
  burn.value = 1000;
  burn.pieces = {LinePiece{1, 1000}};
  burn.lotsUsed = {LotUse{"A", "reward", 1000, d(2025, 6, 1), d(2026, 6, 30)}};
  sale.burn = burn;
  sale.earned = {earnedRule("base", "reward", 20, {{1, 1000}})};
  auto r = request({{1, 1}});
  r.member = memberWith({});
  const auto result = mustReturn(sale, r);
  CHECK(lotPoints(result.lotsAfter, "A") == 980);
  CHECK(result.deficitsAfter.empty());
  CHECK_FALSE(result.negativeBalance);
  CHECK(result.refund == 1000);
}

TEST_CASE("returns: reversal takes the sale's lot, then the soonest-expiring, then a deficit", "[returns]") {
  auto sale = standardSale();
  const std::vector<Lot> now{Lot{"F", "reward", 100, d(2025, 1, 1), d(2026, 1, 31)},  // expired
                             Lot{"D", "reward", 50, d(2025, 12, 1), d(2026, 12, 31)},
                             Lot{"E", "reward", 10, d(2025, 5, 1), d(2026, 5, 31)},
                             Lot{"S1/reward", "reward", 5, d(2026, 3, 10), d(2027, 3, 10)},
                             Lot{"S1/qualifying", "qualifying", 12, d(2026, 3, 10), std::nullopt}};
  SECTION("restored burn points are used before later lots") {
    auto r = request({{1, 3}});
    r.member = memberWith(now);
    const auto result = mustReturn(sale, r);
    // 28 to reverse (base 9, bonus 19); 120 burned points went back to B first.
    CHECK(reversedRule(result, "base").reversedNow == 9);
    CHECK(reversedRule(result, "bonus-x3").reversedNow == 19);
    CHECK(findLot(result.lotsAfter, "S1/reward") == nullptr);
    CHECK(findLot(result.lotsAfter, "E") == nullptr);
    CHECK(lotPoints(result.lotsAfter, "B") == 120 - 13);
    CHECK(lotPoints(result.lotsAfter, "D") == 50);
    CHECK(lotPoints(result.lotsAfter, "F") == 100);
    CHECK(lotPoints(result.lotsAfter, "S1/qualifying") == 8);
    CHECK_FALSE(result.negativeBalance);
  }
  SECTION("without a burn the rest becomes a deficit") {
    sale.burn.reset();
    auto r = request({{1, 3}});
    r.member = memberWith({now[0], now[2], now[3]}, {eng::Deficit{"qualifying", 2}});
    const auto result = mustReturn(sale, r);
    CHECK(result.negativeBalance);
    CHECK(lotPoints(result.lotsAfter, "F") == 100);
    CHECK(findLot(result.lotsAfter, "E") == nullptr);
    REQUIRE(result.deficitsAfter.size() == 2);
    CHECK(result.deficitsAfter[0] == eng::Deficit{"qualifying", 6});  // 2 + floor(12 x 479/1299)
    CHECK(result.deficitsAfter[1] == eng::Deficit{"reward", 13});
  }
}

TEST_CASE("returns: without a member state the sale's own lots are the start", "[returns]") {
  const auto sale = standardSale();
  const auto result = mustReturn(sale, request({{2, 1}}));
  // base floor(25 x 820 / 1299) = 15 from the sale's lot; burn 180 back to B.
  CHECK(lotPoints(result.lotsAfter, "S1/reward") == 74 - 15);
  CHECK(lotPoints(result.lotsAfter, "B") == 180);
  CHECK(result.refund == 820);
  CHECK(result.lines[0].netReturned == 1000);
}

TEST_CASE("returns: the order in which lines are listed does not matter", "[returns]") {
  const auto sale = standardSale();
  const auto a = mustReturn(sale, request({{1, 2}, {3, 1}, {2, 1}}));
  const auto b = mustReturn(sale, request({{2, 1}, {1, 2}, {3, 1}}));
  REQUIRE(a.lines.size() == 3);
  CHECK(a.lines[0].lineNo == 1);
  CHECK(a.lines[2].lineNo == 3);
  CHECK(a.refund == b.refund);
  CHECK(a.lotsAfter == b.lotsAfter);
  CHECK(a.deficitsAfter == b.deficitsAfter);
  for (std::size_t i = 0; i < a.reversed.size(); ++i) CHECK(a.reversed[i].reversedNow == b.reversed[i].reversedNow);
  REQUIRE(a.returnedAfter.size() == 3);
  CHECK(a.returnedAfter[1].lineNo == 2);
}

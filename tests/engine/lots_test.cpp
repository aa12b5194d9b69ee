// Point lots: inclusive expiry, expiry policies with tier/segment extensions,
// soonest-expiring-first consumption, deficits, restoration to the original lots and
// reversal of earned points (SEMANTICS 6, 9).
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "engine/lots.h"

namespace eng = loyalty::engine;
using eng::Deficit;
using eng::LocalDate;
using eng::Lot;
using eng::LotUse;

namespace {

LocalDate d(int y, int m, int day) { return LocalDate{y, m, day}; }

Lot lot(std::string id, eng::Points points, LocalDate earned, std::optional<LocalDate> expires,
        std::string currency = "reward") {
  return Lot{std::move(id), std::move(currency), points, earned, expires};
}

const Lot* findLot(const std::vector<Lot>& lots, const std::string& id) {
  const auto it = std::find_if(lots.begin(), lots.end(), [&](const Lot& l) { return l.id == id; });
  return it == lots.end() ? nullptr : &*it;
}

eng::Points pointsOf(const std::vector<Lot>& lots, const std::string& id) {
  const Lot* found = findLot(lots, id);
  return found == nullptr ? 0 : found->points;
}

eng::PointCurrency currency(eng::ExpiryKind kind, int months,
                            std::vector<eng::ExpiryExtension> extensions = {}) {
  eng::PointCurrency c;
  c.id = "reward";
  c.expiry.kind = kind;
  c.expiry.months = months;
  c.expiry.extensions = std::move(extensions);
  return c;
}

}  // namespace

TEST_CASE("lots: a lot expiring 2026-12-01 is spendable all that day", "[lots]") {
  const Lot expiring = lot("a", 10, d(2025, 12, 1), d(2026, 12, 1));
  CHECK(eng::lotSpendable(expiring, d(2026, 11, 30)));
  CHECK(eng::lotSpendable(expiring, d(2026, 12, 1)));
  CHECK_FALSE(eng::lotSpendable(expiring, d(2026, 12, 2)));
  CHECK(eng::lotSpendable(lot("n", 10, d(2020, 1, 1), std::nullopt), d(2999, 1, 1)));

  std::vector<Lot> lots{expiring};
  CHECK(eng::consumePoints(lots, "reward", 10, d(2026, 12, 1)).size() == 1);
  CHECK(lots.empty());
}

TEST_CASE("lots: spendable points ignore expired lots and other currencies, less the deficit", "[lots]") {
  const std::vector<Lot> lots{lot("a", 100, d(2025, 1, 1), d(2026, 1, 31)),
                              lot("b", 40, d(2025, 6, 1), d(2026, 6, 1)),
                              lot("c", 7, d(2025, 6, 1), std::nullopt),
                              lot("q", 500, d(2025, 6, 1), std::nullopt, "qualifying")};
  CHECK(eng::spendablePoints(lots, {}, "reward", d(2026, 1, 31)) == 147);
  CHECK(eng::spendablePoints(lots, {}, "reward", d(2026, 2, 1)) == 47);
  CHECK(eng::spendablePoints(lots, {Deficit{"reward", 50}, Deficit{"qualifying", 9}}, "reward",
                             d(2026, 2, 1)) == -3);
  CHECK(eng::spendablePoints(lots, {Deficit{"reward", 50}}, "qualifying", d(2026, 2, 1)) == 500);
  CHECK(eng::spendablePoints({}, {}, "reward", d(2026, 2, 1)) == 0);
}

TEST_CASE("lots: expiry policies: never, months after (clamped), end of quarter", "[lots]") {
  eng::MemberView member;
  CHECK_FALSE(eng::lotExpiry(currency(eng::ExpiryKind::never, 12), member, d(2026, 1, 31)));
  CHECK(eng::lotExpiry(currency(eng::ExpiryKind::months_after, 12), member, d(2026, 5, 17)) ==
        d(2027, 5, 17));
  CHECK(eng::lotExpiry(currency(eng::ExpiryKind::months_after, 1), member, d(2026, 1, 31)) ==
        d(2026, 2, 28));
  CHECK(eng::lotExpiry(currency(eng::ExpiryKind::months_after, 12), member, d(2024, 2, 29)) ==
        d(2025, 2, 28));
  CHECK(eng::lotExpiry(currency(eng::ExpiryKind::end_of_quarter, 0), member, d(2026, 2, 10)) ==
        d(2026, 3, 31));
  CHECK(eng::lotExpiry(currency(eng::ExpiryKind::end_of_quarter, 12), member, d(2026, 2, 10)) ==
        d(2027, 3, 31));
  // The months move the date before it is rounded up to its quarter's end.
  CHECK(eng::lotExpiry(currency(eng::ExpiryKind::end_of_quarter, 2), member, d(2026, 2, 10)) ==
        d(2026, 6, 30));
}

TEST_CASE("lots: tier and segment extensions, the largest matching one wins", "[lots]") {
  const auto policy = currency(eng::ExpiryKind::months_after, 12,
                               {{"gold", "", 6}, {"", "vip", 12}, {"gold", "vip", 24}, {"silver", "", 3},
                                {"", "", 1}});
  eng::MemberView member;
  member.tier = "basic";
  CHECK(eng::lotExpiry(policy, member, d(2026, 1, 31)) == d(2027, 2, 28));  // any/any: +1
  member.tier = "silver";
  CHECK(eng::lotExpiry(policy, member, d(2026, 1, 31)) == d(2027, 4, 30));  // +3
  member.tier = "gold";
  CHECK(eng::lotExpiry(policy, member, d(2026, 1, 31)) == d(2027, 7, 31));  // +6
  member.segments = {"lapsed", "vip"};
  CHECK(eng::lotExpiry(policy, member, d(2026, 1, 31)) == d(2029, 1, 31));  // gold+vip: +24
  member.tier = "basic";
  CHECK(eng::lotExpiry(policy, member, d(2026, 1, 31)) == d(2028, 1, 31));  // vip: +12

  const auto quarterly = currency(eng::ExpiryKind::end_of_quarter, 0, {{"", "vip", 3}});
  CHECK(eng::lotExpiry(quarterly, member, d(2026, 2, 10)) == d(2026, 6, 30));
}

TEST_CASE("lots: consumption takes the soonest expiry first, never-expiring last", "[lots]") {
  const LocalDate today = d(2026, 3, 1);
  std::vector<Lot> lots{lot("never", 100, d(2025, 1, 1), std::nullopt),
                        lot("late", 50, d(2025, 9, 1), d(2026, 9, 1)),
                        lot("expired", 80, d(2025, 1, 1), d(2026, 2, 28)),
                        lot("tie-b", 10, d(2025, 6, 1), d(2026, 6, 30)),
                        lot("tie-a", 10, d(2025, 6, 1), d(2026, 6, 30)),
                        lot("early-earned", 10, d(2025, 4, 1), d(2026, 6, 30)),
                        lot("other", 999, d(2025, 1, 1), d(2026, 3, 1), "qualifying")};
  const std::vector<Lot> original = lots;
  const auto uses = eng::consumePoints(lots, "reward", 85, today);
  REQUIRE(uses.size() == 5);
  CHECK(uses[0].lotId == "early-earned");
  CHECK(uses[1].lotId == "tie-a");
  CHECK(uses[2].lotId == "tie-b");
  CHECK(uses[3].lotId == "late");
  CHECK(uses[3].points == 50);
  CHECK(uses[4].lotId == "never");
  CHECK(uses[4].points == 5);
  CHECK(uses[3].expiresOn == d(2026, 9, 1));
  CHECK(uses[3].earnedOn == d(2025, 9, 1));
  CHECK(uses[4].currency == "reward");
  // Emptied lots are removed; the expired and other-currency lots are left alone.
  CHECK(findLot(lots, "late") == nullptr);
  CHECK(findLot(lots, "tie-a") == nullptr);
  CHECK(pointsOf(lots, "never") == 95);
  CHECK(pointsOf(lots, "expired") == 80);
  CHECK(pointsOf(lots, "other") == 999);

  // The order in which lots are listed does not matter.
  std::vector<Lot> reversed(original.rbegin(), original.rend());
  const auto usesReversed = eng::consumePoints(reversed, "reward", 85, today);
  REQUIRE(usesReversed.size() == uses.size());
  for (std::size_t i = 0; i < uses.size(); ++i) {
    CHECK(usesReversed[i].lotId == uses[i].lotId);
    CHECK(usesReversed[i].points == uses[i].points);
  }

  std::vector<Lot> untouched = original;
  CHECK(eng::consumePoints(untouched, "reward", 0, today).empty());
  CHECK(untouched == original);
}

TEST_CASE("lots: an accrual pays off a deficit first", "[lots]") {
  std::vector<Lot> lots;
  std::vector<Deficit> deficits{Deficit{"reward", 30}, Deficit{"qualifying", 5}};
  eng::creditPoints(lots, deficits, lot("S1/reward", 20, d(2026, 3, 1), d(2027, 3, 1)));
  CHECK(lots.empty());
  REQUIRE(deficits.size() == 2);
  CHECK(deficits[0].points == 10);

  eng::creditPoints(lots, deficits, lot("S2/reward", 25, d(2026, 3, 2), d(2027, 3, 2)));
  REQUIRE(lots.size() == 1);
  CHECK(lots[0].points == 15);
  CHECK(lots[0].expiresOn == d(2027, 3, 2));
  REQUIRE(deficits.size() == 1);
  CHECK(deficits[0].currency == "qualifying");

  // A second accrual under the same lot id joins that lot; zero points change nothing.
  eng::creditPoints(lots, deficits, lot("S2/reward", 5, d(2026, 3, 2), d(2027, 3, 2)));
  eng::creditPoints(lots, deficits, lot("S3/reward", 0, d(2026, 3, 2), d(2027, 3, 2)));
  REQUIRE(lots.size() == 1);
  CHECK(lots[0].points == 20);
}

TEST_CASE("lots: restored points go back latest-consumed first, with their original expiry", "[lots]") {
  const std::vector<LotUse> uses{LotUse{"A", "reward", 30, d(2025, 6, 1), d(2026, 6, 1)},
                                 LotUse{"B", "reward", 50, d(2025, 9, 1), d(2026, 9, 1)}};
  // All at once: B (consumed last) is refilled first and re-created because it is gone.
  std::vector<Lot> once{lot("A", 5, d(2025, 6, 1), d(2026, 6, 1))};
  eng::restorePoints(once, uses, 0, 60);
  CHECK(pointsOf(once, "B") == 50);
  CHECK(pointsOf(once, "A") == 15);
  const Lot* recreated = findLot(once, "B");
  REQUIRE(recreated != nullptr);
  CHECK(recreated->expiresOn == d(2026, 9, 1));
  CHECK(recreated->earnedOn == d(2025, 9, 1));
  CHECK(recreated->currency == "reward");

  // In steps: the points already given back are skipped, the result is the same.
  std::vector<Lot> steps{lot("A", 5, d(2025, 6, 1), d(2026, 6, 1))};
  eng::restorePoints(steps, uses, 0, 20);
  CHECK(pointsOf(steps, "B") == 20);
  CHECK(pointsOf(steps, "A") == 5);
  eng::restorePoints(steps, uses, 20, 40);
  CHECK(pointsOf(steps, "B") == 50);
  CHECK(pointsOf(steps, "A") == 15);
  eng::restorePoints(steps, uses, 60, 20);
  CHECK(pointsOf(steps, "A") == 35);
  CHECK(steps.size() == 2);
}

TEST_CASE("lots: reversal takes the sale's own lot, then the soonest-expiring, then a deficit", "[lots]") {
  const LocalDate today = d(2026, 3, 15);
  const std::vector<Lot> start{lot("old", 50, d(2025, 1, 1), d(2026, 1, 1)),   // expired
                               lot("Y", 100, d(2025, 8, 1), d(2026, 8, 1)),
                               lot("X", 5, d(2025, 5, 1), d(2026, 5, 1)),
                               lot("S1/reward", 10, d(2026, 3, 10), d(2027, 3, 10))};
  SECTION("covered by lots") {
    std::vector<Lot> lots = start;
    std::vector<Deficit> deficits;
    CHECK_FALSE(eng::reversePoints(lots, deficits, "reward", "S1/reward", 20, today));
    CHECK(findLot(lots, "S1/reward") == nullptr);
    CHECK(findLot(lots, "X") == nullptr);
    CHECK(pointsOf(lots, "Y") == 95);
    CHECK(pointsOf(lots, "old") == 50);
    CHECK(deficits.empty());
  }
  SECTION("more than the member holds leaves a deficit") {
    std::vector<Lot> lots = start;
    std::vector<Deficit> deficits;
    CHECK(eng::reversePoints(lots, deficits, "reward", "S1/reward", 200, today));
    REQUIRE(lots.size() == 1);
    CHECK(lots[0].id == "old");
    REQUIRE(deficits.size() == 1);
    CHECK(deficits[0] == Deficit{"reward", 85});
    // A second reversal grows the deficit.
    CHECK(eng::reversePoints(lots, deficits, "reward", "S1/reward", 15, today));
    CHECK(deficits[0].points == 100);
    CHECK_FALSE(eng::reversePoints(lots, deficits, "reward", "S1/reward", 0, today));
    CHECK(deficits[0].points == 100);
  }
  SECTION("an expired sale lot is skipped") {
    std::vector<Lot> lots{lot("S1/reward", 10, d(2025, 3, 10), d(2026, 3, 10)),
                          lot("Z", 30, d(2025, 9, 1), std::nullopt)};
    std::vector<Deficit> deficits;
    CHECK_FALSE(eng::reversePoints(lots, deficits, "reward", "S1/reward", 10, today));
    CHECK(pointsOf(lots, "S1/reward") == 10);
    CHECK(pointsOf(lots, "Z") == 20);
  }
  SECTION("other currencies are untouched") {
    std::vector<Lot> lots = start;
    lots.push_back(lot("S1/qualifying", 40, d(2026, 3, 10), std::nullopt, "qualifying"));
    std::vector<Deficit> deficits;
    CHECK(eng::reversePoints(lots, deficits, "qualifying", "S1/qualifying", 50, today));
    CHECK(findLot(lots, "S1/qualifying") == nullptr);
    CHECK(pointsOf(lots, "Y") == 100);
    REQUIRE(deficits.size() == 1);
    CHECK(deficits[0] == Deficit{"qualifying", 10});
  }
}

TEST_CASE("lots: the sale's lot id is the sale id and the currency", "[lots]") {
  CHECK(eng::saleLotId("T1-000042", "reward") == "T1-000042/reward");
  CHECK(eng::saleLotId("", "q") == "/q");
}

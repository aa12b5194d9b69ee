// Points burns and reward items (SEMANTICS 4, 5, 6, 7, 9 "Burns"): value floor, step from
// zero, minimum, maximum, share of what remains (exact value must fit), refusals in their
// order (never clamped), burn max, lots soonest expiry first, rewards paid in full.
#include "engine_fixtures.h"

using namespace fx;  // NOLINT

namespace {

// A member with `points` never-expiring reward points and one line of `price`.
World burnWorld(Points points, Money price = 10000) {
  World w;
  if (points > 0) w.who->lots = {lot("l1", points)};
  w.lines({line(1, "A", 1, price)});
  return w;
}

BurnPolicy& policy(World& w) { return *w.program().burn; }

}  // namespace

TEST_CASE("burn: N points are worth N x value / points, floored", "[burn]") {
  World w = burnWorld(1000);
  policy(w).points = 10;
  policy(w).value = 1;  // 10 points = 0.01
  w.burnExact(15);
  QuoteResult q = w.quote();
  checkConsistent(q);
  REQUIRE(q.burn);
  CHECK(q.burn->applied);
  CHECK(q.burn->points == 15);
  CHECK(q.burn->value == 1);
  CHECK(q.pointsPayment == 1);
  CHECK(q.toPay == 9999);
  w.burnExact(9);  // worth nothing: not a burn the policy allows
  q = w.quote();
  CHECK(burnRefusal(q) == "burn_limit");
  CHECK(q.pointsPayment == 0);
}

TEST_CASE("burn: step counted from zero, minimum and maximum", "[burn]") {
  World w = burnWorld(100000);
  policy(w).step = 50;
  policy(w).minPoints = 120;
  policy(w).maxPoints = 500;
  for (const auto& [points, refusal] : std::vector<std::pair<Points, std::string>>{
           {100, "burn_limit"}, {120, "burn_limit"}, {150, ""}, {175, "burn_limit"}, {500, ""}, {550, "burn_limit"}}) {
    w.burnExact(points);
    const QuoteResult q = w.quote();
    INFO(points);
    CHECK(burnRefusal(q) == refusal);
    CHECK(q.burn->applied == refusal.empty());
    CHECK(q.pointsPayment == (refusal.empty() ? points : 0));  // 100 points = 1.00
  }
  w.burnMax();
  CHECK(w.quote().burn->points == 500);
  policy(w).maxPoints.reset();
  w.who->lots = {lot("l1", 1049)};
  CHECK(w.quote().burn->points == 1000);
}

TEST_CASE("burn: the share limit is floored, taken after discounts, and the exact value must fit", "[burn]") {
  World w = burnWorld(100000, 1117);
  w.add(promo("ten", percentOff(1000)));  // 11.17 -> 10.05
  policy(w).points = 10;
  policy(w).value = 1;           // 10 points = 0.01
  policy(w).maxShareBp = 5000;   // half of 10.05 = 5.025 -> 5.02
  w.burnExact(5020);
  QuoteResult q = w.quote();
  checkConsistent(q);
  CHECK(q.burn->applied);
  CHECK(q.burn->value == 502);
  w.burnExact(5021);  // worth 5.021, floored to 5.02, but its exact value does not fit
  CHECK(burnRefusal(w.quote()) == "burn_limit");
  w.burnExact(5030);
  CHECK(burnRefusal(w.quote()) == "burn_limit");
  w.burnMax();
  q = w.quote();
  CHECK(q.burn->points == 5020);
  CHECK(q.toPay == 1005 - 502);
}

TEST_CASE("burn: an explicit burn is refused in the documented order, never clamped", "[burn]") {
  const auto world = [](Points have, Points ask) {
    World w = burnWorld(have);
    policy(w).step = 50;
    w.burnExact(ask);
    return w;
  };
  SECTION("member_inactive first") {
    World w = world(100, 130);
    w.who->status = MemberStatus::suspended;
    w.request.context.snapshotStale = true;
    CHECK(burnRefusal(w.quote()) == "member_inactive");
  }
  SECTION("then stale_snapshot") {
    World w = world(100, 130);
    w.request.context.snapshotStale = true;
    CHECK(burnRefusal(w.quote()) == "stale_snapshot");
  }
  SECTION("then the burn's own limits") {
    World w = world(100, 130);
    w.request.context.offlineBurnAllowance = 0;
    CHECK(burnRefusal(w.quote()) == "burn_limit");
  }
  SECTION("then the member's points") {
    World w = world(100, 150);
    w.request.context.offlineBurnAllowance = 0;
    CHECK(burnRefusal(w.quote()) == "insufficient_points");
  }
  SECTION("then the offline allowance") {
    World w = world(1000, 300);
    w.request.context.offlineBurnAllowance = 250;
    const QuoteResult q = w.quote();
    CHECK(burnRefusal(q) == "offline_limit");
    CHECK_FALSE(q.burn->applied);
    CHECK(q.burn->points == 0);
    CHECK(q.pointsPayment == 0);
    CHECK(q.burn->lotsUsed.empty());
    CHECK(balanceOf(q, "reward")->spent == 0);
  }
  SECTION("within the allowance it applies") {
    World w = world(1000, 250);
    w.request.context.offlineBurnAllowance = 250;
    CHECK(w.quote().burn->applied);
  }
}

TEST_CASE("burn: burn max takes the largest allowed, its refusal is what stops the smallest, points first",
          "[burn]") {
  const auto world = [](Points have) {
    World w = burnWorld(have);
    policy(w).step = 50;
    policy(w).minPoints = 120;  // smallest allowed: 150
    w.burnMax();
    return w;
  };
  SECTION("largest allowed within points, maximum, allowance and share") {
    World w = world(2000);
    CHECK(w.quote().burn->points == 2000);
    w.request.context.offlineBurnAllowance = 1720;
    CHECK(w.quote().burn->points == 1700);
    policy(w).maxPoints = 1234;
    CHECK(w.quote().burn->points == 1200);
    policy(w).maxShareBp = 1000;  // 10.00 of 100.00 = 1000 points
    CHECK(w.quote().burn->points == 1000);
  }
  SECTION("too few points beats every other reason") {
    World w = world(149);
    w.request.context.offlineBurnAllowance = 0;
    policy(w).maxPoints = 100;
    CHECK(burnRefusal(w.quote()) == "insufficient_points");
  }
  SECTION("then the burn's own limits (share too small for the smallest burn)") {
    World w = world(1000);
    policy(w).maxShareBp = 100;  // 1.00 of 100.00: 100 points, below the smallest 150
    w.request.context.offlineBurnAllowance = 0;
    CHECK(burnRefusal(w.quote()) == "burn_limit");
  }
  SECTION("a maximum below the smallest allowed burn") {
    World w = world(1000);
    policy(w).maxPoints = 140;
    CHECK(burnRefusal(w.quote()) == "burn_limit");
  }
  SECTION("then the offline allowance") {
    World w = world(1000);
    w.request.context.offlineBurnAllowance = 149;
    CHECK(burnRefusal(w.quote()) == "offline_limit");
  }
  SECTION("the smallest allowed burn is worth at least one minor unit") {
    World w = burnWorld(9);
    policy(w).points = 10;
    policy(w).value = 1;  // 10 points = 0.01: 9 points buy nothing
    w.burnMax();
    CHECK(burnRefusal(w.quote()) == "insufficient_points");
    w.who->lots = {lot("l1", 29)};
    const QuoteResult q = w.quote();
    CHECK(q.burn->points == 29);
    CHECK(q.burn->value == 2);
  }
  SECTION("stale snapshot stops burn max too") {
    World w = world(1000);
    w.request.context.snapshotStale = true;
    CHECK(burnRefusal(w.quote()) == "stale_snapshot");
  }
}

TEST_CASE("burn: applies after an exclusive, spread over lines by what remains", "[burn]") {
  World w = burnWorld(10000);
  Redeemable excl = promo("excl", amountOff(200, skuTarget({"B"})));
  excl.exclusive = true;
  w.add(excl);
  w.lines({line(1, "A", 1, 300), line(2, "B", 1, 900)});  // after excl: 3.00 / 7.00
  w.burnExact(500);
  const QuoteResult q = w.quote();
  checkConsistent(q);
  CHECK(appliedIds(q) == std::vector<std::string>{"excl"});
  REQUIRE(q.burn->pieces.size() == 2);
  CHECK(q.burn->pieces[0] == LinePiece{1, 150});
  CHECK(q.burn->pieces[1] == LinePiece{2, 350});
  CHECK(lineOf(q, 1).pointsPayment == 150);
  CHECK(lineOf(q, 2).toPay == 350);
  CHECK(lineOf(q, 2).net == 700);
}

TEST_CASE("burn: lots expiring soonest are consumed first, expired lots are not spendable", "[burn]") {
  World w = burnWorld(0);
  w.who->lots = {lot("never", 1000), lot("late", 500, LocalDate{2026, 12, 31}),
                 lot("soon", 300, LocalDate{2026, 4, 1}), lot("today", 100, LocalDate{2026, 3, 2}),
                 lot("gone", 5000, LocalDate{2026, 3, 1})};
  w.burnExact(500);
  QuoteResult q = w.quote();
  REQUIRE(q.burn->applied);
  REQUIRE(q.burn->lotsUsed.size() == 3);
  CHECK(q.burn->lotsUsed[0].lotId == "today");  // an expiry date is included
  CHECK(q.burn->lotsUsed[0].points == 100);
  CHECK(q.burn->lotsUsed[1].lotId == "soon");
  CHECK(q.burn->lotsUsed[1].points == 300);
  CHECK(q.burn->lotsUsed[2].lotId == "late");
  CHECK(q.burn->lotsUsed[2].points == 100);
  CHECK(balanceOf(q, "reward")->before == 1900);
  w.burnExact(2000);
  CHECK(burnRefusal(w.quote()) == "insufficient_points");
}

TEST_CASE("burn: points earned in this basket cannot be spent in it", "[burn]") {
  World w = burnWorld(0, 50000);
  w.burnMax();
  const QuoteResult q = w.quote();
  CHECK(burnRefusal(q) == "insufficient_points");
  CHECK(earnedTotal(q) == 500);
  CHECK(balanceOf(q, "reward")->after == 500);
}

TEST_CASE("burn: the part paid with points earns nothing", "[burn]") {
  World w = burnWorld(1000);
  w.burnExact(500);
  const QuoteResult q = w.quote();
  CHECK(q.toPay == 9500);
  CHECK(earnedTotal(q) == 95);
  const CurrencyBalance* b = balanceOf(q, "reward");
  REQUIRE(b != nullptr);
  CHECK(b->before == 1000);
  CHECK(b->spent == 500);
  CHECK(b->earned == 95);
  CHECK(b->after == 595);
}

TEST_CASE("rewards: N cheapest target units, costing N times", "[burn][rewards]") {
  World w = burnWorld(5000);
  w.add(reward("coffee", freeItem(skuTarget({"coffee"})), 500));
  w.lines({line(1, "coffee", 2, 300), line(2, "coffee", 3, 250), line(3, "cake", 1, 400)});
  w.redeem("coffee", 2);
  QuoteResult q = w.quote();
  checkConsistent(q);
  const AppliedRedeemable* a = appliedOf(q, "coffee");
  REQUIRE(a != nullptr);
  CHECK(a->discount == 500);
  CHECK(pieceOf(q, "coffee", 2) == 500);
  CHECK(a->unitsRewarded == 2);
  CHECK(a->pointsCost == 1000);
  CHECK(a->code == "coffee");
  CHECK(balanceOf(q, "reward")->spent == 1000);
  CHECK(lineOf(q, 2).discounts.front().kind == SourceKind::reward);
  // Fewer target units than asked: rewards (and charges for) those present.
  w.request.redeem = {RedeemRequest{"coffee", 9}};
  q = w.quote();
  CHECK(appliedOf(q, "coffee")->unitsRewarded == 5);
  CHECK(appliedOf(q, "coffee")->pointsCost == 2500);
  CHECK(appliedOf(q, "coffee")->discount == 1350);
}

TEST_CASE("rewards: refused, never partly granted, when the points do not cover all", "[burn][rewards]") {
  World w = burnWorld(1200);
  w.add(reward("coffee", freeItem(skuTarget({"coffee"})), 500));
  w.lines({line(1, "coffee", 3, 250)});
  w.redeem("coffee", 3);
  const QuoteResult q = w.quote();
  CHECK(q.applied.empty());
  CHECK(rejectionOf(q, "coffee") == "insufficient_points");
  CHECK(q.discountTotal == 0);
  CHECK(balanceOf(q, "reward")->spent == 0);
}

TEST_CASE("rewards: the offline allowance counts rewards, then the burn", "[burn][rewards]") {
  World w = burnWorld(5000);
  w.add(reward("coffee", freeItem(skuTarget({"coffee"})), 500));
  w.lines({line(1, "coffee", 1, 250), line(2, "A", 1, 10000)});
  w.redeem("coffee").burnExact(600);
  w.request.context.offlineBurnAllowance = 1000;
  QuoteResult q = w.quote();
  REQUIRE(appliedOf(q, "coffee") != nullptr);
  CHECK(burnRefusal(q) == "offline_limit");  // 500 left after the reward
  w.burnMax();
  q = w.quote();
  CHECK(q.burn->points == 500);
  w.request.context.offlineBurnAllowance = 499;
  q = w.quote();
  CHECK(rejectionOf(q, "coffee") == "offline_limit");
}

TEST_CASE("rewards: members only, active, with a fresh snapshot", "[burn][rewards]") {
  World w = burnWorld(5000);
  w.add(reward("coffee", freeItem(skuTarget({"coffee"})), 500));
  w.lines({line(1, "coffee", 1, 250)});
  w.redeem("coffee");
  w.request.context.snapshotStale = true;
  CHECK(rejectionOf(w.quote(), "coffee") == "stale_snapshot");
  w.who->status = MemberStatus::suspended;
  CHECK(rejectionOf(w.quote(), "coffee") == "member_inactive");
  w.anonymous();
  CHECK(rejectionOf(w.quote(), "coffee") == "member_required");
}

TEST_CASE("rewards: the points come from the soonest-expiring lots and show in the balances",
          "[burn][rewards]") {
  World w = burnWorld(0, 1000);
  w.who->lots = {lot("never", 800), lot("soon", 300, LocalDate{2026, 5, 1})};
  w.add(reward("coffee", freeItem(skuTarget({"coffee"})), 500));
  w.lines({line(1, "coffee", 1, 250), line(2, "A", 1, 1000)});
  w.redeem("coffee").burnMax();
  const QuoteResult q = w.quote();
  const AppliedRedeemable* a = appliedOf(q, "coffee");
  REQUIRE(a != nullptr);
  REQUIRE(a->lotsUsed.size() == 2);
  CHECK(a->lotsUsed[0].lotId == "soon");
  CHECK(a->lotsUsed[0].points == 300);
  CHECK(a->lotsUsed[1].lotId == "never");
  CHECK(a->lotsUsed[1].points == 200);
  CHECK(q.burn->points == 600);  // what is left
  CHECK(q.burn->value == 600);
  const CurrencyBalance* b = balanceOf(q, "reward");
  CHECK(b->before == 1100);
  CHECK(b->spent == 1100);
  CHECK(b->earned == 4);  // 10.00 + 2.50 - 2.50 - 6.00 = 4.00 at 1 point per 1.00
  CHECK(b->after == 4);
}

TEST_CASE("burn: nothing left to pay leaves no share to burn", "[burn]") {
  World w = burnWorld(1000);
  w.add(promo("all", percentOff(10000)));
  w.burnExact(100);
  QuoteResult q = w.quote();
  CHECK(q.toPay == 0);
  CHECK(burnRefusal(q) == "burn_limit");
  w.burnMax();
  CHECK(burnRefusal(w.quote()) == "burn_limit");
  w.who->lots.clear();
  CHECK(burnRefusal(w.quote()) == "insufficient_points");
}

TEST_CASE("rewards: a reward that is not unit-level applies once and costs once", "[burn][rewards]") {
  World w = burnWorld(5000);
  w.add(reward("fiver", amountOff(500), 400));
  w.redeem("fiver", 3);
  const QuoteResult q = w.quote();
  const AppliedRedeemable* a = appliedOf(q, "fiver");
  REQUIRE(a != nullptr);
  CHECK(a->discount == 500);
  CHECK(a->unitsRewarded == 1);
  CHECK(a->pointsCost == 400);
}

TEST_CASE("rewards: a unit made free by a reward still counts as bought for buy X get Y", "[burn][rewards]") {
  World w = burnWorld(5000);
  Redeemable coffee = reward("coffee", freeItem(skuTarget({"coffee"})), 500);
  coffee.priority = 5;
  w.add(coffee);
  w.add(promo("b1g1", buyXGetY(1, 1, skuTarget({"coffee"}))));
  w.lines({line(1, "coffee", 1, 300), line(2, "coffee", 1, 250)});
  w.redeem("coffee");
  const QuoteResult q = w.quote();
  CHECK(pieceOf(q, "coffee", 2) == 250);
  CHECK(pieceOf(q, "b1g1", 1) == 300);
  CHECK(q.toPay == 0);
}

// Discount effects (SEMANTICS 4, 9 "Unit-level effects"): unit shares, cheapest units,
// free items, per-unit amounts, fixed prices, maximums, buy X get Y, never below zero.
#include "engine_fixtures.h"

using namespace fx;  // NOLINT

namespace {

// Promotion `id` at a given priority (higher applies first).
Redeemable ranked(Redeemable r, int priority) {
  r.priority = priority;
  return r;
}

}  // namespace

TEST_CASE("effects: a line's remaining 5.99 over 3 units is 2.00, 2.00, 1.99, free item takes 1.99",
          "[effects]") {
  for (const auto& [units, expected] : std::vector<std::pair<std::int64_t, Money>>{{1, 199}, {2, 399}, {3, 599}}) {
    World w;
    w.add(ranked(promo("a-first", amountOff(31, skuTarget({"X"}))), 10));  // 6.30 -> 5.99
    w.add(promo("free", freeItem(skuTarget({"X"}), units)));
    w.lines({line(1, "X", 3, 210)});
    const QuoteResult q = w.quote();
    checkConsistent(q);
    CHECK(appliedIds(q) == std::vector<std::string>{"a-first", "free"});
    CHECK(discountOf(q, "free") == expected);
    CHECK(appliedOf(q, "free") != nullptr);
  }
}

TEST_CASE("effects: cheapest unit ranks by remaining unit value, ties to the lower line number", "[effects]") {
  SECTION("equal unit values: the lower line number, whatever the listing order") {
    World w;
    w.add(promo("free", freeItem(basketTarget())));
    w.lines({line(3, "C", 1, 200), line(1, "A", 1, 300), line(2, "B", 1, 200)});
    const QuoteResult q = w.quote();
    CHECK(pieceOf(q, "free", 2) == 200);
    CHECK(discountOf(q, "free") == 200);
  }
  SECTION("a unit of a multi-unit line is ranked by its own share") {
    World w;
    w.add(promo("free", freeItem(basketTarget())));
    w.lines({line(1, "A", 2, 150), line(2, "B", 1, 200)});
    const QuoteResult q = w.quote();
    CHECK(pieceOf(q, "free", 1) == 150);
    CHECK(lineOf(q, 1).net == 150);
  }
  SECTION("ranking uses the value after discounts applied before") {
    World w;
    w.add(ranked(promo("half-a", percentOff(5000, skuTarget({"A"}))), 10));  // A: 3.00 -> 1.50
    w.add(promo("free", freeItem(basketTarget())));
    w.lines({line(1, "B", 1, 200), line(2, "A", 1, 300)});
    const QuoteResult q = w.quote();
    CHECK(pieceOf(q, "free", 2) == 150);
    CHECK(pieceOf(q, "free", 1) == 0);
    CHECK(lineOf(q, 2).net == 0);
  }
}

TEST_CASE("effects: cheapest N units, spread over the lines holding them by their value", "[effects]") {
  const std::vector<BasketLine> basket{line(1, "A", 2, 500), line(2, "B", 1, 300), line(3, "C", 1, 800)};
  SECTION("50% off the 2 cheapest units: 3.00 and 5.00") {
    World w;
    w.add(promo("half2", cheapest(percentOff(5000), 2)));
    w.lines(basket);
    const QuoteResult q = w.quote();
    checkConsistent(q);
    CHECK(discountOf(q, "half2") == 400);
    CHECK(pieceOf(q, "half2", 1) == 250);
    CHECK(pieceOf(q, "half2", 2) == 150);
    CHECK(pieceOf(q, "half2", 3) == 0);
  }
  SECTION("3 cheapest units free") {
    World w;
    w.add(promo("free3", freeItem(basketTarget(), 3)));
    w.lines(basket);
    const QuoteResult q = w.quote();
    CHECK(discountOf(q, "free3") == 1300);
    CHECK(lineOf(q, 1).net == 0);
    CHECK(lineOf(q, 2).net == 0);
    CHECK(lineOf(q, 3).net == 800);
  }
  SECTION("cheapest units free with a maximum: the cap follows the units' values") {
    World w;
    w.add(promo("free2", capped(freeItem(basketTarget(), 2), 400)));
    w.lines(basket);
    const QuoteResult q = w.quote();
    CHECK(discountOf(q, "free2") == 400);
    CHECK(pieceOf(q, "free2", 1) == 250);  // 400 x 500 / 800
    CHECK(pieceOf(q, "free2", 2) == 150);
  }
}

TEST_CASE("effects: amount off once over its target is spread by the lines' remaining amounts", "[effects]") {
  World w;
  w.add(promo("five", amountOff(500, categoryTarget({"food"}))));
  w.lines({line(1, "A", 1, 300, {"food"}), line(2, "B", 1, 700, {"food"}), line(3, "C", 1, 1000, {"toys"})});
  const QuoteResult q = w.quote();
  checkConsistent(q);
  CHECK(pieceOf(q, "five", 1) == 150);
  CHECK(pieceOf(q, "five", 2) == 350);
  CHECK(pieceOf(q, "five", 3) == 0);
}

TEST_CASE("effects: per-unit amount off never takes a unit below zero", "[effects]") {
  World w;
  w.add(promo("euro", amountOff(100, skuTarget({"X"}), true)));
  w.lines({line(1, "X", 3, 250), line(2, "X", 2, 60), line(3, "Y", 1, 500)});
  const QuoteResult q = w.quote();
  checkConsistent(q);
  CHECK(pieceOf(q, "euro", 1) == 300);
  CHECK(pieceOf(q, "euro", 2) == 120);
  CHECK(lineOf(q, 2).net == 0);
  CHECK(discountOf(q, "euro") == 420);
  CHECK(appliedOf(q, "euro")->unitsRewarded == 0);  // not a reward item
}

TEST_CASE("effects: fixed price per unit and for the group", "[effects]") {
  SECTION("per unit: X at 1.00 each, units already cheaper are left alone") {
    World w;
    w.add(promo("fix", fixedPrice(100, skuTarget({"X"}), true)));
    w.lines({line(1, "X", 3, 250), line(2, "X", 2, 80)});
    const QuoteResult q = w.quote();
    checkConsistent(q);
    CHECK(pieceOf(q, "fix", 1) == 450);
    CHECK(pieceOf(q, "fix", 2) == 0);
    CHECK(lineOf(q, 1).net == 300);
  }
  SECTION("for the group: all snacks together for 5.00") {
    World w;
    w.add(promo("fix", fixedPrice(500, categoryTarget({"snacks"}), false)));
    w.lines({line(1, "A", 2, 250, {"snacks"}), line(2, "B", 1, 300, {"snacks"}), line(3, "C", 1, 900)});
    const QuoteResult q = w.quote();
    checkConsistent(q);
    CHECK(discountOf(q, "fix") == 300);
    // 300 over 500 : 300 -> 187.5 / 112.5, the equal remainders tie to line 1.
    CHECK(pieceOf(q, "fix", 1) == 188);
    CHECK(pieceOf(q, "fix", 2) == 112);
    CHECK(lineOf(q, 1).net + lineOf(q, 2).net == 500);
  }
  SECTION("a group already at or below the price takes nothing off") {
    World w;
    w.add(promo("fix", fixedPrice(500, categoryTarget({"snacks"}), false)));
    w.lines({line(1, "A", 2, 250, {"snacks"})});
    const QuoteResult q = w.quote();
    CHECK(q.applied.empty());
    CHECK(rejectionOf(q, "fix") == "no_effect");
  }
}

TEST_CASE("effects: percent off with a maximum", "[effects]") {
  World w;
  w.add(promo("twenty", capped(percentOff(2000), 1000)));
  w.lines({line(1, "A", 1, 6000), line(2, "B", 1, 4000)});
  const QuoteResult q = w.quote();
  checkConsistent(q);
  CHECK(discountOf(q, "twenty") == 1000);
  CHECK(pieceOf(q, "twenty", 1) == 600);
  CHECK(pieceOf(q, "twenty", 2) == 400);
}

TEST_CASE("effects: a maximum cutting a per-unit discount spreads in proportion to the uncapped pieces",
          "[effects]") {
  World w;
  // Uncapped: 3 x 1.00 on line 1, 0.50 on line 2 (its whole unit); capped at 2.00.
  w.add(promo("euro", capped(amountOff(100, skuTarget({"X"}), true), 200)));
  w.lines({line(1, "X", 3, 500), line(2, "X", 1, 50)});
  const QuoteResult q = w.quote();
  checkConsistent(q);
  CHECK(discountOf(q, "euro") == 200);
  // 200 x 300/350 = 171.43, 200 x 50/350 = 28.57 -> 171 / 29 (not 194 / 6 by remaining amounts).
  CHECK(pieceOf(q, "euro", 1) == 171);
  CHECK(pieceOf(q, "euro", 2) == 29);
}

TEST_CASE("effects: buy X get Y repeats for every complete group", "[effects][bxgy]") {
  for (const auto& [units, free] : std::vector<std::pair<std::int64_t, Money>>{
           {2, 0}, {3, 100}, {5, 100}, {6, 200}, {7, 200}, {9, 300}}) {
    World w;
    w.add(promo("b2g1", buyXGetY(2, 1, skuTarget({"X"}))));
    w.lines({line(1, "X", units, 100)});
    const QuoteResult q = w.quote();
    CHECK(discountOf(q, "b2g1") == free);
    if (free == 0) CHECK(rejectionOf(q, "b2g1") == "no_effect");
  }
}

TEST_CASE("effects: buy X get Y with a maximum number of groups", "[effects][bxgy]") {
  Effect e = buyXGetY(2, 1, skuTarget({"X"}));
  e.maxGroups = 1;
  World w;
  w.add(promo("b2g1", e));
  w.lines({line(1, "X", 9, 100)});
  CHECK(discountOf(w.quote(), "b2g1") == 100);
}

TEST_CASE("effects: buy X get Y discounts the k*Y cheapest units of the whole basket", "[effects][bxgy]") {
  World w;
  w.add(promo("b2g1", buyXGetY(2, 1, skuTarget({"X"}))));
  // Two groups; group by group would free one 5.00 and one 1.00 unit.
  w.lines({line(1, "X", 3, 500), line(2, "X", 3, 100)});
  const QuoteResult q = w.quote();
  checkConsistent(q);
  CHECK(discountOf(q, "b2g1") == 200);
  CHECK(pieceOf(q, "b2g1", 2) == 200);
  CHECK(pieceOf(q, "b2g1", 1) == 0);
}

TEST_CASE("effects: buy X get Y ties between equal units go to the lower line number", "[effects][bxgy]") {
  World w;
  w.add(promo("b2g1", buyXGetY(2, 1, skuTarget({"X", "Y"}))));
  w.lines({line(7, "Y", 1, 100), line(3, "X", 1, 100), line(5, "X", 1, 100)});
  const QuoteResult q = w.quote();
  CHECK(pieceOf(q, "b2g1", 3) == 100);
  CHECK(discountOf(q, "b2g1") == 100);
}

TEST_CASE("effects: buy X get Y at a percent of the get units, half-up", "[effects][bxgy]") {
  World w;
  w.add(promo("b1g1half", buyXGetY(1, 1, skuTarget({"X"}), 5000)));
  w.lines({line(1, "X", 2, 999)});
  CHECK(discountOf(w.quote(), "b1g1half") == 500);  // 4.995 -> 5.00
}

TEST_CASE("effects: buy X get Y with a separate get target", "[effects][bxgy]") {
  const auto world = [](std::int64_t a, std::int64_t b) {
    Effect e = buyXGetY(2, 1, skuTarget({"A"}));
    e.getTarget = skuTarget({"B"});
    World w;
    w.add(promo("b2a-g1b", e));
    std::vector<BasketLine> lines;
    if (a > 0) lines.push_back(line(1, "A", a, 300));
    if (b > 0) lines.push_back(line(2, "B", b, 150));
    w.lines(lines);
    return w;
  };
  SECTION("one group") {
    const QuoteResult q = world(2, 2).quote();
    CHECK(discountOf(q, "b2a-g1b") == 150);
    CHECK(pieceOf(q, "b2a-g1b", 2) == 150);
  }
  SECTION("two groups, limited by the bought units") {
    CHECK(discountOf(world(5, 3).quote(), "b2a-g1b") == 300);
  }
  SECTION("limited by the get units in the basket") {
    CHECK(discountOf(world(6, 1).quote(), "b2a-g1b") == 150);
  }
  SECTION("no get units in the basket: the bought units are never the free ones") {
    const QuoteResult q = world(3, 0).quote();
    CHECK(q.applied.empty());
    CHECK(q.discountTotal == 0);
  }
  SECTION("get units without enough bought units") {
    const QuoteResult q = world(1, 3).quote();
    CHECK(q.discountTotal == 0);
    CHECK(rejectionOf(q, "b2a-g1b") == "no_effect");
  }
}

TEST_CASE("effects: overlapping buy and get targets keep k*X other units as the bought ones",
          "[effects][bxgy]") {
  Effect e = buyXGetY(2, 1, categoryTarget({"drink"}));
  e.getTarget = skuTarget({"water"});
  World w;
  w.add(promo("drinks", e));
  w.lines({line(1, "water", 3, 100, {"drink"}), line(2, "cola", 1, 200, {"drink"})});
  // 4 drink units: one group (3 would need 2 x 2 bought + 2 free = 6 units).
  const QuoteResult q = w.quote();
  CHECK(discountOf(q, "drinks") == 100);
  CHECK(pieceOf(q, "drinks", 1) == 100);
}

TEST_CASE("effects: buy X get Y picks the cheapest get units that still leave the bought ones",
          "[effects][bxgy]") {
  // Buy an A, get an A or a B: with one A and one B the group is "A bought, B free"; taking
  // the cheaper A as the free unit would leave nothing bought.
  Effect e = buyXGetY(1, 1, skuTarget({"A"}));
  e.getTarget = skuTarget({"A", "B"});
  World w;
  w.add(promo("ab", e));
  w.lines({line(1, "A", 1, 100), line(2, "B", 1, 200)});
  QuoteResult q = w.quote();
  CHECK(discountOf(q, "ab") == 200);
  CHECK(pieceOf(q, "ab", 2) == 200);
  // With two A the cheapest get unit is an A again.
  w.lines({line(1, "A", 2, 100), line(2, "B", 1, 200)});
  q = w.quote();
  CHECK(discountOf(q, "ab") == 100);
  CHECK(pieceOf(q, "ab", 1) == 100);
  // Three A and a B: two groups need two bought A, so one A and the B are the free ones.
  w.lines({line(1, "A", 3, 100), line(2, "B", 1, 200)});
  q = w.quote();
  CHECK(discountOf(q, "ab") == 300);
}

TEST_CASE("effects: a discount never takes a line or the total below zero", "[effects]") {
  SECTION("amount off larger than the basket") {
    World w;
    w.add(promo("big", amountOff(1000)));
    w.lines({line(1, "A", 1, 250), line(2, "B", 1, 350)});
    const QuoteResult q = w.quote();
    checkConsistent(q);
    CHECK(discountOf(q, "big") == 600);
    CHECK(q.toPay == 0);
  }
  SECTION("per-unit amount larger than the unit") {
    World w;
    w.add(promo("big", amountOff(500, basketTarget(), true)));
    w.lines({line(1, "A", 2, 300)});
    const QuoteResult q = w.quote();
    CHECK(discountOf(q, "big") == 600);
    CHECK(lineOf(q, 1).net == 0);
  }
  SECTION("stacked discounts: the later ones take only what is left") {
    World w;
    w.add(ranked(promo("a", amountOff(400)), 3));
    w.add(ranked(promo("b", amountOff(400)), 2));
    w.add(ranked(promo("c", percentOff(5000)), 1));
    w.lines({line(1, "A", 1, 250), line(2, "B", 1, 350)});
    const QuoteResult q = w.quote();
    checkConsistent(q);
    CHECK(discountOf(q, "a") == 400);
    CHECK(discountOf(q, "b") == 200);
    CHECK(rejectionOf(q, "c") == "no_effect");
    CHECK(q.toPay == 0);
  }
}

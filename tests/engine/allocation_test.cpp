// Rounding and spreading (SEMANTICS 1, 9): a percent is computed once, half-up, on the
// lines it targets; amounts taken off a group are spread by largest remainder with ties to
// the lower line number; a line's amount is shared over its units the same way.
#include <algorithm>
#include <vector>

#include "engine/allocation.h"
#include "engine_fixtures.h"

using namespace fx;  // NOLINT

namespace {

// The split of one applied redeemable over lines, in line-number order.
std::vector<Money> splitOf(const QuoteResult& q, const std::string& id, const std::vector<std::int64_t>& lineNos) {
  std::vector<Money> out;
  for (auto no : lineNos) out.push_back(pieceOf(q, id, no));
  return out;
}

}  // namespace

TEST_CASE("allocation: 10% of 90.05 is 9.01 however many lines make up 90.05", "[allocation]") {
  struct Case {
    std::vector<BasketLine> lines;
    std::vector<Money> split;
  };
  const std::vector<Case> cases{
      {{line(1, "A", 1, 9005)}, {901}},
      {{line(1, "A", 1, 4500), line(2, "B", 1, 4505)}, {450, 451}},
      // 300.27 / 300.37 / 300.37: one minor unit left, the two equal remainders tie -> line 2.
      {{line(1, "A", 1, 3001), line(2, "B", 1, 3002), line(3, "C", 1, 3002)}, {300, 301, 300}},
      {{line(1, "A", 1, 1801), line(2, "B", 1, 1801), line(3, "C", 1, 1801), line(4, "D", 1, 1801),
        line(5, "E", 1, 1801)},
       {181, 180, 180, 180, 180}},
      // A multi-unit line counts with its whole amount: 5 x 18.01.
      {{line(1, "A", 5, 1801)}, {901}},
  };
  for (const auto& c : cases) {
    World w;
    w.add(promo("ten", percentOff(1000)));
    w.lines(c.lines);
    const QuoteResult q = w.quote();
    checkConsistent(q);
    CHECK(discountOf(q, "ten") == 901);
    CHECK(q.toPay == 9005 - 901);
    std::vector<std::int64_t> nos;
    for (const auto& l : c.lines) nos.push_back(l.lineNo);
    CHECK(splitOf(q, "ten", nos) == c.split);
  }
}

TEST_CASE("allocation: a percent rounds half-up to the minor unit", "[allocation]") {
  // 5% of 0.30 = 1.5 cents -> 2; 5% of 0.29 = 1.45 -> 1; 5% of 0.10 = 0.5 -> 1.
  for (const auto& [price, off] : std::vector<std::pair<Money, Money>>{{30, 2}, {29, 1}, {10, 1}, {9, 0}}) {
    World w;
    w.add(promo("five", percentOff(500)));
    w.lines({line(1, "A", 1, price)});
    const QuoteResult q = w.quote();
    CHECK(discountOf(q, "five") == off);
    if (off == 0) CHECK(rejectionOf(q, "five") == "no_effect");
  }
}

TEST_CASE("allocation: largest-remainder ties go to the lower line number, not the listing order",
          "[allocation]") {
  World w;
  w.add(promo("two", amountOff(2)));  // 0.02 over three equal lines
  w.lines({line(30, "C", 1, 100), line(10, "A", 1, 100), line(20, "B", 1, 100)});
  const QuoteResult q = w.quote();
  checkConsistent(q);
  CHECK(splitOf(q, "two", {10, 20, 30}) == std::vector<Money>{1, 1, 0});
  // The result lists lines by ascending line number whatever the basket order.
  REQUIRE(q.lines.size() == 3);
  CHECK(q.lines[0].lineNo == 10);
  CHECK(q.lines[1].lineNo == 20);
  CHECK(q.lines[2].lineNo == 30);
}

TEST_CASE("allocation: the larger remainder wins before the lower line number", "[allocation]") {
  World w;
  w.add(promo("ten", percentOff(1000)));
  // 9.01 over 0.01 / 0.02 / 0.03 / 0.04 / 89.95: the leftover unit goes to line 4 (0.36).
  w.lines({line(1, "A", 1, 1), line(2, "B", 1, 2), line(3, "C", 1, 3), line(4, "D", 1, 4), line(5, "E", 1, 8995)});
  const QuoteResult q = w.quote();
  CHECK(splitOf(q, "ten", {1, 2, 3, 4, 5}) == std::vector<Money>{0, 0, 0, 1, 900});
}

TEST_CASE("allocation: lines listed in any order give the same result", "[allocation]") {
  std::vector<BasketLine> lines{line(1, "A", 3, 333, {"food"}), line(2, "B", 1, 1999, {"food"}),
                                line(3, "C", 2, 745, {"drink"}), line(4, "D", 1, 1, {"drink"})};
  const auto price = [](const std::vector<BasketLine>& basket) {
    World w;
    w.add(promo("pct", percentOff(1250)));
    w.add(promo("free", freeItem(categoryTarget({"drink"}))));
    w.add(promo("amt", amountOff(77, categoryTarget({"food"}))));
    w.lines(basket).burnExact(1000);
    w.who->lots = {lot("l1", 5000)};
    return w.quote();
  };
  const QuoteResult reference = price(lines);
  checkConsistent(reference);
  std::sort(lines.begin(), lines.end(), [](const BasketLine& a, const BasketLine& b) { return a.lineNo < b.lineNo; });
  int permutations = 0;
  do {
    const QuoteResult q = price(lines);
    ++permutations;
    REQUIRE(q.lines.size() == reference.lines.size());
    for (std::size_t i = 0; i < q.lines.size(); ++i) {
      CHECK(q.lines[i].lineNo == reference.lines[i].lineNo);
      CHECK(q.lines[i].discountTotal == reference.lines[i].discountTotal);
      CHECK(q.lines[i].pointsPayment == reference.lines[i].pointsPayment);
    }
    CHECK(appliedIds(q) == appliedIds(reference));
    CHECK(q.toPay == reference.toPay);
    CHECK(earnedTotal(q) == earnedTotal(reference));
  } while (std::next_permutation(lines.begin(), lines.end(),
                                 [](const BasketLine& a, const BasketLine& b) { return a.lineNo < b.lineNo; }));
  CHECK(permutations == 24);
}

TEST_CASE("allocation: spreads, unit shares and half-up percent as functions", "[allocation]") {
  CHECK(spreadLargestRemainder(901, {3001, 3002, 3002}) == std::vector<Money>{300, 301, 300});
  CHECK(spreadLargestRemainder(1, {5, 5}) == std::vector<Money>{1, 0});
  CHECK(spreadLargestRemainder(0, {5, 5}) == std::vector<Money>{0, 0});
  CHECK(spreadLargestRemainder(7, {0, 0}) == std::vector<Money>{0, 0});
  // 5.99 over 3 units: 2.00, 2.00, 1.99.
  CHECK(unitShare(599, 3, 0) == 200);
  CHECK(unitShare(599, 3, 1) == 200);
  CHECK(unitShare(599, 3, 2) == 199);
  CHECK(firstUnitsShare(599, 3, 2) == 400);
  CHECK(firstUnitsShare(599, 3, 3) == 599);
  CHECK(percentHalfUp(9005, 1000) == 901);
  CHECK(percentHalfUp(15, 1000) == 2);   // 1.5 -> 2
  CHECK(percentHalfUp(14, 1000) == 1);   // 1.4 -> 1
  CHECK(mulDivFloor(7, 3, 2) == 10);
  // Large amounts stay exact (128-bit products).
  CHECK(spreadLargestRemainder(kMaxAmount, {kMaxAmount, kMaxAmount}) ==
        std::vector<Money>{kMaxAmount / 2, kMaxAmount / 2});
}

// The quote's match table must say exactly what lineMatches says, for every target.
#include <catch2/catch.hpp>

#include <algorithm>

#include "engine/basket_match.h"
#include "engine/bundle_index.h"
#include "engine/conditions.h"
#include "random_bundle.h"

using namespace loyalty::engine;

namespace {

std::vector<std::uint32_t> expectedLines(const Target& target, const std::vector<const BasketLine*>& lines) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < lines.size(); ++i) {
    if (lineMatches(target, *lines[i])) out.push_back(i);
  }
  return out;
}

void requireSame(const MatchTable& table, const Target& target, const std::vector<const BasketLine*>& lines) {
  const auto span = table.linesOf(target);
  const std::vector<std::uint32_t> actual(span.begin(), span.end());
  REQUIRE(actual == expectedLines(target, lines));
}

}  // namespace

TEST_CASE("match table agrees with lineMatches for every target", "[match]") {
  loyalty::testing::RandomInputs random(99);
  loyalty::testing::RandomBundleShape shape;
  shape.earningRules = 40;
  shape.redeemables = 60;
  shape.skus = 60;
  shape.categories = 6;
  loyalty::testing::RandomBasketShape basketShape;
  basketShape.maxLines = 30;
  for (int round = 0; round < 200; ++round) {
    const BundleIndex index(random.bundle(shape));
    const ProgramIndex& program = *index.program("p");
    Basket basket = random.basket(shape, basketShape);
    // Lines with SKUs and categories no rule names must match basket-wide targets only.
    basket.lines.push_back(BasketLine{999, "unknown-sku", {"unknown-category"}, 1, 100});
    std::vector<const BasketLine*> lines;
    for (const auto& line : basket.lines) lines.push_back(&line);
    const MatchTable table(program, lines);
    for (const auto& rule : program.program->earningRules) requireSame(table, rule.target, lines);
    for (const auto& redeemable : program.program->redeemables) {
      requireSame(table, redeemable.effect.target, lines);
      if (redeemable.effect.getTarget) requireSame(table, *redeemable.effect.getTarget, lines);
    }
  }
}

TEST_CASE("match table on an empty basket matches nothing", "[match]") {
  loyalty::testing::RandomInputs random(5);
  const BundleIndex index(random.bundle(loyalty::testing::RandomBundleShape{}));
  const ProgramIndex& program = *index.program("p");
  const MatchTable table(program, {});
  for (const auto& rule : program.program->earningRules) CHECK(table.linesOf(rule.target).empty());
}

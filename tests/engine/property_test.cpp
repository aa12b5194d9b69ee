// Seeded property tests over random bundles and baskets (SEMANTICS invariants). The seed is
// printed on failure; LOYALTY_PROPERTY_SEED and LOYALTY_PROPERTY_CASES override the run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>

#include "engine/pricing_engine.h"
#include "random_bundle.h"

namespace {
using namespace loyalty::engine;
using loyalty::testing::RandomBasketShape;
using loyalty::testing::RandomBundleShape;
using loyalty::testing::RandomInputs;

std::uint64_t envNumber(const char* name, std::uint64_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::strtoull(value, nullptr, 10) : fallback;
}

// Internal consistency of one result; returns the first broken invariant, empty if none.
std::string checkConsistency(const QuoteResult& r) {
  Money gross = 0, discounts = 0, points = 0, toPay = 0;
  std::map<std::string, Money> bySource;
  for (const auto& line : r.lines) {
    Money lineDiscount = 0;
    for (const auto& d : line.discounts) {
      if (d.amount <= 0) return "non-positive discount piece on line " + std::to_string(line.lineNo);
      lineDiscount += d.amount;
      bySource[d.sourceId] += d.amount;
    }
    if (line.gross != line.quantity * line.unitPrice) return "gross";
    if (line.discountTotal != lineDiscount) return "line discount total";
    if (line.net != line.gross - line.discountTotal) return "net";
    if (line.net < 0 || line.toPay < 0 || line.pointsPayment < 0) return "line below zero";
    if (line.toPay != line.net - line.pointsPayment) return "toPay";
    gross += line.gross;
    discounts += line.discountTotal;
    points += line.pointsPayment;
    toPay += line.toPay;
  }
  if (gross != r.gross || discounts != r.discountTotal || points != r.pointsPayment || toPay != r.toPay) {
    return "basket totals";
  }
  if (r.toPay < 0) return "total below zero";
  for (const auto& a : r.applied) {
    Money sum = 0;
    for (const auto& piece : a.pieces) sum += piece.amount;
    if (sum != a.discount || a.discount <= 0) return "pieces of " + a.redeemableId;
    if (bySource[a.redeemableId] != a.discount) return "line pieces of " + a.redeemableId;
  }
  if (r.burn && r.burn->applied) {
    Money sum = 0;
    for (const auto& piece : r.burn->pieces) sum += piece.amount;
    if (sum != r.burn->value || sum != r.pointsPayment) return "burn pieces";
  } else if (r.pointsPayment != 0) {
    return "points payment without a burn";
  }
  for (const auto& b : r.balances) {
    if (b.after != b.before - b.spent + b.earned) return "balance of " + b.currency;
  }
  return {};
}

struct Totals {
  std::map<std::string, Points> reversed;  // per rule
  std::map<std::string, Points> restored;  // per source
};

// Returns every unit of the sale in `steps` rounds (random split), summing what comes back.
Totals returnAll(const PricingEngine& engine, const QuoteResult& sale, RandomInputs& random, int steps,
                 std::string& failure) {
  Totals totals;
  std::map<std::int64_t, std::int64_t> left;
  for (const auto& line : sale.lines) left[line.lineNo] = line.quantity;
  std::vector<ReturnLine> before;
  for (int step = 0; step < steps && failure.empty(); ++step) {
    ReturnRequest request;
    request.time = QuoteTime{};
    request.time.localDate = LocalDate{2026, 12, 31};
    request.returnedBefore = before;
    for (auto& [lineNo, units] : left) {
      if (units == 0) continue;
      const std::int64_t take = step == steps - 1 ? units : random.between(0, units);
      if (take == 0) continue;
      request.lines.push_back(ReturnLine{lineNo, take});
      units -= take;
    }
    if (request.lines.empty()) continue;
    auto result = engine.computeReturn(sale, request);
    if (!result) {
      failure = "return failed: " + result.error().reason + " " + result.error().message;
      break;
    }
    for (const auto& r : result->reversed) totals.reversed[r.ruleId] += r.reversedNow;
    for (const auto& r : result->restored) totals.restored[r.sourceId] += r.restoredNow;
    before = result->returnedAfter;
    const bool done = std::all_of(left.begin(), left.end(), [](const auto& e) { return e.second == 0; });
    if (result->completesSale != done) failure = "completesSale flag";
  }
  return totals;
}

}  // namespace

TEST_CASE("properties hold over random bundles and baskets", "[property]") {
  const std::uint64_t seed = envNumber("LOYALTY_PROPERTY_SEED", 20261122);
  const std::uint64_t cases = envNumber("LOYALTY_PROPERTY_CASES", 10000);
  INFO("seed " << seed << " (set LOYALTY_PROPERTY_SEED to replay)");
  RandomInputs random(seed);
  RandomBundleShape shape;
  RandomBasketShape basketShape;
  std::uint64_t withEarning = 0;
  std::uint64_t withDiscount = 0;
  std::uint64_t withBurn = 0;

  for (std::uint64_t n = 0; n < cases; ++n) {
    INFO("case " << n);
    shape.earningRules = static_cast<int>(random.between(0, 10));
    shape.redeemables = static_cast<int>(random.between(1, 14));
    const Bundle bundle = random.bundle(shape);
    const PricingEngine engine(bundle);
    const QuoteRequest request = random.request(bundle, shape, basketShape, random.chance(85));

    auto first = engine.quote(request);
    REQUIRE(first.ok());
    const QuoteResult& result = *first;
    const std::string broken = checkConsistency(result);
    INFO(broken);
    REQUIRE(broken.empty());

    // Same input, same output.
    REQUIRE(*engine.quote(request) == result);

    // Neither the order of rules in the bundle nor the order of lines matters.
    Bundle shuffled = bundle;
    std::shuffle(shuffled.programs.front().earningRules.begin(), shuffled.programs.front().earningRules.end(),
                 random.rng());
    std::shuffle(shuffled.programs.front().redeemables.begin(), shuffled.programs.front().redeemables.end(),
                 random.rng());
    std::shuffle(shuffled.programs.front().voucherCodes.begin(), shuffled.programs.front().voucherCodes.end(),
                 random.rng());
    QuoteRequest reordered = request;
    std::shuffle(reordered.basket.lines.begin(), reordered.basket.lines.end(), random.rng());
    REQUIRE(*PricingEngine(shuffled).quote(reordered) == result);

    // A full return, in one step or many, reverses exactly what was earned and burned.
    std::map<std::string, Points> earned;
    for (const auto& e : result.earned) earned[e.ruleId] += e.points;
    std::map<std::string, Points> burned;
    if (result.burn && result.burn->applied) burned[result.burn->currency] += result.burn->points;
    for (const auto& a : result.applied) {
      if (a.pointsCost > 0) burned[a.redeemableId] += a.pointsCost;
    }
    for (int steps : {1, static_cast<int>(random.between(2, 4))}) {
      std::string failure;
      const Totals totals = returnAll(engine, result, random, steps, failure);
      INFO("steps " << steps << ": " << failure);
      REQUIRE(failure.empty());
      std::map<std::string, Points> reversed, restored;
      for (const auto& [k, v] : totals.reversed) {
        if (v != 0) reversed[k] = v;
      }
      for (const auto& [k, v] : totals.restored) {
        if (v != 0) restored[k] = v;
      }
      std::map<std::string, Points> earnedNonZero, burnedNonZero;
      for (const auto& [k, v] : earned) {
        if (v != 0) earnedNonZero[k] = v;
      }
      for (const auto& [k, v] : burned) {
        if (v != 0) burnedNonZero[k] = v;
      }
      REQUIRE(reversed == earnedNonZero);
      REQUIRE(restored == burnedNonZero);
    }
    withEarning += result.earned.empty() ? 0u : 1u;
    withDiscount += result.applied.empty() ? 0u : 1u;
    withBurn += (result.burn && result.burn->applied) ? 1u : 0u;
  }
  // The generator must actually exercise the engine, or the properties prove little.
  CHECK(withEarning > cases / 4);
  CHECK(withDiscount > cases / 4);
  CHECK(withBurn > cases / 20);
}

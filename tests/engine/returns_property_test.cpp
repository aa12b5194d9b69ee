// Seeded property test for returns: over random sales split into random return steps, a
// full return reverses exactly what was earned and restores exactly what was burned, the
// refunds add up to what was paid, and the balance matches a one-step full return.
#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "engine/lots.h"
#include "returns_fixture.h"

using namespace returns_test;  // NOLINT: test builders

namespace {

class Random {
 public:
  explicit Random(std::uint32_t seed) : engine_(seed) {}
  // Uniform enough in [low, high]; plain modulo keeps runs identical on every platform.
  std::int64_t between(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(engine_() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool chance(int percent) { return between(1, 100) <= percent; }

 private:
  std::mt19937_64 engine_;
};

std::vector<LotUse> splitIntoLots(Random& random, eng::Points points, const std::string& prefix) {
  std::vector<LotUse> uses;
  eng::Points left = points;
  for (int i = 0; left > 0; ++i) {
    const eng::Points take = i == 2 ? left : random.between(1, left);
    const LocalDate expires{2026, static_cast<int>(random.between(1, 12)), 1};
    uses.push_back(LotUse{prefix + std::to_string(i), "reward", take, LocalDate{2025, 1, 1}, expires});
    left -= take;
  }
  return uses;
}

std::vector<LinePiece> randomPieces(Random& random, const std::vector<eng::LineResult>& lines,
                                    eng::Money& total) {
  std::vector<LinePiece> pieces;
  total = 0;
  for (const auto& line : lines) {
    if (random.chance(60)) {
      pieces.push_back(LinePiece{line.lineNo, random.chance(15) ? 0 : random.between(0, line.net)});
      total += pieces.back().amount;
    }
  }
  return pieces;
}

eng::QuoteResult randomSale(Random& random) {
  eng::QuoteResult sale;
  sale.saleId = "R";
  sale.memberId = "m1";
  const auto lineCount = random.between(1, 6);
  for (std::int64_t i = 0; i < lineCount; ++i) {
    const auto quantity = random.between(1, 5);
    const auto net = random.chance(20) ? 0 : random.between(1, 5000);
    sale.lines.push_back(saleLine(10 * (i + 1), quantity, net + random.between(0, 300), net, 0));
  }
  if (random.chance(50)) {
    eng::BurnResult burn;
    burn.applied = true;
    burn.currency = "reward";
    burn.pieces = randomPieces(random, sale.lines, burn.value);
    burn.points = burn.value * random.between(1, 3) + (burn.value == 0 ? random.between(0, 50) : 0);
    burn.lotsUsed = splitIntoLots(random, burn.points, "B");
    for (const auto& piece : burn.pieces) {
      for (auto& line : sale.lines) {
        if (line.lineNo == piece.lineNo) line.toPay = line.net - (line.pointsPayment = piece.amount);
      }
    }
    sale.burn = burn;
  }
  for (std::int64_t i = random.between(0, 2); i > 0; --i) {
    eng::AppliedRedeemable item;
    item.redeemableId = "reward-" + std::to_string(i);
    item.kind = eng::RedeemableKind::reward;
    item.pointsCurrency = "reward";
    item.pieces = randomPieces(random, sale.lines, item.discount);
    item.pointsCost = random.between(0, 2000);
    item.lotsUsed = splitIntoLots(random, item.pointsCost, item.redeemableId + "-");
    sale.applied.push_back(item);
  }
  std::map<std::string, eng::Points> perCurrency;
  for (std::int64_t i = random.between(0, 4); i > 0; --i) {
    std::vector<LinePiece> pieces;
    for (const auto& line : sale.lines) {
      if (random.chance(60)) pieces.push_back(LinePiece{line.lineNo, line.toPay});
    }
    const std::string currency = random.chance(70) ? "reward" : "qualifying";
    sale.earned.push_back(earnedRule("rule-" + std::to_string(i), currency, random.between(0, 500), pieces));
    perCurrency[currency] += sale.earned.back().points;
  }
  for (const auto& [currency, points] : perCurrency) {
    if (points > 0) sale.lotsAfter.push_back(Lot{"R/" + currency, currency, points, d(2026, 3, 1), std::nullopt});
  }
  sale.lotsAfter.push_back(Lot{"other", "reward", random.between(1, 300), d(2025, 7, 1), d(2026, 7, 1)});
  return sale;
}

eng::Points spendable(const eng::ReturnResult& result, const char* currency) {
  return eng::spendablePoints(result.lotsAfter, result.deficitsAfter, currency, d(2026, 3, 20));
}

}  // namespace

TEST_CASE("returns property: any split of a full return gives back exactly what the sale booked",
          "[returns][property]") {
  Random random(20260320);
  for (int round = 0; round < 3000; ++round) {
    const eng::QuoteResult sale = randomSale(random);
    std::map<std::int64_t, std::int64_t> left;
    for (const auto& line : sale.lines) left[line.lineNo] = line.quantity;
    std::map<std::string, eng::Points> reversed;
    std::map<std::string, eng::Points> restored;
    eng::Money refund = 0;
    eng::Money net = 0;
    std::vector<ReturnLine> before;
    eng::MemberView member;
    member.id = "m1";
    member.lots = sale.lotsAfter;
    eng::ReturnResult last;
    int steps = 0;
    bool consistent = true;
    while (std::any_of(left.begin(), left.end(), [](const auto& l) { return l.second > 0; })) {
      std::vector<ReturnLine> lines;
      for (auto& [lineNo, units] : left) {
        if (units > 0 && random.chance(50)) {
          const auto quantity = random.between(1, units);
          lines.push_back(ReturnLine{lineNo, quantity});
          units -= quantity;
        }
      }
      if (lines.empty()) continue;
      auto r = request(lines, before);
      r.member = member;
      auto result = eng::computeSaleReturn(eng::Bundle{}, sale, r);
      REQUIRE(result.ok());
      ++steps;
      for (const auto& rule : result->reversed) {
        consistent = consistent && rule.reversedNow >= 0 && rule.reversedBefore == reversed[rule.ruleId];
        reversed[rule.ruleId] += rule.reversedNow;
      }
      for (const auto& source : result->restored) {
        consistent = consistent && source.restoredNow >= 0 && source.restoredBefore == restored[source.sourceId];
        restored[source.sourceId] += source.restoredNow;
      }
      for (const auto& line : result->lines) {
        refund += line.refund;
        net += line.netReturned;
      }
      before = result->returnedAfter;
      member.lots = result->lotsAfter;
      member.deficits = result->deficitsAfter;
      last = std::move(result).value();
      const bool done = std::all_of(left.begin(), left.end(), [](const auto& l) { return l.second == 0; });
      consistent = consistent && last.completesSale == done;
    }
    INFO("round " << round << ", " << steps << " steps");
    REQUIRE(consistent);
    for (const auto& rule : sale.earned) REQUIRE(reversed[rule.ruleId] == rule.points);
    if (sale.burn) REQUIRE(restored["reward"] == sale.burn->points);
    for (const auto& item : sale.applied) {
      if (item.pointsCost > 0) REQUIRE(restored[item.redeemableId] == item.pointsCost);
    }
    eng::Money paid = 0;
    eng::Money saleNet = 0;
    for (const auto& line : sale.lines) {
      paid += line.toPay;
      saleNet += line.net;
    }
    REQUIRE(refund == paid);
    REQUIRE(net == saleNet);
    const auto once = eng::computeSaleReturn(eng::Bundle{}, sale, request([&] {
      std::vector<ReturnLine> all;
      for (const auto& line : sale.lines) all.push_back(ReturnLine{line.lineNo, line.quantity});
      return all;
    }()));
    REQUIRE(once.ok());
    REQUIRE(spendable(*once, "reward") == spendable(last, "reward"));
    REQUIRE(spendable(*once, "qualifying") == spendable(last, "qualifying"));
  }
}

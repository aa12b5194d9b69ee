// A committed sale built by hand (no pricing code), for the returns tests.
//
// Sale S1 of member m1, program p1, on 2026-03-10:
//   line 1: 3 units, net 5.99, 1.20 paid with points -> toPay 4.79
//   line 2: 1 unit,  net 10.00, 1.80 paid with points -> toPay 8.20
//   line 3: 2 units, free through the reward item "coffee-reward" (1000 points)
//   burn: 300 reward points worth 3.00, from lots A (100, first) then B (200)
//   reward item: 1000 points from lot C
//   earned: base 25 (lines 1-3, counted 12.99), bonus-x3 19 (line 1, counted 4.79),
//           free-coffee 30 (line 3, counted 0), q-base 12 qualifying (lines 1-3)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/returns.h"

namespace returns_test {

namespace eng = loyalty::engine;
using eng::LocalDate;
using eng::LinePiece;
using eng::Lot;
using eng::LotUse;
using eng::ReturnLine;

inline LocalDate d(int y, int m, int day) { return LocalDate{y, m, day}; }

inline eng::LineResult saleLine(std::int64_t no, std::int64_t quantity, eng::Money gross,
                                eng::Money net, eng::Money pointsPayment) {
  eng::LineResult line;
  line.lineNo = no;
  line.sku = "SKU" + std::to_string(no);
  line.quantity = quantity;
  line.unitPrice = gross / quantity;
  line.gross = gross;
  line.discountTotal = gross - net;
  line.net = net;
  line.pointsPayment = pointsPayment;
  line.toPay = net - pointsPayment;
  line.eligibleNet = line.toPay;
  return line;
}

inline eng::EarnedRule earnedRule(std::string id, std::string currency, eng::Points points,
                                  std::vector<LinePiece> lines) {
  eng::EarnedRule rule;
  rule.ruleId = std::move(id);
  rule.currency = std::move(currency);
  rule.points = points;
  rule.uncapped = points;
  for (const LinePiece& piece : lines) rule.countedNet += piece.amount;
  rule.lines = std::move(lines);
  return rule;
}

inline eng::QuoteResult standardSale() {
  eng::QuoteResult sale;
  sale.saleId = "S1";
  sale.programId = "p1";
  sale.storeId = "berlin-1";
  sale.memberId = "m1";
  sale.lines = {saleLine(1, 3, 900, 599, 120), saleLine(2, 1, 1500, 1000, 180),
                saleLine(3, 2, 500, 0, 0)};
  sale.gross = 2900;
  eng::BurnResult burn;
  burn.applied = true;
  burn.currency = "reward";
  burn.points = 300;
  burn.value = 300;
  burn.pieces = {LinePiece{1, 120}, LinePiece{2, 180}};
  burn.lotsUsed = {LotUse{"A", "reward", 100, d(2025, 6, 1), d(2026, 6, 30)},
                   LotUse{"B", "reward", 200, d(2025, 9, 1), d(2026, 9, 30)}};
  sale.burn = burn;
  eng::AppliedRedeemable reward;
  reward.redeemableId = "coffee-reward";
  reward.kind = eng::RedeemableKind::reward;
  reward.code = "coffee-reward";
  reward.discount = 500;
  reward.pieces = {LinePiece{3, 500}};
  reward.unitsRewarded = 2;
  reward.pointsCurrency = "reward";
  reward.pointsCost = 1000;
  reward.lotsUsed = {LotUse{"C", "reward", 1000, d(2025, 4, 1), d(2026, 4, 30)}};
  sale.applied = {reward};
  sale.earned = {earnedRule("base", "reward", 25, {{1, 479}, {2, 820}, {3, 0}}),
                 earnedRule("bonus-x3", "reward", 19, {{1, 479}}),
                 earnedRule("free-coffee", "reward", 30, {{3, 0}}),
                 earnedRule("q-base", "qualifying", 12, {{1, 479}, {2, 820}, {3, 0}})};
  sale.lotsAfter = {Lot{"D", "reward", 50, d(2025, 12, 1), d(2026, 12, 31)},
                    Lot{"S1/reward", "reward", 74, d(2026, 3, 10), d(2027, 3, 10)},
                    Lot{"S1/qualifying", "qualifying", 12, d(2026, 3, 10), std::nullopt}};
  return sale;
}

inline eng::ReturnRequest request(std::vector<ReturnLine> lines, std::vector<ReturnLine> before = {},
                                  LocalDate today = LocalDate{2026, 3, 20}) {
  eng::ReturnRequest r;
  r.lines = std::move(lines);
  r.returnedBefore = std::move(before);
  r.time = eng::QuoteTime{1'774'000'000, today, 10 * 3600};
  return r;
}

inline const eng::Lot* findLot(const std::vector<Lot>& lots, const std::string& id) {
  for (const Lot& lot : lots) {
    if (lot.id == id) return &lot;
  }
  return nullptr;
}

inline eng::Points lotPoints(const std::vector<Lot>& lots, const std::string& id) {
  const Lot* lot = findLot(lots, id);
  return lot == nullptr ? 0 : lot->points;
}

inline const eng::ReversedRule& reversedRule(const eng::ReturnResult& result, const std::string& id) {
  for (const auto& rule : result.reversed) {
    if (rule.ruleId == id) return rule;
  }
  static const eng::ReversedRule none{};
  return none;
}

}  // namespace returns_test

// Shared builders for the earning tests: a program, a Gold member, a store, a basket.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/earning.h"

namespace earning_test {

namespace eng = loyalty::engine;
using eng::BasketLine;
using eng::EarnKind;
using eng::EarnLine;
using eng::EarningRule;
using eng::LocalDate;

inline BasketLine line(std::int64_t no, std::string sku, std::vector<std::string> categories,
                       std::int64_t quantity, eng::Money unitPrice) {
  return BasketLine{no, std::move(sku), std::move(categories), quantity, unitPrice};
}

inline EarningRule rule(std::string id, EarnKind kind) {
  EarningRule r;
  r.id = std::move(id);
  r.name = r.id + " name";
  r.kind = kind;
  r.currency = "reward";
  return r;
}

inline EarningRule multiplier(std::string id, std::int64_t num, std::int64_t den = 1) {
  EarningRule r = rule(std::move(id), EarnKind::multiplier);
  r.multiplier = eng::Multiplier{num, den};
  return r;
}

inline EarningRule fixed(std::string id, eng::Points points) {
  EarningRule r = rule(std::move(id), EarnKind::fixed);
  r.fixedPoints = points;
  return r;
}

// A program, member, store and basket; lines earn their gross unless told otherwise.
struct Fixture {
  eng::Program program;
  eng::MemberView member;
  eng::Tier gold{"gold", "Gold", 1000, eng::EarnRate{2, 100}};
  eng::Tier silver{"silver", "Silver", 500, eng::EarnRate{3, 200}};
  eng::Tier basic{"basic", "Basic", 0, eng::EarnRate{1, 100}};
  const eng::Tier* tier = &gold;
  eng::Store store{"berlin-1", "Berlin 1", "de-east", "Europe/Berlin", {"p1"}, "p1"};
  eng::QuoteTime time{0, LocalDate{2026, 3, 18}, 12 * 3600};  // a Wednesday, noon
  std::vector<std::string> disabled;
  std::vector<BasketLine> lines;
  std::vector<eng::Money> nets;     // eligible net per line; defaults to gross
  std::vector<bool> excluded;

  Fixture() {
    program.id = "p1";
    member.id = "m1";
    member.tier = "gold";
  }

  void add(BasketLine l, std::optional<eng::Money> net = std::nullopt, bool isExcluded = false) {
    nets.push_back(net ? *net : l.quantity * l.unitPrice);
    excluded.push_back(isExcluded);
    lines.push_back(std::move(l));
  }

  eng::EarnContext context() const {
    return eng::EarnContext{&program, &member, tier, &store, time, &disabled, &lines};
  }

  std::vector<EarnLine> earnLines() const {
    std::vector<EarnLine> out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      out.push_back(EarnLine{&lines[i], excluded[i] ? 0 : nets[i], excluded[i]});
    }
    return out;
  }

  eng::EarnOutcome run() const { return eng::computeEarning(context(), earnLines()); }
};

inline eng::Points pointsOf(const eng::EarnOutcome& outcome, const std::string& ruleId) {
  for (const auto& earned : outcome.earned) {
    if (earned.ruleId == ruleId) return earned.points;
  }
  return 0;
}

inline eng::Points total(const eng::EarnOutcome& outcome) {
  eng::Points sum = 0;
  for (const auto& earned : outcome.earned) sum += earned.points;
  return sum;
}

}  // namespace earning_test

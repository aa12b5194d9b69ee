// Earning (SEMANTICS 3, 9): base, multiplier and fixed rules on eligible net amounts,
// floored once per rule, capped per member per calendar period.
#include "earning.h"

#include <algorithm>
#include <string>

#include "conditions.h"

namespace loyalty::engine {
namespace {

__extension__ typedef unsigned __int128 Uint128;  // NOLINT: GCC/Clang 128-bit integer

// floor(amount x f1 x f2 / (d1 x d2)) for non-negative factors and positive divisors,
// saturating at kMaxAmount: no single rule credits more than the largest input amount,
// so sums over rules stay far inside 64 bits.
Points floorRatio(Money amount, std::int64_t f1, std::int64_t f2, std::int64_t d1, std::int64_t d2) {
  if (amount <= 0 || f1 <= 0 || f2 <= 0 || d1 <= 0 || d2 <= 0) {
    return 0;
  }
  const Uint128 partial = static_cast<Uint128>(amount) * static_cast<Uint128>(f1);
  Uint128 numerator = 0;
  if (__builtin_mul_overflow(partial, static_cast<Uint128>(f2), &numerator)) {
    return kMaxAmount;
  }
  const Uint128 quotient = numerator / (static_cast<Uint128>(d1) * static_cast<Uint128>(d2));
  return quotient > static_cast<Uint128>(kMaxAmount) ? kMaxAmount : static_cast<Points>(quotient);
}

// Sums of amounts saturate instead of overflowing; the pricing engine rejects baskets whose
// totals leave the supported range long before this matters.
std::int64_t addSaturating(std::int64_t a, std::int64_t b) noexcept {
  std::int64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? (b > 0 ? INT64_MAX : INT64_MIN) : sum;
}

bool campaignDisabled(const EarnContext& context, const std::string& campaignId) {
  if (campaignId.empty()) {
    return false;
  }
  for (const Campaign& campaign : context.program->campaigns) {
    if (campaign.id == campaignId && campaign.disabled) {
      return true;
    }
  }
  const std::vector<std::string>* extra = context.disabledCampaigns;
  return extra != nullptr && std::find(extra->begin(), extra->end(), campaignId) != extra->end();
}

// The rules with `trigger` (and, for events, this event name), in id order byte by byte,
// without those of disabled campaigns and, for purchases priced with a match table, those
// that match no line.
std::vector<const EarningRule*> liveRules(const EarnContext& context, EarnTrigger trigger,
                                          std::string_view event) {
  std::vector<const EarningRule*> rules;
  for (const EarningRule& rule : context.program->earningRules) {
    if (rule.trigger != trigger || (trigger == EarnTrigger::event && rule.event != event)) {
      continue;
    }
    // Most rules of a large bundle name SKUs this basket does not hold: that look-up is
    // cheaper than the conditions, and either one alone rules the rule out.
    if (trigger == EarnTrigger::purchase && context.matches != nullptr && context.matches->linesOf(rule).empty()) {
      continue;
    }
    if (!campaignDisabled(context, rule.campaignId)) {
      rules.push_back(&rule);
    }
  }
  // The bundle index keeps rules sorted by id (a quote's match table says it was indexed);
  // sort only a program that was built by hand.
  if (context.matches != nullptr) {
    return rules;
  }
  const auto byId = [](const EarningRule* a, const EarningRule* b) { return a->id < b->id; };
  if (!std::is_sorted(rules.begin(), rules.end(), byId)) {
    std::sort(rules.begin(), rules.end(), byId);
  }
  return rules;
}

// Points of a base or multiplier rule on `counted` minor units.
Points ratePoints(const EarningRule& rule, const Tier* tier, Money counted) {
  EarnRate rate;
  if (rule.rate) {
    rate = *rule.rate;
  } else if (tier != nullptr) {
    rate = tier->baseRate;
  } else {
    return 0;  // no tier known and no rate of its own: nothing to multiply
  }
  if (rule.kind == EarnKind::base) {
    return floorRatio(counted, rate.points, 1, rate.per, 1);
  }
  // A multiplier m adds (m - 1) x the rate; m <= 1 adds nothing.
  const Multiplier& m = rule.multiplier;
  if (m.den <= 0 || m.num <= m.den) {
    return 0;
  }
  return floorRatio(counted, rate.points, m.num - m.den, rate.per, m.den);
}

// Applies the rule's cap and records the usage it adds; returns the points credited.
Points applyCap(const EarningRule& rule, const EarnContext& context, Points uncapped,
                std::vector<RuleUsage>& usageAdded) {
  const Points wanted = std::max<Points>(uncapped, 0);
  if (!rule.cap) {
    return wanted;
  }
  const Period period = rule.cap->period;
  const LocalDate start = periodStart(period, context.time.localDate);
  Points used = 0;
  for (const RuleUsage& usage : context.member->ruleUsage) {
    if (usage.ruleId == rule.id && usage.period == period &&
        (period == Period::lifetime || usage.periodStart == start)) {
      used = addSaturating(used, usage.points);
    }
  }
  const Points room =
      std::max<Points>(addSaturating(rule.cap->maxPoints, -std::max<Points>(used, 0)), 0);
  const Points credited = std::min(wanted, room);
  if (credited > 0) {
    usageAdded.push_back(RuleUsage{rule.id, period, start, credited});
  }
  return credited;
}

EarnedRule describe(const EarningRule& rule) {
  EarnedRule earned;
  earned.ruleId = rule.id;
  earned.name = rule.name;
  earned.campaignId = rule.campaignId;
  earned.kind = rule.kind;
  earned.currency = rule.currency;
  return earned;
}

}  // namespace

EarnOutcome computeEarning(const EarnContext& context, const std::vector<EarnLine>& lines) {
  EarnOutcome outcome;
  if (context.program == nullptr || context.member == nullptr) {
    return outcome;  // nothing is earned without a program and an identified member
  }
  // Rules with store conditions fail without a store; the line list defaults to `lines`.
  const Store noStore;
  const Store& store = context.store != nullptr ? *context.store : noStore;
  std::vector<BasketLine> ownLines;
  if (context.basketLines == nullptr) {
    for (const EarnLine& line : lines) {
      if (line.line != nullptr) {
        ownLines.push_back(*line.line);
      }
    }
  }
  const std::vector<BasketLine>& basketLines =
      context.basketLines != nullptr ? *context.basketLines : ownLines;

  const std::vector<const EarningRule*> rules = liveRules(context, EarnTrigger::purchase, {});
  outcome.earned.reserve(rules.size());
  std::vector<LinePiece> counted;
  counted.reserve(lines.size());
  struct Counted {
    Money countedNet = 0;
    std::int64_t units = 0;
    std::vector<LinePiece> lines;
  } everyLine;
  bool everyLineCounted = false;
  for (const EarningRule* rule : rules) {
    if (checkStatic(rule->conditions, context.member, store, context.time, basketLines)) {
      continue;
    }
    // Excluded categories never earn, bonuses included, and never count toward minimums.
    Money countedNet = 0;
    std::int64_t units = 0;
    counted.clear();
    const std::vector<LinePiece>* source = &counted;  // the lines this rule counted
    const auto count = [&](const EarnLine& line) {
      if (line.line == nullptr || line.excluded) {
        return;
      }
      const Money net = std::max<Money>(line.eligibleNet, 0);
      countedNet = addSaturating(countedNet, net);
      units = addSaturating(units, line.line->quantity);
      counted.push_back(LinePiece{line.line->lineNo, net});
    };
    if (context.matches != nullptr && context.matches->coversEveryLine(*rule)) {
      // Basket-wide rules all count the same lines: count them once per quote.
      if (!everyLineCounted) {
        for (const EarnLine& line : lines) count(line);
        everyLine = {countedNet, units, counted};
        everyLineCounted = true;
      }
      countedNet = everyLine.countedNet;
      units = everyLine.units;
      source = &everyLine.lines;
    } else if (context.matches != nullptr) {
      for (std::uint32_t index : context.matches->linesOf(*rule)) {
        count(lines[index]);
      }
    } else {
      for (const EarnLine& line : lines) {
        if (line.line != nullptr && lineMatches(rule->target, *line.line)) {
          count(line);
        }
      }
    }
    if (source->empty() || units < rule->conditions.minQuantity || countedNet < rule->conditions.minAmount) {
      continue;
    }
    EarnedRule earned = describe(*rule);
    earned.countedNet = countedNet;
    earned.lines = *source;
    const auto byLine = [](const LinePiece& a, const LinePiece& b) { return a.lineNo < b.lineNo; };
    if (!std::is_sorted(earned.lines.begin(), earned.lines.end(), byLine)) {
      std::sort(earned.lines.begin(), earned.lines.end(), byLine);
    }
    earned.uncapped = rule->kind == EarnKind::fixed
                          ? std::max<Points>(rule->fixedPoints, 0)
                          : ratePoints(*rule, context.tier, earned.countedNet);
    earned.points = applyCap(*rule, context, earned.uncapped, outcome.ruleUsageAdded);
    if (earned.points > 0) {
      outcome.earned.push_back(std::move(earned));
    }
  }
  return outcome;
}

EarnOutcome computeEventEarning(const EarnContext& context, std::string_view event) {
  EarnOutcome outcome;
  if (context.program == nullptr || context.member == nullptr) {
    return outcome;
  }
  const Store noStore;
  const Store& store = context.store != nullptr ? *context.store : noStore;
  const std::vector<BasketLine> noLines;
  for (const EarningRule* rule : liveRules(context, EarnTrigger::event, event)) {
    // An event has no lines: only fixed rules credit, and a minimum amount or quantity
    // (measured over no lines) is never met.
    if (rule->kind != EarnKind::fixed || rule->conditions.minAmount > 0 ||
        rule->conditions.minQuantity > 0 ||
        checkStatic(rule->conditions, context.member, store, context.time, noLines)) {
      continue;
    }
    EarnedRule earned = describe(*rule);
    earned.uncapped = std::max<Points>(rule->fixedPoints, 0);
    earned.points = applyCap(*rule, context, earned.uncapped, outcome.ruleUsageAdded);
    if (earned.points > 0) {
      outcome.earned.push_back(std::move(earned));
    }
  }
  return outcome;
}

}  // namespace loyalty::engine

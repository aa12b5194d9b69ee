#include "redemption.h"

#include <algorithm>
#include <limits>

#include "allocation.h"

namespace loyalty::engine {
namespace {

void appendUnitGroups(const PricingState& state, std::uint32_t index, std::vector<UnitGroup>& out) {
  const WorkLine& line = state.lines[index];
  const std::int64_t quantity = line.source->quantity;
  if (line.unitExtra > 0) out.push_back(UnitGroup{index, line.unitBase + 1, line.unitExtra});
  if (quantity - line.unitExtra > 0) out.push_back(UnitGroup{index, line.unitBase, quantity - line.unitExtra});
}

bool cheaper(const UnitGroup& a, const UnitGroup& b) {
  if (a.value != b.value) return a.value < b.value;
  return a.index < b.index;  // a line's two groups differ in value, so this is a total order
}

// Units worth something, cheapest first; ties to the lower line number (lower index). Fills
// the state's scratch buffer; only the first `needed` units are guaranteed in order (each
// group holds at least one unit, so sorting that many groups is enough).
const std::vector<UnitGroup>& pricedUnitsCheapestFirst(const PricingState& state, LineList lines,
                                                       std::int64_t needed = std::numeric_limits<std::int64_t>::max()) {
  std::vector<UnitGroup>& groups = state.scratch.units;
  groups.clear();
  for (std::uint32_t index : lines) appendUnitGroups(state, index, groups);
  groups.erase(std::remove_if(groups.begin(), groups.end(), [](const UnitGroup& g) { return g.value == 0; }),
               groups.end());
  if (needed < static_cast<std::int64_t>(groups.size())) {
    std::partial_sort(groups.begin(), groups.begin() + needed, groups.end(), cheaper);
    groups.resize(static_cast<std::size_t>(needed));
  } else {
    std::sort(groups.begin(), groups.end(), cheaper);
  }
  return groups;
}

// The first `units` units of `cheapestFirst`, into `chosen`.
void takeUnits(const std::vector<UnitGroup>& cheapestFirst, std::int64_t units, std::vector<UnitGroup>& chosen) {
  chosen.clear();
  for (const auto& group : cheapestFirst) {
    if (units <= 0) break;
    const std::int64_t take = std::min(units, group.count);
    chosen.push_back(UnitGroup{group.index, group.value, take});
    units -= take;
  }
}

// Amount per line index, ascending, from per-group amounts (groups in any order), into
// the state's scratch.
const std::vector<LineAmount>& sumByLine(const PricingState& state, const std::vector<UnitGroup>& groups,
                                         const std::vector<Money>& amounts) {
  std::vector<LineAmount>& byLine = state.scratch.byLine;
  byLine.clear();
  for (std::size_t i = 0; i < groups.size(); ++i) byLine.push_back(LineAmount{groups[i].index, amounts[i]});
  const auto byIndex = [](const LineAmount& a, const LineAmount& b) { return a.index < b.index; };
  if (!std::is_sorted(byLine.begin(), byLine.end(), byIndex)) std::sort(byLine.begin(), byLine.end(), byIndex);
  std::size_t kept = 0;
  for (const auto& piece : byLine) {
    if (kept > 0 && byLine[kept - 1].index == piece.index) {
      byLine[kept - 1].amount += piece.amount;
    } else {
      byLine[kept++] = piece;
    }
  }
  byLine.resize(kept);
  return byLine;
}

std::int64_t unitCount(const std::vector<UnitGroup>& groups) {
  std::int64_t total = 0;
  for (const auto& g : groups) total += g.count;
  return total;
}

std::int64_t pricedUnitCount(const std::vector<UnitGroup>& groups) {
  std::int64_t total = 0;
  for (const auto& g : groups) total += g.value > 0 ? g.count : 0;
  return total;
}

// Each group's value (units x unit value), into the state's scratch.
const std::vector<Money>& groupValues(const PricingState& state, const std::vector<UnitGroup>& groups) {
  std::vector<Money>& values = state.scratch.amounts;
  values.clear();
  for (const auto& g : groups) values.push_back(g.value * g.count);
  return values;
}

Money clampToCap(Money amount, std::optional<Money> cap) {
  return cap ? std::min(amount, std::max<Money>(*cap, 0)) : amount;
}

// Spreads `total` over the weights (largest remainder, ties to the lower line).
EffectOutcome spreadOver(const PricingState& state, Money total, const std::vector<LineAmount>& weights) {
  EffectScratch& scratch = state.scratch;
  scratch.weights.clear();
  for (const auto& piece : weights) scratch.weights.push_back(piece.amount);
  spreadLargestRemainder(total, scratch.weights, scratch.split, scratch.remainders);
  EffectOutcome outcome;
  outcome.pieces.reserve(weights.size());
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (scratch.split[i] > 0) {
      outcome.pieces.push_back(LineAmount{weights[i].index, scratch.split[i]});
      outcome.total += scratch.split[i];
    }
  }
  return outcome;
}

// An amount computed once over weights: spread if pieces are wanted. A positive amount
// never exceeds the weights' sum, so the spread adds up to it exactly.
EffectOutcome amountOver(const PricingState& state, Money amount, const std::vector<LineAmount>& weights,
                         bool withPieces) {
  if (withPieces) return spreadOver(state, amount, weights);
  EffectOutcome outcome;
  outcome.total = amount;
  return outcome;
}

// Pieces computed per line; a cap cuts them in proportion to the uncapped pieces.
EffectOutcome capPieces(const PricingState& state, const std::vector<LineAmount>& uncapped, std::optional<Money> cap,
                        bool withPieces) {
  Money total = 0;
  for (const auto& piece : uncapped) total += piece.amount;
  if (cap && *cap < total) return amountOver(state, std::max<Money>(*cap, 0), uncapped, withPieces);
  EffectOutcome outcome;
  outcome.total = total;
  if (withPieces) {
    outcome.pieces.reserve(uncapped.size());
    for (const auto& piece : uncapped) {
      if (piece.amount > 0) outcome.pieces.push_back(piece);
    }
  }
  return outcome;
}

// The `wanted` cheapest get units of which at most `sharedAllowed` sit on buy lines (each
// of those is a unit that can no longer be a bought one); empty if there are not enough.
void cheapestGetUnits(const std::vector<UnitGroup>& getUnits, LineList buyLines, std::int64_t wanted,
                      std::int64_t sharedAllowed, std::vector<UnitGroup>& chosen) {
  chosen.clear();
  if (sharedAllowed < 0) return;
  for (const auto& g : getUnits) {
    if (wanted <= 0) break;
    const bool shared = std::binary_search(buyLines.begin(), buyLines.end(), g.index);
    const std::int64_t take = std::min({wanted, g.count, shared ? sharedAllowed : wanted});
    if (take <= 0) continue;
    chosen.push_back(UnitGroup{g.index, g.value, take});
    wanted -= take;
    if (shared) sharedAllowed -= take;
  }
  if (wanted > 0) chosen.clear();
}

// Largest k (complete groups) such that k*Y get units leave k*X other buy units; the free
// ones are the cheapest get units that keep enough bought ones (when the buy and get
// targets overlap, taking a get unit from a buy line would use up a bought unit). Into the
// state's scratch.
const std::vector<UnitGroup>& chooseBuyXGetY(const PricingState& state, const Effect& effect, LineList buyLines,
                                             LineList getLines) {
  std::vector<UnitGroup>& chosen = state.scratch.chosen;
  chosen.clear();
  const std::int64_t x = effect.buyQuantity;
  const std::int64_t y = effect.getQuantity;
  if (x <= 0 || y <= 0 || buyLines.empty() || getLines.empty()) return chosen;
  std::vector<UnitGroup>& getUnits = state.scratch.units;
  getUnits.clear();
  for (std::uint32_t index : getLines) appendUnitGroups(state, index, getUnits);
  std::erase_if(getUnits, [](const UnitGroup& g) { return g.value == 0; });
  std::int64_t buyUnits = 0;
  for (std::uint32_t index : buyLines) buyUnits += state.lines[index].source->quantity;
  // choose(k) succeeds iff unshared + min(shared, B - kX) >= kY with B - kX >= 0, where
  // shared / unshared count the priced get units on / off buy lines; so k has a closed form.
  const bool sameLines = getLines.data() == buyLines.data() && getLines.size() == buyLines.size();
  std::int64_t shared = 0;
  std::int64_t unshared = 0;
  for (const auto& g : getUnits) {
    (sameLines || std::binary_search(buyLines.begin(), buyLines.end(), g.index) ? shared : unshared) += g.count;
  }
  std::int64_t k = std::min({(shared + unshared) / y, (unshared + buyUnits) / (x + y), buyUnits / x});
  if (effect.maxGroups > 0) k = std::min(k, effect.maxGroups);
  // Only the cheapest units can be chosen unless the bought units limit the shared ones:
  // then ordering the first k x Y groups is enough (each group holds at least one unit).
  const std::int64_t wanted = k * y;
  if (wanted <= 0) return chosen;
  if (buyUnits - k * x >= wanted && wanted < static_cast<std::int64_t>(getUnits.size())) {
    std::partial_sort(getUnits.begin(), getUnits.begin() + wanted, getUnits.end(), cheaper);
    getUnits.resize(static_cast<std::size_t>(wanted));
  } else {
    std::sort(getUnits.begin(), getUnits.end(), cheaper);
  }
  cheapestGetUnits(getUnits, buyLines, k * y, buyUnits - k * x, chosen);
  return chosen;
}

// Line-level effects on every unit of the targeted lines (no unit selection): the weights
// are the lines' remaining amounts.
EffectOutcome lineLevelEffect(const PricingState& state, const EffectRequest& request) {
  const Effect& effect = *request.effect;
  Money base = 0;
  for (std::uint32_t index : request.targetLines) base += state.lines[index].remaining;
  Money amount = 0;
  switch (effect.kind) {
    case EffectKind::percent_off: amount = percentHalfUp(base, effect.percentBp); break;
    case EffectKind::amount_off: amount = std::min(effect.amount, base); break;
    case EffectKind::fixed_price: amount = std::max<Money>(0, base - effect.amount); break;
    case EffectKind::free_item:
    case EffectKind::buy_x_get_y: break;  // unit-level, never here
  }
  amount = clampToCap(amount, request.cap);
  if (!request.withPieces || amount == 0) {
    EffectOutcome outcome;
    outcome.total = amount;
    return outcome;
  }
  std::vector<LineAmount>& weights = state.scratch.byLine;
  weights.clear();
  for (std::uint32_t index : request.targetLines) weights.push_back(LineAmount{index, state.lines[index].remaining});
  return spreadOver(state, amount, weights);
}

// Per-unit effects on every unit of the targeted lines: each line's (at most two) unit
// values give its piece directly, in line order, without listing units.
EffectOutcome everyUnitEffect(const PricingState& state, const EffectRequest& request) {
  const Effect& effect = *request.effect;
  std::vector<LineAmount>& byLine = state.scratch.byLine;
  byLine.clear();
  Money base = 0;
  std::int64_t priced = 0;
  for (std::uint32_t index : request.targetLines) {
    const WorkLine& line = state.lines[index];
    const std::int64_t upper = line.unitExtra;  // units worth unitBase + 1
    const std::int64_t lower = line.source->quantity - upper;
    const Money upperValue = line.unitBase + 1;
    const Money lowerValue = line.unitBase;
    Money piece = line.remaining;
    if (effect.kind == EffectKind::amount_off) {
      piece = upper * std::min(effect.amount, upperValue) + lower * std::min(effect.amount, lowerValue);
    } else if (effect.kind == EffectKind::fixed_price) {
      piece = upper * std::max<Money>(0, upperValue - effect.amount) +
              lower * std::max<Money>(0, lowerValue - effect.amount);
    }
    base += line.remaining;
    priced += upper + (lowerValue > 0 ? lower : 0);
    byLine.push_back(LineAmount{index, piece});
  }
  EffectOutcome outcome;
  if (effect.kind == EffectKind::amount_off || effect.kind == EffectKind::fixed_price) {
    outcome = capPieces(state, byLine, request.cap, request.withPieces);
  } else {
    outcome = amountOver(state, clampToCap(percentHalfUp(base, effect.percentBp), request.cap), byLine,
                         request.withPieces);
  }
  if (outcome.total > 0) outcome.units = priced;
  return outcome;
}

}  // namespace

bool isUnitEffect(const Effect& effect) noexcept {
  return effect.kind == EffectKind::free_item || effect.kind == EffectKind::buy_x_get_y ||
         effect.cheapestUnits > 0 || effect.perUnit;
}

EffectOutcome computeEffect(const PricingState& state, const EffectRequest& request) {
  const Effect& effect = *request.effect;
  const LineList targets = request.targetLines;

  if (effect.kind == EffectKind::buy_x_get_y) {
    const LineList getLines = request.separateGetTarget ? request.getLines : targets;
    const std::vector<UnitGroup>& chosen = chooseBuyXGetY(state, effect, targets, getLines);
    Money value = 0;
    for (const auto& g : chosen) value += g.value * g.count;
    const Money discount = clampToCap(percentHalfUp(value, effect.percentBp), request.cap);
    EffectOutcome outcome;
    if (request.withPieces) {
      outcome = spreadOver(state, discount, sumByLine(state, chosen, groupValues(state, chosen)));
    } else {
      outcome.total = discount;
    }
    outcome.units = unitCount(chosen);
    return outcome;
  }

  // Which units the effect works on: the N cheapest, or every unit of the targeted lines.
  std::int64_t cheapest = effect.cheapestUnits;
  if (effect.kind == EffectKind::free_item && cheapest <= 0) cheapest = 1;
  if (request.unitsOverride > 0 && isUnitEffect(effect)) cheapest = request.unitsOverride;
  if (cheapest <= 0 && !effect.perUnit) return lineLevelEffect(state, request);
  if (cheapest <= 0) return everyUnitEffect(state, request);

  std::vector<UnitGroup>& units = state.scratch.chosen;
  takeUnits(pricedUnitsCheapestFirst(state, targets, cheapest), cheapest, units);
  Money base = 0;
  for (const auto& g : units) base += g.value * g.count;
  // Per-line weights only when pieces are wanted (or a per-line discount must be capped).
  const std::vector<LineAmount>& weights = state.scratch.byLine;
  if (request.withPieces || effect.kind == EffectKind::free_item) {
    sumByLine(state, units, groupValues(state, units));
  } else {
    state.scratch.byLine.clear();
  }

  EffectOutcome outcome;
  switch (effect.kind) {
    case EffectKind::percent_off:
      outcome = amountOver(state, clampToCap(percentHalfUp(base, effect.percentBp), request.cap), weights,
                           request.withPieces);
      break;
    case EffectKind::amount_off:
      if (effect.perUnit) {
        std::vector<Money>& pieces = state.scratch.amounts;
        pieces.clear();
        for (const auto& g : units) pieces.push_back(g.count * std::min(effect.amount, g.value));
        outcome = capPieces(state, sumByLine(state, units, pieces), request.cap, request.withPieces);
      } else {
        outcome = amountOver(state, clampToCap(std::min(effect.amount, base), request.cap), weights,
                             request.withPieces);
      }
      break;
    case EffectKind::fixed_price:
      if (effect.perUnit) {
        std::vector<Money>& pieces = state.scratch.amounts;
        pieces.clear();
        for (const auto& g : units) pieces.push_back(g.count * std::max<Money>(0, g.value - effect.amount));
        outcome = capPieces(state, sumByLine(state, units, pieces), request.cap, request.withPieces);
      } else {
        outcome = amountOver(state, clampToCap(std::max<Money>(0, base - effect.amount), request.cap), weights,
                             request.withPieces);
      }
      break;
    case EffectKind::free_item:
      outcome = capPieces(state, weights, request.cap, request.withPieces);
      break;
    case EffectKind::buy_x_get_y:
      break;  // handled above
  }
  // Units that carry value among those the effect worked on (what a reward charges for).
  if (outcome.total > 0) outcome.units = pricedUnitCount(units);
  return outcome;
}

}  // namespace loyalty::engine

#include "redemption.h"

#include <algorithm>
#include <limits>

#include "allocation.h"

namespace loyalty::engine {
namespace {

// Units of one line that are each worth `value` (a line's remaining amount is shared over
// its units by largest remainder, so a line has at most two such groups).
struct UnitGroup {
  std::size_t index = 0;
  Money value = 0;
  std::int64_t count = 0;
};

void appendUnitGroups(const PricingState& state, std::size_t index, std::vector<UnitGroup>& out) {
  const WorkLine& line = state.lines[index];
  const std::int64_t quantity = line.source->quantity;
  const Money base = line.remaining / quantity;
  const std::int64_t extra = line.remaining % quantity;
  if (extra > 0) out.push_back(UnitGroup{index, base + 1, extra});
  if (quantity - extra > 0) out.push_back(UnitGroup{index, base, quantity - extra});
}

// Units worth something, cheapest first; ties to the lower line number (lower index).
std::vector<UnitGroup> pricedUnitsCheapestFirst(const PricingState& state, const std::vector<std::size_t>& lines) {
  std::vector<UnitGroup> groups;
  groups.reserve(lines.size() * 2);
  for (std::size_t index : lines) appendUnitGroups(state, index, groups);
  groups.erase(std::remove_if(groups.begin(), groups.end(), [](const UnitGroup& g) { return g.value == 0; }),
               groups.end());
  std::stable_sort(groups.begin(), groups.end(), [](const UnitGroup& a, const UnitGroup& b) {
    if (a.value != b.value) return a.value < b.value;
    return a.index < b.index;
  });
  return groups;
}

std::vector<UnitGroup> takeUnits(const std::vector<UnitGroup>& cheapestFirst, std::int64_t units) {
  std::vector<UnitGroup> chosen;
  for (const auto& group : cheapestFirst) {
    if (units <= 0) break;
    const std::int64_t take = std::min(units, group.count);
    chosen.push_back(UnitGroup{group.index, group.value, take});
    units -= take;
  }
  return chosen;
}

std::vector<UnitGroup> allUnits(const PricingState& state, const std::vector<std::size_t>& lines) {
  std::vector<UnitGroup> groups;
  groups.reserve(lines.size() * 2);
  for (std::size_t index : lines) appendUnitGroups(state, index, groups);
  return groups;
}

// Amount per line index, ascending, from per-group amounts.
std::vector<LineAmount> sumByLine(const std::vector<UnitGroup>& groups, const std::vector<Money>& amounts) {
  std::vector<LineAmount> byLine;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (!byLine.empty() && byLine.back().index == groups[i].index) {
      byLine.back().amount += amounts[i];
    } else {
      byLine.push_back(LineAmount{groups[i].index, amounts[i]});
    }
  }
  std::sort(byLine.begin(), byLine.end(), [](const LineAmount& a, const LineAmount& b) { return a.index < b.index; });
  // Merge lines that appear in two non-adjacent groups (cheapest-first order).
  std::vector<LineAmount> merged;
  for (const auto& piece : byLine) {
    if (!merged.empty() && merged.back().index == piece.index) {
      merged.back().amount += piece.amount;
    } else {
      merged.push_back(piece);
    }
  }
  return merged;
}

std::int64_t unitCount(const std::vector<UnitGroup>& groups) {
  std::int64_t total = 0;
  for (const auto& g : groups) total += g.count;
  return total;
}

// Spreads `total` over the pieces' amounts (largest remainder, ties to the lower line).
EffectOutcome spreadOver(Money total, const std::vector<LineAmount>& weights) {
  std::vector<Money> w;
  w.reserve(weights.size());
  for (const auto& piece : weights) w.push_back(piece.amount);
  const std::vector<Money> split = spreadLargestRemainder(total, w);
  EffectOutcome outcome;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (split[i] > 0) {
      outcome.pieces.push_back(LineAmount{weights[i].index, split[i]});
      outcome.total += split[i];
    }
  }
  return outcome;
}

// Per-line pieces computed separately, then cut to the cap in proportion if needed.
EffectOutcome capPieces(const std::vector<LineAmount>& uncapped, std::optional<Money> cap) {
  Money total = 0;
  for (const auto& piece : uncapped) total += piece.amount;
  if (cap && *cap < total) return spreadOver(std::max<Money>(*cap, 0), uncapped);
  EffectOutcome outcome;
  for (const auto& piece : uncapped) {
    if (piece.amount > 0) {
      outcome.pieces.push_back(piece);
      outcome.total += piece.amount;
    }
  }
  return outcome;
}

Money clampToCap(Money amount, std::optional<Money> cap) {
  return cap ? std::min(amount, std::max<Money>(*cap, 0)) : amount;
}

std::vector<Money> groupValues(const std::vector<UnitGroup>& groups) {
  std::vector<Money> values;
  values.reserve(groups.size());
  for (const auto& g : groups) values.push_back(g.value * g.count);
  return values;
}

// The `wanted` cheapest get units of which at most `sharedAllowed` sit on buy lines (each
// of those is a unit that can no longer be a bought one); empty if there are not enough.
std::vector<UnitGroup> cheapestGetUnits(const std::vector<UnitGroup>& getUnits,
                                        const std::vector<std::size_t>& buyLines, std::int64_t wanted,
                                        std::int64_t sharedAllowed) {
  std::vector<UnitGroup> chosen;
  if (sharedAllowed < 0) return chosen;
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
  return chosen;
}

// Largest k (complete groups) such that k*Y get units leave k*X other buy units; the free
// ones are the cheapest get units that keep enough bought ones (when the buy and get
// targets overlap, taking a get unit from a buy line would use up a bought unit).
std::vector<UnitGroup> chooseBuyXGetY(const PricingState& state, const Effect& effect,
                                      const std::vector<std::size_t>& buyLines,
                                      const std::vector<std::size_t>& getLines) {
  const std::vector<UnitGroup> getUnits = pricedUnitsCheapestFirst(state, getLines);
  std::int64_t buyUnits = 0;
  for (std::size_t index : buyLines) buyUnits += state.lines[index].source->quantity;
  const std::int64_t x = effect.buyQuantity;
  const std::int64_t y = effect.getQuantity;
  if (x <= 0 || y <= 0) return {};
  std::int64_t high = std::min(unitCount(getUnits) / y, buyUnits / x);
  if (effect.maxGroups > 0) high = std::min(high, effect.maxGroups);
  // Feasibility falls as k grows (more get units wanted, fewer buy units may be shared).
  const auto choose = [&](std::int64_t k) { return cheapestGetUnits(getUnits, buyLines, k * y, buyUnits - k * x); };
  std::int64_t low = 0;  // k = 0 always holds
  while (low < high) {
    const std::int64_t mid = low + (high - low + 1) / 2;
    if (!choose(mid).empty()) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return choose(low);
}

}  // namespace

bool isUnitEffect(const Effect& effect) noexcept {
  return effect.kind == EffectKind::free_item || effect.kind == EffectKind::buy_x_get_y ||
         effect.cheapestUnits > 0 || effect.perUnit;
}

EffectOutcome computeEffect(const PricingState& state, const EffectRequest& request) {
  const Effect& effect = *request.effect;
  const std::vector<std::size_t>& targets = *request.targetLines;

  if (effect.kind == EffectKind::buy_x_get_y) {
    const auto& getLines = request.getLines != nullptr ? *request.getLines : targets;
    const std::vector<UnitGroup> chosen = chooseBuyXGetY(state, effect, targets, getLines);
    const std::vector<LineAmount> values = sumByLine(chosen, groupValues(chosen));
    Money value = 0;
    for (const auto& v : values) value += v.amount;
    const Money discount = clampToCap(percentHalfUp(value, effect.percentBp), request.cap);
    EffectOutcome outcome = spreadOver(discount, values);
    outcome.units = unitCount(chosen);
    return outcome;
  }

  // Which units the effect works on: the N cheapest, or every unit of the targeted lines.
  std::int64_t cheapest = effect.cheapestUnits;
  if (effect.kind == EffectKind::free_item && cheapest <= 0) cheapest = 1;
  if (request.unitsOverride > 0 && isUnitEffect(effect)) cheapest = request.unitsOverride;
  const bool unitLevel = cheapest > 0 || effect.perUnit || effect.kind == EffectKind::free_item;
  const std::vector<UnitGroup> units =
      cheapest > 0 ? takeUnits(pricedUnitsCheapestFirst(state, targets), cheapest) : allUnits(state, targets);
  const std::vector<LineAmount> weights = sumByLine(units, groupValues(units));
  Money base = 0;
  for (const auto& w : weights) base += w.amount;

  EffectOutcome outcome;
  switch (effect.kind) {
    case EffectKind::percent_off:
      outcome = spreadOver(clampToCap(percentHalfUp(base, effect.percentBp), request.cap), weights);
      break;
    case EffectKind::amount_off:
      if (effect.perUnit) {
        std::vector<Money> pieces;
        for (const auto& g : units) pieces.push_back(g.count * std::min(effect.amount, g.value));
        outcome = capPieces(sumByLine(units, pieces), request.cap);
      } else {
        outcome = spreadOver(clampToCap(std::min(effect.amount, base), request.cap), weights);
      }
      break;
    case EffectKind::fixed_price:
      if (effect.perUnit) {
        std::vector<Money> pieces;
        for (const auto& g : units) pieces.push_back(g.count * std::max<Money>(0, g.value - effect.amount));
        outcome = capPieces(sumByLine(units, pieces), request.cap);
      } else {
        outcome = spreadOver(clampToCap(std::max<Money>(0, base - effect.amount), request.cap), weights);
      }
      break;
    case EffectKind::free_item:
      outcome = capPieces(weights, request.cap);
      break;
    case EffectKind::buy_x_get_y:
      break;  // handled above
  }
  if (unitLevel && outcome.total > 0) {
    // Units that carry value among those the effect worked on (what a reward charges for).
    std::int64_t counted = 0;
    for (const auto& g : units) {
      if (g.value > 0) counted += g.count;
    }
    outcome.units = counted;
  }
  return outcome;
}

}  // namespace loyalty::engine

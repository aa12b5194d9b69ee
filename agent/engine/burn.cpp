#include "burn.h"

#include <algorithm>

#include "allocation.h"
#include "lots.h"

namespace loyalty::engine {
namespace {

struct Limits {
  Money shareLimit = 0;  // floor(remaining x share)
  Points smallest = 0;   // smallest burn the policy allows
};

Limits limitsFor(const BurnPolicy& policy, Money remaining) {
  Limits limits;
  limits.shareLimit = mulDivFloor(remaining, policy.maxShareBp, kFullBasisPoints);
  const Points step = std::max<Points>(policy.step, 1);
  // The smallest burn is also worth at least one minor unit: ceil(points / value) points.
  Points atLeast = std::max<Points>(policy.minPoints, 1);
  if (policy.value > 0 && policy.points > 0) {
    atLeast = std::max<Points>(atLeast, (policy.points + policy.value - 1) / policy.value);
  }
  limits.smallest = (atLeast + step - 1) / step * step;
  return limits;
}

// The burn's own limits: step from zero, minimum, maximum, share (exact value), and a value
// of at least one minor unit.
bool withinOwnLimits(const BurnPolicy& policy, const Limits& limits, Points points) {
  if (points <= 0 || points % std::max<Points>(policy.step, 1) != 0) return false;
  if (points < policy.minPoints) return false;
  if (policy.maxPoints && points > *policy.maxPoints) return false;
  // A burn fits the share only if its exact value does: points x value <= limit x per.
  if (static_cast<Wide>(points) * policy.value > static_cast<Wide>(limits.shareLimit) * policy.points) {
    return false;
  }
  return burnValue(policy, points) > 0;
}

BurnResult refuse(BurnResult result, Reason reason) {
  result.refusal = reason;
  result.message = reasonMessage(reason, "this points payment");
  return result;
}

}  // namespace

Money burnValue(const BurnPolicy& policy, Points points) noexcept {
  return mulDivFloor(points, policy.value, policy.points);
}

BurnResult applyBurn(const BurnInput& input, PricingState& state, PointsWallet& wallet, const LocalDate& today) {
  BurnResult result;
  if (!input.memberPresent) return refuse(std::move(result), Reason::member_required);
  if (!input.memberActive) return refuse(std::move(result), Reason::member_inactive);
  if (input.policy == nullptr) return refuse(std::move(result), Reason::no_burn_policy);
  const BurnPolicy& policy = *input.policy;
  result.currency = policy.currency;
  if (wallet.stale) return refuse(std::move(result), Reason::stale_snapshot);

  Money remaining = 0;
  for (const auto& line : state.lines) remaining += line.remaining;
  const Limits limits = limitsFor(policy, remaining);
  const Points available = std::max<Points>(0, wallet.spendable[policy.currency]);

  Points points = 0;
  if (input.request.mode == BurnMode::exact) {
    points = input.request.points;
    if (!withinOwnLimits(policy, limits, points)) return refuse(std::move(result), Reason::burn_limit);
    if (available < points) return refuse(std::move(result), Reason::insufficient_points);
    if (wallet.allowance && *wallet.allowance < points) return refuse(std::move(result), Reason::offline_limit);
  } else {
    // "Burn max": the largest burn every limit allows; if none, the reason that stops even
    // the smallest allowed burn, the member's points first.
    if (available < limits.smallest) return refuse(std::move(result), Reason::insufficient_points);
    if (!withinOwnLimits(policy, limits, limits.smallest)) return refuse(std::move(result), Reason::burn_limit);
    if (wallet.allowance && *wallet.allowance < limits.smallest) {
      return refuse(std::move(result), Reason::offline_limit);
    }
    Points high = available;
    if (policy.maxPoints) high = std::min(high, *policy.maxPoints);
    if (wallet.allowance) high = std::min(high, *wallet.allowance);
    high = std::min(high, mulDivFloor(limits.shareLimit, policy.points, policy.value));
    const Points step = std::max<Points>(policy.step, 1);
    points = high / step * step;
    if (!withinOwnLimits(policy, limits, points)) return refuse(std::move(result), Reason::burn_limit);
  }

  const Money value = burnValue(policy, points);
  std::vector<Money> weights;
  weights.reserve(state.lines.size());
  for (const auto& line : state.lines) weights.push_back(line.remaining);
  const std::vector<Money> pieces = spreadLargestRemainder(value, weights);
  for (std::size_t i = 0; i < state.lines.size(); ++i) {
    if (pieces[i] == 0) continue;
    state.lines[i].setRemaining(state.lines[i].remaining - pieces[i]);
    state.lines[i].burn += pieces[i];
    result.pieces.push_back(LinePiece{state.lines[i].source->lineNo, pieces[i]});
  }
  result.applied = true;
  result.points = points;
  result.value = value;
  result.lotsUsed = consumePoints(wallet.lots, policy.currency, points, today);
  wallet.spendable[policy.currency] -= points;
  if (wallet.allowance) *wallet.allowance -= points;
  return result;
}

}  // namespace loyalty::engine

// Points burns (SEMANTICS 4, 5, 9 "Burns"): applied last, to what remains after every
// discount, within the policy's minimum, maximum, step and share of the basket.
#pragma once

#include "bundle.h"
#include "pricing_state.h"
#include "quote.h"
#include "selection.h"

namespace loyalty::engine {

struct BurnInput {
  const BurnPolicy* policy = nullptr;  // nullptr: the program does not allow burns
  BurnRequest request;
  bool memberPresent = false;
  bool memberActive = false;
};

// Refuses with the documented reason, or spreads the burn over the lines and consumes
// the member's lots (soonest expiry first).
[[nodiscard]] BurnResult applyBurn(const BurnInput& input, PricingState& state, PointsWallet& wallet,
                                   const LocalDate& today);

// Value in minor units of `points` points: floor(points x value / points-per-value).
[[nodiscard]] Money burnValue(const BurnPolicy& policy, Points points) noexcept;

}  // namespace loyalty::engine

// Discount effects (SEMANTICS 4, 9 "Unit-level effects"): what one redeemable takes off the
// basket in its current state, as exact pieces per line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "bundle.h"
#include "pricing_state.h"

namespace loyalty::engine {

using LineList = std::span<const std::uint32_t>;  // indexes into PricingState::lines, ascending

struct EffectRequest {
  const Effect* effect = nullptr;
  LineList targetLines;            // lines the target matches
  LineList getLines;               // buy_x_get_y with a separate get target: its lines
  bool separateGetTarget = false;  // else the get units come from targetLines
  std::int64_t unitsOverride = 0;  // reward items: units asked for (cheapest N)
  std::optional<Money> cap;        // the lesser of the effect's maximum and the budget left
  bool withPieces = true;          // false: only total and units (ranking, validity)
};

// Computes without changing the state. Never more than what remains on any line. The total
// is the same with or without pieces.
[[nodiscard]] EffectOutcome computeEffect(const PricingState& state, const EffectRequest& request);

// True when the effect works on units (free item, cheapest N, per-unit amounts, buy X get Y),
// so a reward item's quantity counts units.
[[nodiscard]] bool isUnitEffect(const Effect& effect) noexcept;

}  // namespace loyalty::engine

// Discount effects (SEMANTICS 4, 9 "Unit-level effects"): what one redeemable takes off the
// basket in its current state, as exact pieces per line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "bundle.h"
#include "pricing_state.h"

namespace loyalty::engine {

struct EffectRequest {
  const Effect* effect = nullptr;
  const std::vector<std::size_t>* targetLines = nullptr;  // lines the target matches (ascending)
  const std::vector<std::size_t>* getLines = nullptr;     // buy_x_get_y "get" lines (ascending)
  std::int64_t unitsOverride = 0;  // reward items: units asked for (cheapest N)
  std::optional<Money> cap;        // the lesser of the effect's maximum and the budget left
};

// Computes without changing the state. Never more than what remains on any line.
[[nodiscard]] EffectOutcome computeEffect(const PricingState& state, const EffectRequest& request);

// True when the effect works on units (free item, cheapest N, per-unit amounts, buy X get Y),
// so a reward item's quantity counts units.
[[nodiscard]] bool isUnitEffect(const Effect& effect) noexcept;

}  // namespace loyalty::engine

// Exact integer splitting (SEMANTICS 1, 9): largest-remainder spreads, unit shares,
// half-up percentages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "money.h"

namespace loyalty::engine {

// Splits `total` over `weights` in proportion, by the largest-remainder method; ties go to
// the lower index (callers order weights by line number). Pieces add up to `total`.
// If every weight is zero the pieces are all zero (total must then be zero).
// Preconditions: total >= 0, weights >= 0, total <= sum(weights) is not required.
[[nodiscard]] std::vector<Money> spreadLargestRemainder(Money total, const std::vector<Money>& weights);

// The same into `pieces` (resized to the weights), reusing `scratch` between calls so that
// the hot path does not allocate.
void spreadLargestRemainder(Money total, std::span<const Money> weights, std::vector<Money>& pieces,
                            std::vector<std::pair<std::int64_t, std::size_t>>& scratch);

// Share of unit `unitIndex` (0-based) of an amount spread over `quantity` units: the first
// (amount mod quantity) units carry one minor unit more (5.99 / 3 = 2.00, 2.00, 1.99).
[[nodiscard]] Money unitShare(Money amount, std::int64_t quantity, std::int64_t unitIndex) noexcept;

// Sum of the shares of the first `units` units.
[[nodiscard]] Money firstUnitsShare(Money amount, std::int64_t quantity, std::int64_t units) noexcept;

// amount x bp / 10000 rounded half-up (amount >= 0).
[[nodiscard]] Money percentHalfUp(Money amount, std::int64_t basisPoints) noexcept;

// floor(a x b / c) in 128-bit arithmetic (a, b >= 0, c > 0), saturating at INT64_MAX.
[[nodiscard]] std::int64_t mulDivFloor(std::int64_t a, std::int64_t b, std::int64_t c) noexcept;

}  // namespace loyalty::engine

#include "allocation.h"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <numeric>

namespace loyalty::engine {

namespace {

// Shares floor(total x w / sum), leftover units to the largest remainders (ties to the lower
// index). T is the arithmetic wide enough for total x weight.
template <typename T>
void spread(Money total, std::span<const Money> weights, T weightSum, std::vector<Money>& pieces,
            std::vector<std::pair<T, std::size_t>>& remainders) {
  const std::size_t n = weights.size();
  pieces.assign(n, 0);
  remainders.resize(n);
  Money assigned = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const T product = static_cast<T>(total) * static_cast<T>(weights[i]);
    pieces[i] = static_cast<Money>(product / weightSum);
    assigned += pieces[i];
    remainders[i] = {product % weightSum, i};
  }
  const auto leftover = static_cast<std::size_t>(total - assigned);  // < n
  if (leftover > 0) {
    // Only which ones get a unit matters, not their order: select the top `leftover`.
    const auto larger = [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    std::nth_element(remainders.begin(), remainders.begin() + static_cast<std::ptrdiff_t>(leftover - 1),
                     remainders.end(), larger);
    for (std::size_t k = 0; k < leftover; ++k) ++pieces[remainders[k].second];
  }
}

}  // namespace

void spreadLargestRemainder(Money total, std::span<const Money> weights, std::vector<Money>& pieces,
                            std::vector<std::pair<std::int64_t, std::size_t>>& scratch) {
  Money weightSum = 0;
  Money maxWeight = 0;
  for (Money w : weights) {
    weightSum += w;  // weights are line amounts: their sum stays within kMaxAmount
    maxWeight = std::max(maxWeight, w);
  }
  if (weightSum <= 0 || total <= 0) {
    pieces.assign(weights.size(), 0);
    return;
  }
  // 64-bit when every product total x weight fits, else 128-bit.
  if (maxWeight == 0 || total <= std::numeric_limits<std::int64_t>::max() / maxWeight) {
    spread<std::int64_t>(total, weights, weightSum, pieces, scratch);
    return;
  }
  std::vector<std::pair<Wide, std::size_t>> wide;
  spread<Wide>(total, weights, static_cast<Wide>(weightSum), pieces, wide);
}

std::vector<Money> spreadLargestRemainder(Money total, const std::vector<Money>& weights) {
  std::vector<Money> pieces;
  std::vector<std::pair<std::int64_t, std::size_t>> scratch;
  spreadLargestRemainder(total, weights, pieces, scratch);
  return pieces;
}

Money unitShare(Money amount, std::int64_t quantity, std::int64_t unitIndex) noexcept {
  if (quantity <= 0 || unitIndex < 0 || unitIndex >= quantity) return 0;
  const Money base = amount / quantity;
  const Money extra = amount % quantity;
  return base + (unitIndex < extra ? 1 : 0);
}

Money firstUnitsShare(Money amount, std::int64_t quantity, std::int64_t units) noexcept {
  if (quantity <= 0 || units <= 0) return 0;
  if (units >= quantity) return amount;
  const Money base = amount / quantity;
  const Money extra = amount % quantity;
  return base * units + std::min<Money>(units, extra);
}

Money percentHalfUp(Money amount, std::int64_t basisPoints) noexcept {
  const Wide product = static_cast<Wide>(amount) * basisPoints;
  return static_cast<Money>((product + kFullBasisPoints / 2) / kFullBasisPoints);
}

std::int64_t mulDivFloor(std::int64_t a, std::int64_t b, std::int64_t c) noexcept {
  if (c <= 0) return 0;
  const Wide value = static_cast<Wide>(a) * b / c;
  if (value > std::numeric_limits<std::int64_t>::max()) return std::numeric_limits<std::int64_t>::max();
  if (value < std::numeric_limits<std::int64_t>::min()) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(value);
}

}  // namespace loyalty::engine

#include "allocation.h"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <numeric>

namespace loyalty::engine {

std::vector<Money> spreadLargestRemainder(Money total, const std::vector<Money>& weights) {
  std::vector<Money> pieces(weights.size(), 0);
  Wide weightSum = 0;
  for (Money w : weights) weightSum += w;
  if (weightSum <= 0 || total <= 0) return pieces;

  // Floor of each exact share, then the leftover minor units go one each to the largest
  // remainders; ties to the lower index (the lower line number).
  std::vector<std::pair<Wide, std::size_t>> remainders;
  remainders.reserve(weights.size());
  Money assigned = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide product = static_cast<Wide>(total) * weights[i];
    pieces[i] = static_cast<Money>(product / weightSum);
    assigned += pieces[i];
    remainders.emplace_back(product % weightSum, i);
  }
  Money leftover = total - assigned;
  if (leftover > 0) {
    std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first > b.first;
      return a.second < b.second;
    });
    for (std::size_t k = 0; leftover > 0 && k < remainders.size(); ++k, --leftover) {
      ++pieces[remainders[k].second];
    }
  }
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

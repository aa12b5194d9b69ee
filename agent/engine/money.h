// Integer amounts: money in minor units, points per currency. No floating point.
#pragma once

#include <cstdint>

namespace loyalty::engine {

using Money = std::int64_t;   // minor units (cents) of the program's currency
using Points = std::int64_t;  // whole points of one point currency

// Largest amount any single input may carry (10^15 minor units); every sum the engine
// forms stays far below INT64_MAX, and products are taken in 128 bits.
inline constexpr Money kMaxAmount = 1'000'000'000'000'000;
inline constexpr std::int64_t kMaxQuantity = 1'000'000'000;

// 128-bit intermediate for products of amounts and rates (GCC/Clang extension, marked so
// that -Wpedantic stays quiet).
__extension__ typedef __int128 Wide;

// 10000 basis points = 100 %.
inline constexpr std::int64_t kFullBasisPoints = 10'000;

// A rate of `points` points per `per` minor units (2 points per 100 = 2 pt per 1.00).
struct EarnRate {
  Points points = 0;
  Money per = 1;
  friend bool operator==(const EarnRate&, const EarnRate&) = default;
};

// A multiplier num/den (2x = 2/1, 1.5x = 3/2).
struct Multiplier {
  std::int64_t num = 1;
  std::int64_t den = 1;
  friend bool operator==(const Multiplier&, const Multiplier&) = default;
};

}  // namespace loyalty::engine

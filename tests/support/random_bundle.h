// Seeded generators of engine inputs (bundles, members, baskets, requests) for property
// tests and benchmarks. Same seed, same values.
#pragma once

#include <cstdint>
#include <random>

#include "engine/bundle.h"
#include "engine/member.h"
#include "engine/quote.h"

namespace loyalty::testing {

struct RandomBundleShape {
  int earningRules = 8;
  int redeemables = 12;
  int skus = 40;
  int categories = 8;
  bool allLive = false;  // every rule active at any time (benchmarks): no schedules that exclude
  // How targets split between the whole basket, a category and a few SKUs (rest).
  int basketTargetPercent = 30;
  int categoryTargetPercent = 40;
  int exclusivePercent = 8;
};

struct RandomBasketShape {
  int minLines = 1;
  int maxLines = 10;
  std::int64_t maxQuantity = 4;
  engine::Money maxUnitPrice = 5000;
};

class RandomInputs {
 public:
  explicit RandomInputs(std::uint64_t seed) : rng_(seed) {}

  [[nodiscard]] engine::Bundle bundle(const RandomBundleShape& shape);
  [[nodiscard]] engine::MemberView member(const engine::Bundle& bundle, const engine::QuoteTime& time);
  [[nodiscard]] engine::Basket basket(const RandomBundleShape& bundleShape, const RandomBasketShape& shape);
  // Codes from the bundle (and a few unknown ones), a burn request, context counters.
  [[nodiscard]] engine::QuoteRequest request(const engine::Bundle& bundle, const RandomBundleShape& shape,
                                             const RandomBasketShape& basketShape, bool withMember);
  [[nodiscard]] engine::QuoteTime time();

  std::int64_t between(std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(rng_);
  }
  bool chance(int percent) { return between(1, 100) <= percent; }
  std::mt19937_64& rng() { return rng_; }

 private:
  engine::Target target(const RandomBundleShape& shape);
  engine::Conditions conditions(const RandomBundleShape& shape, bool forEarning);
  engine::Effect effect(const RandomBundleShape& shape);

  std::mt19937_64 rng_;
};

}  // namespace loyalty::testing

// Request bodies for the agent benchmark: the example baskets of config/examples/baskets
// as they are, and generated baskets of 1-30 lines built from their SKUs and categories
// plus store-brand SKUs, for random members of the generated snapshot, some with a
// voucher code or a points burn, some anonymous. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/result.h"

namespace loyalty::bench {

struct WorkloadMix {
  int exampleBasketPercent = 30;  // the rest are generated
  int anonymousPercent = 10;      // no member id
  int voucherPercent = 15;        // of member baskets: MEMBER20 or WELCOME5
  int burnPercent = 10;           // of member baskets: {"max": true} or a number of points
};

class AgentWorkload {
 public:
  // Reads every *.json basket in `basketsDirectory`. Errors: io_error "no_baskets",
  // parse_error "bad_basket".
  [[nodiscard]] static Result<AgentWorkload> load(const std::string& basketsDirectory, std::int64_t members,
                                                  std::uint64_t seed, WorkloadMix mix = {});

  // A POST /v1/quote body; with `posSaleId` non-empty a POST /v1/sales body.
  [[nodiscard]] std::string saleBody(const std::string& posSaleId);
  // "m-%08d" of a uniformly random member of the snapshot, and its first card "C%08d-1".
  [[nodiscard]] std::int64_t randomMemberNumber();
  [[nodiscard]] static std::string memberId(std::int64_t number);
  [[nodiscard]] static std::string cardId(std::int64_t number);

  [[nodiscard]] std::size_t exampleBaskets() const noexcept { return examples_.size(); }
  [[nodiscard]] std::size_t linePool() const noexcept { return pool_.size(); }

 private:
  AgentWorkload(std::vector<nlohmann::json> examples, std::vector<nlohmann::json> pool, std::int64_t members,
                std::uint64_t seed, WorkloadMix mix);
  [[nodiscard]] nlohmann::json generatedLines();
  [[nodiscard]] int percent() { return static_cast<int>(random_() % 100); }

  std::vector<nlohmann::json> examples_;  // each a "lines" array
  std::vector<nlohmann::json> pool_;      // single lines (sku, categories, unit_price)
  std::vector<std::string> categories_;
  std::int64_t members_;
  std::mt19937_64 random_;
  WorkloadMix mix_;
};

}  // namespace loyalty::bench

// A basket as the POS sends it. Line numbers are the POS's and unique in the basket, so
// nothing depends on the order in which lines are listed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "money.h"

namespace loyalty::engine {

struct BasketLine {
  std::int64_t lineNo = 0;
  std::string sku;
  std::vector<std::string> categories;
  std::int64_t quantity = 1;  // units, > 0
  Money unitPrice = 0;        // minor units, >= 0
  friend bool operator==(const BasketLine&, const BasketLine&) = default;
};

struct Basket {
  std::string storeId;
  std::vector<BasketLine> lines;
  friend bool operator==(const Basket&, const Basket&) = default;
};

}  // namespace loyalty::engine

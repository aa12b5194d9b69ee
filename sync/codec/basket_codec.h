// Basket JSON (docs/data-formats.md) <-> engine::Basket.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/basket.h"
#include "engine/result.h"

namespace loyalty::codec {

// Rejects duplicate line numbers ("duplicate_line_number"), non-positive quantities,
// negative prices ("out_of_range") and line or basket totals above engine::kMaxAmount
// ("overflow"). Linear in the number of lines.
[[nodiscard]] Result<engine::Basket> parseBasket(std::string_view jsonText);
[[nodiscard]] nlohmann::json basketToJson(const engine::Basket& basket);

}  // namespace loyalty::codec

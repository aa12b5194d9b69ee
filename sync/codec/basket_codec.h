// Basket JSON (docs/data-formats.md) <-> engine::Basket.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "codec/json_reader.h"
#include "engine/basket.h"
#include "engine/result.h"

namespace loyalty::codec {

// Rejects duplicate line numbers ("duplicate_line_number"), non-positive quantities,
// negative prices ("out_of_range") and line or basket totals above engine::kMaxAmount
// ("overflow"). Linear in the number of lines.
[[nodiscard]] Result<engine::Basket> parseBasket(std::string_view jsonText);
[[nodiscard]] nlohmann::json basketToJson(const engine::Basket& basket);

// The required "lines" of the object `reader` reads, with the checks of parseBasket; the
// problems go to the reader's issues. For documents that carry a basket's lines among
// fields of their own (the local API's quote and sale), read in place: no copy, no second
// parse.
[[nodiscard]] std::vector<engine::BasketLine> readBasketLines(ObjectReader& reader);

}  // namespace loyalty::codec

// Exact decimal inputs of the bundle, read without floating point: percentages (stored as
// basis points) and earning multipliers (stored as a reduced fraction).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "codec/json_reader.h"
#include "engine/money.h"

namespace loyalty::codec {

// An integer percent (15) or a decimal string with at most 2 decimals ("12.5"), 0-100,
// as basis points (1250). Reasons: wrong_type, invalid_value, out_of_range.
[[nodiscard]] std::optional<std::int64_t> readPercent(const Json& value, const std::string& pointer,
                                                      Issues& issues);

// An integer (2), a decimal string with at most 4 decimals ("1.5") or a ratio ("3/2");
// at least 1, numerator and denominator at most 1,000,000 once reduced.
// Reasons: wrong_type, invalid_value, zero_denominator, out_of_range.
[[nodiscard]] std::optional<engine::Multiplier> readMultiplier(const Json& value, const std::string& pointer,
                                                               Issues& issues);

// "1.5" for 3/2, "2" for 2/1, "1/3" when not a short decimal.
[[nodiscard]] std::string formatMultiplier(const engine::Multiplier& multiplier);

}  // namespace loyalty::codec

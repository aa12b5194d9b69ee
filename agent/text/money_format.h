// Money for people: integer minor units printed as "12.34 EUR". Pure integer arithmetic;
// no floating point ever touches an amount.
#pragma once

#include <string>
#include <string_view>

#include "engine/money.h"

namespace loyalty::text {

// Digits after the decimal point for an ISO 4217 currency (EUR 2, JPY 0, KWD 3);
// unknown codes get 2, the common case.
[[nodiscard]] int currencyDecimals(std::string_view currency) noexcept;

// "12.34", "-0.05", "1234" (0 decimals); exact for every int64 value.
[[nodiscard]] std::string formatAmount(engine::Money minorUnits, int decimals);

// "12.34 EUR".
[[nodiscard]] std::string formatMoney(engine::Money minorUnits, std::string_view currency);

}  // namespace loyalty::text

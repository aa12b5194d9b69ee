// Money printed from integer minor units: exact, signed, per-currency decimals.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

#include "text/money_format.h"

using loyalty::text::currencyDecimals;
using loyalty::text::formatAmount;
using loyalty::text::formatMoney;

TEST_CASE("money format: two-decimal currencies", "[money_format]") {
  CHECK(formatMoney(1234, "EUR") == "12.34 EUR");
  CHECK(formatMoney(0, "EUR") == "0.00 EUR");
  CHECK(formatMoney(5, "EUR") == "0.05 EUR");
  CHECK(formatMoney(50, "EUR") == "0.50 EUR");
  CHECK(formatMoney(100, "EUR") == "1.00 EUR");
  CHECK(formatMoney(-5, "EUR") == "-0.05 EUR");
  CHECK(formatMoney(-861, "EUR") == "-8.61 EUR");
  CHECK(formatMoney(3000000, "EUR") == "30000.00 EUR");
}

TEST_CASE("money format: other minor units", "[money_format]") {
  CHECK(currencyDecimals("EUR") == 2);
  CHECK(currencyDecimals("JPY") == 0);
  CHECK(currencyDecimals("KWD") == 3);
  CHECK(currencyDecimals("XYZ") == 2);
  CHECK(formatMoney(1234, "JPY") == "1234 JPY");
  CHECK(formatMoney(1234, "KWD") == "1.234 KWD");
  CHECK(formatMoney(-7, "KWD") == "-0.007 KWD");
  CHECK(formatMoney(1234, "") == "12.34");
}

TEST_CASE("money format: exact at the int64 limits", "[money_format]") {
  const auto max = std::numeric_limits<std::int64_t>::max();
  const auto min = std::numeric_limits<std::int64_t>::min();
  CHECK(formatAmount(max, 2) == "92233720368547758.07");
  CHECK(formatAmount(min, 2) == "-92233720368547758.08");
  CHECK(formatAmount(1'000'000'000'000'000, 2) == "10000000000000.00");
  CHECK(formatAmount(123, 0) == "123");
  CHECK(formatAmount(-1, 4) == "-0.0001");
}

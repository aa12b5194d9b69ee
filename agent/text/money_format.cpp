#include "text/money_format.h"

#include <array>
#include <cstdint>

namespace loyalty::text {

int currencyDecimals(std::string_view currency) noexcept {
  static constexpr std::array<std::string_view, 16> kNoDecimals = {
      "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW",
      "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF"};
  static constexpr std::array<std::string_view, 7> kThreeDecimals = {
      "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
  for (const auto code : kNoDecimals) {
    if (code == currency) return 0;
  }
  for (const auto code : kThreeDecimals) {
    if (code == currency) return 3;
  }
  return 2;
}

std::string formatAmount(engine::Money minorUnits, int decimals) {
  const bool negative = minorUnits < 0;
  // Magnitude in unsigned arithmetic so that INT64_MIN is exact too.
  const std::uint64_t magnitude = negative ? 0U - static_cast<std::uint64_t>(minorUnits)
                                           : static_cast<std::uint64_t>(minorUnits);
  std::string digits = std::to_string(magnitude);
  const auto width = static_cast<std::size_t>(decimals < 0 ? 0 : decimals);
  if (width > 0) {
    if (digits.size() <= width) digits.insert(0, width + 1 - digits.size(), '0');
    digits.insert(digits.size() - width, 1, '.');
  }
  return negative ? "-" + digits : digits;
}

std::string formatMoney(engine::Money minorUnits, std::string_view currency) {
  std::string text = formatAmount(minorUnits, currencyDecimals(currency));
  if (!currency.empty()) {
    text += ' ';
    text += currency;
  }
  return text;
}

}  // namespace loyalty::text

#include "codec/decimal_text.h"

#include <numeric>
#include <string_view>

namespace loyalty::codec {
namespace {

constexpr std::int64_t kMaxMultiplierTerm = 1'000'000;

// Parses digits[.digits] with at most `maxIntDigits` and `maxDecimals` digits, as an
// integer scaled by 10^decimals. Returns {scaled, decimals}.
struct Scaled {
  std::int64_t value = 0;
  int decimals = 0;
};
std::optional<Scaled> parseDecimal(std::string_view text, std::size_t maxIntDigits, int maxDecimals) {
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() || whole.size() > maxIntDigits) return std::nullopt;
  if (dot != std::string_view::npos && (fraction.empty() || fraction.size() > static_cast<std::size_t>(maxDecimals))) {
    return std::nullopt;
  }
  Scaled out;
  for (const char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    out.value = out.value * 10 + (c - '0');
  }
  for (const char c : fraction) {
    if (c < '0' || c > '9') return std::nullopt;
    out.value = out.value * 10 + (c - '0');
    ++out.decimals;
  }
  return out;
}

std::optional<std::int64_t> parseTerm(std::string_view text) {
  const auto scaled = parseDecimal(text, 7, 0);
  if (!scaled) return std::nullopt;
  return scaled->value;
}

}  // namespace

std::optional<std::int64_t> readPercent(const Json& value, const std::string& pointer, Issues& issues) {
  std::int64_t basisPoints = 0;
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    const auto scaled = parseDecimal(text, 3, 2);
    if (!scaled) {
      issues.add(pointer, "invalid_value",
                 "\"" + text + "\" is not a percentage such as \"12.5\" (at most 2 decimals).");
      return std::nullopt;
    }
    basisPoints = scaled->value * (scaled->decimals == 0 ? 100 : scaled->decimals == 1 ? 10 : 1);
  } else {
    const auto whole = readInt(value, pointer, IntRange{0, 100}, issues);
    if (!whole) return std::nullopt;
    basisPoints = *whole * 100;
  }
  if (basisPoints > engine::kFullBasisPoints) {
    issues.add(pointer, "out_of_range", "a percentage cannot exceed 100.");
    return std::nullopt;
  }
  return basisPoints;
}

std::optional<engine::Multiplier> readMultiplier(const Json& value, const std::string& pointer,
                                                 Issues& issues) {
  engine::Multiplier multiplier;
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    const std::size_t slash = text.find('/');
    bool parsed = false;
    if (slash != std::string::npos) {
      const auto num = parseTerm(std::string_view(text).substr(0, slash));
      const auto den = parseTerm(std::string_view(text).substr(slash + 1));
      if (num && den) {
        if (*den == 0) {
          issues.add(pointer, "zero_denominator", "the multiplier \"" + text + "\" divides by zero.");
          return std::nullopt;
        }
        multiplier = engine::Multiplier{*num, *den};
        parsed = true;
      }
    } else if (const auto scaled = parseDecimal(text, 7, 4)) {
      std::int64_t den = 1;
      for (int i = 0; i < scaled->decimals; ++i) den *= 10;
      multiplier = engine::Multiplier{scaled->value, den};
      parsed = true;
    }
    if (!parsed) {
      issues.add(pointer, "invalid_value",
                 "\"" + text + "\" is not a multiplier such as 2, \"1.5\" or \"3/2\".");
      return std::nullopt;
    }
  } else {
    const auto whole = readInt(value, pointer, IntRange{0, kMaxMultiplierTerm}, issues);
    if (!whole) return std::nullopt;
    multiplier = engine::Multiplier{*whole, 1};
  }
  const std::int64_t divisor = std::gcd(multiplier.num, multiplier.den);
  if (divisor > 1) {
    multiplier.num /= divisor;
    multiplier.den /= divisor;
  }
  if (multiplier.num > kMaxMultiplierTerm || multiplier.den > kMaxMultiplierTerm) {
    issues.add(pointer, "out_of_range", "numerator and denominator of a multiplier must be at most 1000000.");
    return std::nullopt;
  }
  if (multiplier.num < multiplier.den) {
    issues.add(pointer, "out_of_range",
               "a multiplier must be at least 1 (a multiplier m adds (m-1) x the base rate).");
    return std::nullopt;
  }
  return multiplier;
}

std::string formatMultiplier(const engine::Multiplier& multiplier) {
  if (multiplier.den == 1) return std::to_string(multiplier.num);
  // Exact as a decimal when the denominator divides 10^4.
  std::int64_t scale = 1;
  for (int decimals = 1; decimals <= 4; ++decimals) {
    scale *= 10;
    if (multiplier.den > 0 && scale % multiplier.den == 0) {
      const std::int64_t scaled = multiplier.num * (scale / multiplier.den);
      std::string fraction = std::to_string(scaled % scale);
      fraction.insert(0, static_cast<std::size_t>(decimals) - fraction.size(), '0');
      while (fraction.size() > 1 && fraction.back() == '0') fraction.pop_back();
      return std::to_string(scaled / scale) + "." + fraction;
    }
  }
  return std::to_string(multiplier.num) + "/" + std::to_string(multiplier.den);
}

}  // namespace loyalty::codec

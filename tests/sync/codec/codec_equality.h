// Field-by-field equality of engine values for round-trip tests. Each fields() overload
// destructures EVERY member with a structured binding, so adding a member to an engine
// struct breaks compilation here until the codec and this test cover it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/basket.h"
#include "engine/member.h"
#include "engine/quote.h"
#include "engine/returns.h"

namespace codec_test {

namespace e = loyalty::engine;

// clang-format off
inline auto fields(const e::BasketLine& x) { const auto& [a, b, c, d, f] = x; return std::tie(a, b, c, d, f); }
inline auto fields(const e::Basket& x) { const auto& [a, b] = x; return std::tie(a, b); }
inline auto fields(const e::RuleUsage& x) { const auto& [a, b, c, d] = x; return std::tie(a, b, c, d); }
inline auto fields(const e::RedeemableUsage& x) { const auto& [a, b, c, d, f] = x; return std::tie(a, b, c, d, f); }
inline auto fields(const e::VoucherCode& x) { const auto& [a, b, c, d, f, g] = x; return std::tie(a, b, c, d, f, g); }
inline auto fields(const e::MemberVoucher& x) { const auto& [a, b] = x; return std::tie(a, b); }
inline auto fields(const e::MemberView& x) {
  const auto& [a, b, c, d, f, g, h, i, j, k, l, m, n] = x;
  return std::tie(a, b, c, d, f, g, h, i, j, k, l, m, n);
}
inline auto fields(const e::CampaignUsage& x) { const auto& [a, b, c, d] = x; return std::tie(a, b, c, d); }
inline auto fields(const e::DiscountPiece& x) { const auto& [a, b, c] = x; return std::tie(a, b, c); }
inline auto fields(const e::LotUse& x) { const auto& [a, b, c, d, f] = x; return std::tie(a, b, c, d, f); }
inline auto fields(const e::LineResult& x) {
  const auto& [a, b, c, d, f, g, h, i, j, k, l, m, n] = x;
  return std::tie(a, b, c, d, f, g, h, i, j, k, l, m, n);
}
inline auto fields(const e::AppliedRedeemable& x) {
  const auto& [a, b, c, d, f, g, h, i, j, k, l, m, n, o] = x;
  return std::tie(a, b, c, d, f, g, h, i, j, k, l, m, n, o);
}
inline auto fields(const e::Rejection& x) { const auto& [a, b, c, d, f, g] = x; return std::tie(a, b, c, d, f, g); }
inline auto fields(const e::BurnResult& x) {
  const auto& [a, b, c, d, f, g, h, i] = x;
  return std::tie(a, b, c, d, f, g, h, i);
}
inline auto fields(const e::EarnedRule& x) {
  const auto& [a, b, c, d, f, g, h, i, j] = x;
  return std::tie(a, b, c, d, f, g, h, i, j);
}
inline auto fields(const e::CurrencyBalance& x) { const auto& [a, b, c, d, f] = x; return std::tie(a, b, c, d, f); }
inline auto fields(const e::Notice& x) { const auto& [a, b] = x; return std::tie(a, b); }
inline auto fields(const e::QuoteResult& x) {
  const auto& [a, b, c, d, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, y] = x;
  return std::tie(a, b, c, d, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, y);
}
inline auto fields(const e::ReturnLine& x) { const auto& [a, b] = x; return std::tie(a, b); }
inline auto fields(const e::ReturnedLine& x) { const auto& [a, b, c, d] = x; return std::tie(a, b, c, d); }
inline auto fields(const e::ReversedRule& x) { const auto& [a, b, c, d, f] = x; return std::tie(a, b, c, d, f); }
inline auto fields(const e::RestoredPoints& x) { const auto& [a, b, c, d, f, g] = x; return std::tie(a, b, c, d, f, g); }
inline auto fields(const e::ReinstatedVoucher& x) { const auto& [a, b, c, d] = x; return std::tie(a, b, c, d); }
inline auto fields(const e::ReturnResult& x) {
  const auto& [a, b, c, d, f, g, h, i, j, k, l, m] = x;
  return std::tie(a, b, c, d, f, g, h, i, j, k, l, m);
}
// clang-format on

template <typename T>
bool same(const T& a, const T& b);
template <typename T>
bool same(const std::vector<T>& a, const std::vector<T>& b);
template <typename T>
bool same(const std::optional<T>& a, const std::optional<T>& b);

template <typename Tuple, std::size_t... I>
bool sameTuple(const Tuple& a, const Tuple& b, std::index_sequence<I...>) {
  return (same(std::get<I>(a), std::get<I>(b)) && ...);
}

template <typename T>
bool same(const T& a, const T& b) {
  if constexpr (requires { fields(a); }) {
    using Tuple = decltype(fields(a));
    return sameTuple(fields(a), fields(b), std::make_index_sequence<std::tuple_size_v<Tuple>>{});
  } else {
    return a == b;
  }
}

template <typename T>
bool same(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i], b[i])) return false;
  }
  return true;
}

template <typename T>
bool same(const std::optional<T>& a, const std::optional<T>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || same(*a, *b);
}

}  // namespace codec_test

// The loyalty-manager half of a quote's text: points earned per rule and per currency,
// balances before and after, the lots left after the sale, and what a commit books.
#pragma once

#include <string>

#include "engine/bundle.h"
#include "engine/quote.h"
#include "text/money_format.h"

namespace loyalty::ctl {

// One quote being rendered, with the currency of its program.
struct QuotePage {
  const engine::Bundle& bundle;
  const engine::QuoteResult& result;
  std::string currency;

  // "12.34" (table cells) and "12.34 EUR" (sentences).
  [[nodiscard]] std::string amount(engine::Money minor) const {
    return text::formatAmount(minor, text::currencyDecimals(currency));
  }
  [[nodiscard]] std::string money(engine::Money minor) const {
    return text::formatMoney(minor, currency);
  }
};

[[nodiscard]] std::string renderPoints(const QuotePage& page);

}  // namespace loyalty::ctl

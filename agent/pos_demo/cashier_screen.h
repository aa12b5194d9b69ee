// What the cashier sees at each step of a checkout, as plain text: the member (name, tier,
// balances), the priced basket (lines with each discount and its source, vouchers applied
// or refused with the sentence to read out, points paid and their value, to pay, points
// earned, offline warnings), the approval with the ledger entries written, and a return.
// Pure functions of the API's answers; money from integer minor units only.
#pragma once

#include <string>

#include "pos_demo/pos_answers.h"

namespace loyalty::pos_demo {

class CashierScreen {
 public:
  // `currency`: the till's ISO 4217 currency; the API's amounts are its minor units.
  explicit CashierScreen(std::string currency) : currency_(std::move(currency)) {}

  [[nodiscard]] std::string terminal(const StatusAnswer& status) const;
  [[nodiscard]] std::string member(const MemberAnswer& member) const;
  [[nodiscard]] std::string scan(const ScanAnswer& scan) const;
  [[nodiscard]] std::string quote(const SaleAnswer& quote) const;
  [[nodiscard]] std::string approval(const SaleAnswer& sale) const;
  // `sale`: the committed sale the return belongs to (for the items' names).
  [[nodiscard]] std::string refund(const ReturnAnswer& answer, const engine::QuoteResult& sale) const;
  // `alreadyCommitted`: the agent answered a repeated request; the entries are the earlier ones.
  [[nodiscard]] std::string entries(const std::vector<LedgerEntryRef>& entries, bool alreadyCommitted) const;

  // "12.34 EUR".
  [[nodiscard]] std::string money(engine::Money minorUnits) const;

 private:
  [[nodiscard]] std::string amount(engine::Money minorUnits) const;  // "12.34" for tables
  std::string currency_;
};

// "1234 reward points, 517 qualifying points" (no balance: "no points").
[[nodiscard]] std::string describeBalances(const std::vector<PointsBalance>& balances);
// "500 reward points".
[[nodiscard]] std::string describePoints(engine::Points points, const std::string& currency);

}  // namespace loyalty::pos_demo

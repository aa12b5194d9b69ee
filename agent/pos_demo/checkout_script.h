// The scripted checkout of the README's demo, played against a running agent through its
// local API exactly as a POS would: status, scan a member card picture, quote a basket with
// vouchers and a points payment, commit it (and retry the commit, as a POS does after a lost
// answer), return some of it, and look the member up again. Each step prints what the
// cashier sees; the last one checks that the member's balance agrees with the receipts.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/quote.h"
#include "engine/result.h"
#include "engine/returns.h"
#include "pos_client/pos_client.h"

namespace loyalty::pos_demo {

struct CheckoutOptions {
  std::string cardImagePath;          // PNG or JPEG of the member's QR card; empty: key in memberId
  std::string memberId;               // with a card: the member it must identify
  std::string basketPath;             // a basket document (docs/data-formats.md); its "lines" are sold
  std::vector<std::string> vouchers;  // codes presented at the till
  engine::BurnRequest burn;           // points the member pays with
  std::string saleId;                 // the POS's sale id (commit is idempotent on it)
  std::vector<engine::ReturnLine> returnLines;  // empty: one unit of the first line
  std::string currency = "EUR";       // the till's currency (the API speaks minor units)
};

struct CheckoutSummary {
  std::string memberId;
  engine::Money toPay = 0;
  engine::Money refund = 0;
  engine::Points pointsBurned = 0;
  std::int64_t entriesWritten = 0;  // by the sale and the return
  bool balancesAgree = false;       // the member's final balance is what the receipts imply
};

// Errors: io_error (agent unreachable, unreadable file), the agent's own (reason and
// sentence, e.g. unknown_member, quote_changed), invalid_input "card_refused" when the scan
// is refused, "wrong_member" when the card is not --member's, "balance_mismatch".
// Whatever happens, `out` already holds the screens of the steps that ran.
[[nodiscard]] Result<CheckoutSummary> runCheckout(pos::PosClient& client, const CheckoutOptions& options,
                                                  std::ostream& out);

}  // namespace loyalty::pos_demo

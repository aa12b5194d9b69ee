// Voucher reinstatement on the return that completes a sale (SEMANTICS 6, 9); internal to
// computeSaleReturn.
#pragma once

#include "bundle.h"
#include "quote.h"
#include "returns.h"

namespace loyalty::engine {

// Gives back every voucher of `sale` that asks for it and is still valid at request.time:
// not past its last valid day, its redeemable still in the program, its campaign not
// disabled, its schedule not over. Fills reinstated, redeemablesReleased and
// campaignUsageReleased of `result`.
void reinstateVouchers(const Bundle& bundle, const QuoteResult& sale, const ReturnRequest& request,
                       ReturnResult& result);

}  // namespace loyalty::engine

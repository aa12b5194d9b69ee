// Returns after commit (SEMANTICS 6 and 9): reversal of earned points, restoration of
// burned points to their lots, reinstatement of vouchers on a full return.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calendar.h"
#include "member.h"
#include "money.h"
#include "quote.h"
#include "result.h"

namespace loyalty::engine {

struct ReturnLine {
  std::int64_t lineNo = 0;
  std::int64_t quantity = 0;  // units coming back
  friend bool operator==(const ReturnLine&, const ReturnLine&) = default;
};

struct ReturnRequest {
  std::vector<ReturnLine> lines;
  std::vector<ReturnLine> returnedBefore;  // cumulative units of earlier returns of the sale
  std::optional<MemberView> member;        // the member's state now (lots, deficits)
  QuoteTime time;
  std::vector<std::string> disabledCampaigns;
  friend bool operator==(const ReturnRequest&, const ReturnRequest&) = default;
};

struct ReversedRule {
  std::string ruleId;
  std::string currency;
  Points earned = 0;          // what the sale credited
  Points reversedBefore = 0;  // by earlier returns
  Points reversedNow = 0;
  friend bool operator==(const ReversedRule&, const ReversedRule&) = default;
};

struct RestoredPoints {
  std::string sourceId;       // the burn's currency id, or the reward item's redeemable id
  SourceKind kind = SourceKind::burn;
  std::string currency;
  Points burned = 0;
  Points restoredBefore = 0;
  Points restoredNow = 0;
  friend bool operator==(const RestoredPoints&, const RestoredPoints&) = default;
};

struct ReinstatedVoucher {
  std::string code;
  std::string redeemableId;
  std::string campaignId;
  Money discount = 0;  // given back to the campaign budget
  friend bool operator==(const ReinstatedVoucher&, const ReinstatedVoucher&) = default;
};

struct ReturnedLine {
  std::int64_t lineNo = 0;
  std::int64_t quantity = 0;
  Money refund = 0;  // money paid back: the units' share of the line's toPay
  Money netReturned = 0;  // the units' share of the line's net amount
  friend bool operator==(const ReturnedLine&, const ReturnedLine&) = default;
};

struct ReturnResult {
  std::vector<ReturnedLine> lines;
  Money refund = 0;
  std::vector<ReversedRule> reversed;
  std::vector<RestoredPoints> restored;
  std::vector<ReinstatedVoucher> reinstated;
  std::vector<CampaignUsage> campaignUsageReleased;  // to subtract from campaign counters
  std::vector<std::string> redeemablesReleased;      // member usage -1 each
  bool completesSale = false;
  bool negativeBalance = false;  // flag to HQ: a balance went below zero
  std::vector<Lot> lotsAfter;
  std::vector<Deficit> deficitsAfter;
  std::vector<ReturnLine> returnedAfter;  // cumulative units returned, for the next return
  friend bool operator==(const ReturnResult&, const ReturnResult&) = default;
};

// The reversal of `request.lines` of the committed `sale`, priced with `bundle` (voucher
// validity and campaign switches are checked against it). Errors: unknown line, more units
// than remain, a member other than the sale's.
[[nodiscard]] Result<ReturnResult> computeSaleReturn(const Bundle& bundle, const QuoteResult& sale,
                                                     const ReturnRequest& request);

}  // namespace loyalty::engine

// Stacking (SEMANTICS 5, 9): gather candidates (automatic promotions the basket can reach
// plus what the cashier asked for), order them once, and walk that order accepting or
// rejecting each with its reason while applying the accepted ones.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "basket_match.h"
#include "bundle_index.h"
#include "member.h"
#include "pricing_state.h"
#include "quote.h"
#include "redemption.h"

namespace loyalty::engine {

// Points the member can still spend in this basket (reward items, then the burn).
struct PointsWallet {
  std::vector<Lot> lots;                 // consumed in place
  std::map<std::string, Points> spendable;  // per currency, after what was consumed
  std::optional<Points> allowance;       // offline allowance left; nullopt = unbounded
  bool stale = false;
};

struct SelectionInput {
  const BundleIndex* bundle = nullptr;
  const ProgramIndex* program = nullptr;
  const Store* store = nullptr;
  const QuoteRequest* request = nullptr;
  const MemberView* member = nullptr;  // identified member of this program, else nullptr
  bool memberActive = false;
  const MatchTable* matches = nullptr;
};

struct Candidate {
  const Redeemable* redeemable = nullptr;
  bool requested = false;
  std::string subject;                  // code or id as presented
  const VoucherCode* voucher = nullptr; // presented as a voucher code
  bool voucherUsed = false;             // member voucher already marked used
  std::int64_t quantity = 1;            // reward items
  std::optional<Reason> rejection;      // decided before the walk
  LineList targetLines;  // from the quote's match table
  LineList getLines;
  bool itemLevel = false;
  Money alone = 0;                      // discount it gives alone on the fresh basket
  std::int64_t aloneUnits = 0;          // units that discount works on (reward items)
  std::optional<Money> aloneCap;        // the cap it was computed with
};

struct SelectionOutcome {
  std::vector<AppliedRedeemable> applied;
  std::vector<Rejection> rejected;
};

// Candidates in their final order, with rejections known before the walk filled in.
[[nodiscard]] std::vector<Candidate> gatherCandidates(const SelectionInput& input, const PricingState& state,
                                                      std::vector<Rejection>& unresolved);

// Walks the ordered candidates, applying accepted ones to `state` and paying reward items
// from `wallet`.
[[nodiscard]] SelectionOutcome selectAndApply(const SelectionInput& input, std::vector<Candidate> candidates,
                                              PricingState& state, PointsWallet& wallet);

// Redemptions, discount and order value a campaign has already seen (context counters).
[[nodiscard]] CampaignUsage campaignUsageFor(const QuoteContext& context, const std::string& campaignId);

[[nodiscard]] Rejection makeRejection(const Candidate& candidate, Reason reason);

// What is left of the campaign's discount budget before this basket; nullopt = no budget.
[[nodiscard]] std::optional<Money> campaignBudgetLeft(const SelectionInput& input, const Redeemable& redeemable);

[[nodiscard]] bool campaignDisabled(const ProgramIndex& program, const QuoteContext& context,
                                    const std::string& campaignId);

}  // namespace loyalty::engine

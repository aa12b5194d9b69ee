// Earning (SEMANTICS 3, 9): base, multiplier and fixed rules on eligible net amounts,
// floored once per rule, capped per member per period.
#pragma once

#include <string_view>
#include <vector>

#include "basket.h"
#include "basket_match.h"
#include "bundle.h"
#include "member.h"
#include "quote.h"

namespace loyalty::engine {

// A basket line after every discount and burn of the basket.
struct EarnLine {
  const BasketLine* line = nullptr;
  Money eligibleNet = 0;  // net less points payment; 0 when excluded
  bool excluded = false;  // in one of the program's excluded categories
};

struct EarnContext {
  const Program* program = nullptr;
  const MemberView* member = nullptr;  // active member (the caller checks status)
  const Tier* tier = nullptr;          // the member's tier, or nullptr if unknown
  const Store* store = nullptr;
  QuoteTime time;
  const std::vector<std::string>* disabledCampaigns = nullptr;  // besides Campaign::disabled
  const std::vector<BasketLine>* basketLines = nullptr;         // all lines (required items)
  // Optional: the quote's match table; `lines` must then be in the table's line order.
  // Without it every rule is matched against every line.
  const MatchTable* matches = nullptr;
};

struct EarnOutcome {
  std::vector<EarnedRule> earned;        // by rule id; rules crediting 0 omitted
  std::vector<RuleUsage> ruleUsageAdded; // per capped rule that credited points
};

// Purchase earning over `lines` (ascending line number).
[[nodiscard]] EarnOutcome computeEarning(const EarnContext& context, const std::vector<EarnLine>& lines);

// Event earning: every rule with trigger == event and this event name.
[[nodiscard]] EarnOutcome computeEventEarning(const EarnContext& context, std::string_view event);

}  // namespace loyalty::engine

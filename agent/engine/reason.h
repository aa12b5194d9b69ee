// Machine-readable reasons for every business "no", with a sentence a cashier can read.
#pragma once

#include <string>
#include <string_view>

namespace loyalty::engine {

enum class Reason {
  // redeemables
  unknown_code,
  duplicate,
  campaign_disabled,
  not_started,
  expired,
  member_required,
  member_inactive,
  wrong_member,
  tier_required,
  segment_required,
  attribute_required,
  store_not_eligible,
  outside_schedule,
  items_required,
  already_used,
  limit_reached,
  budget_exhausted,
  min_basket,
  min_quantity,
  no_effect,
  not_combinable,
  max_per_basket,
  max_per_category,
  // points
  stale_snapshot,
  burn_limit,
  insufficient_points,
  offline_limit,
  no_burn_policy,
  // quote level
  program_not_served,
};

[[nodiscard]] std::string_view toString(Reason reason) noexcept;
[[nodiscard]] bool reasonFromString(std::string_view text, Reason& out) noexcept;
// A sentence a cashier can read out; `subject` names the voucher, reward or promotion.
[[nodiscard]] std::string reasonMessage(Reason reason, std::string_view subject);

}  // namespace loyalty::engine

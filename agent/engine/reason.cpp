#include "reason.h"

#include <array>
#include <utility>

namespace loyalty::engine {
namespace {

struct ReasonText {
  Reason reason;
  std::string_view code;
  std::string_view sentence;  // "{}" stands for the subject
};

// One table keeps codes and sentences together; the sentences are written to be read out
// at the till.
constexpr std::array kReasons{
    ReasonText{Reason::unknown_code, "unknown_code", "The code {} is not known."},
    ReasonText{Reason::duplicate, "duplicate", "{} is already applied to this basket."},
    ReasonText{Reason::campaign_disabled, "campaign_disabled", "{} has been switched off by head office."},
    ReasonText{Reason::not_started, "not_started", "{} has not started yet."},
    ReasonText{Reason::expired, "expired", "{} has expired."},
    ReasonText{Reason::member_required, "member_required", "{} is for members only: please scan a member card."},
    ReasonText{Reason::member_inactive, "member_inactive", "The member account is not active, so {} cannot be used."},
    ReasonText{Reason::wrong_member, "wrong_member", "{} belongs to another member."},
    ReasonText{Reason::tier_required, "tier_required", "{} needs a higher membership tier."},
    ReasonText{Reason::segment_required, "segment_required", "{} is not offered to this member."},
    ReasonText{Reason::attribute_required, "attribute_required", "This member does not qualify for {}."},
    ReasonText{Reason::store_not_eligible, "store_not_eligible", "{} is not valid in this store."},
    ReasonText{Reason::outside_schedule, "outside_schedule", "{} is not valid at this day or time."},
    ReasonText{Reason::items_required, "items_required", "{} needs a specific item in the basket."},
    ReasonText{Reason::already_used, "already_used", "{} has already been used."},
    ReasonText{Reason::limit_reached, "limit_reached", "{} has reached its usage limit."},
    ReasonText{Reason::budget_exhausted, "budget_exhausted", "{} has used up its budget."},
    ReasonText{Reason::min_basket, "min_basket", "The basket is below the minimum amount for {}."},
    ReasonText{Reason::min_quantity, "min_quantity", "Not enough qualifying items for {}."},
    ReasonText{Reason::no_effect, "no_effect", "{} takes nothing off this basket."},
    ReasonText{Reason::not_combinable, "not_combinable", "{} cannot be combined with a discount already applied."},
    ReasonText{Reason::max_per_basket, "max_per_basket", "{} cannot be added: the basket already has the most discounts allowed."},
    ReasonText{Reason::max_per_category, "max_per_category", "{} cannot be added: a discount of the same kind is already applied."},
    ReasonText{Reason::stale_snapshot, "stale_snapshot", "Points cannot be spent right now because this till has been offline too long; points are still earned."},
    ReasonText{Reason::burn_limit, "burn_limit", "That number of points is outside the allowed amounts for {}."},
    ReasonText{Reason::insufficient_points, "insufficient_points", "The member does not have enough points for {}."},
    ReasonText{Reason::offline_limit, "offline_limit", "While the till is offline, {} is above what this member may spend here today."},
    ReasonText{Reason::no_burn_policy, "no_burn_policy", "Points cannot be spent in this program."},
    ReasonText{Reason::program_not_served, "program_not_served", "This card belongs to a program this store does not serve."},
};

}  // namespace

std::string_view toString(Reason reason) noexcept {
  for (const auto& entry : kReasons) {
    if (entry.reason == reason) return entry.code;
  }
  return "unknown";
}

bool reasonFromString(std::string_view text, Reason& out) noexcept {
  for (const auto& entry : kReasons) {
    if (entry.code == text) {
      out = entry.reason;
      return true;
    }
  }
  return false;
}

std::string reasonMessage(Reason reason, std::string_view subject) {
  std::string_view sentence = "This cannot be applied.";
  for (const auto& entry : kReasons) {
    if (entry.reason == reason) sentence = entry.sentence;
  }
  std::string out;
  const auto at = sentence.find("{}");
  if (at == std::string_view::npos) return std::string(sentence);
  const std::string_view name = subject.empty() ? std::string_view("This offer") : subject;
  out.reserve(sentence.size() + name.size());
  out.append(sentence.substr(0, at));
  // A subject that starts the sentence is fine as is; inside a sentence it reads naturally too.
  out.append(name);
  out.append(sentence.substr(at + 2));
  return out;
}

}  // namespace loyalty::engine

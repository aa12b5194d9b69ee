// Gathering and ordering stacking candidates; the checks that do not depend on what
// was accepted before a candidate.
#include <algorithm>

#include "conditions.h"
#include "redemption.h"
#include "selection.h"

namespace loyalty::engine {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool hasMemberTests(const Conditions& c) {
  return !c.tiers.empty() || !c.segments.empty() || !c.excludeSegments.empty() || !c.attributes.empty();
}

void fillTargets(Candidate& candidate, const MatchTable& matches) {
  const Effect& effect = candidate.redeemable->effect;
  candidate.targetLines = matches.effectLinesOf(*candidate.redeemable);
  if (effect.kind == EffectKind::buy_x_get_y) candidate.getLines = matches.getLinesOf(*candidate.redeemable);
  candidate.itemLevel = !effect.target.isBasket();
}

std::optional<Money> budgetLeft(const SelectionInput& input, const Redeemable& redeemable) {
  if (redeemable.campaignId.empty()) return std::nullopt;
  const Campaign* campaign = input.program->campaign(redeemable.campaignId);
  if (campaign == nullptr || !campaign->limits.maxDiscountTotal) return std::nullopt;
  const CampaignUsage usage = campaignUsageFor(input.request->context, redeemable.campaignId);
  return std::max<Money>(0, *campaign->limits.maxDiscountTotal - usage.discountTotal);
}

std::optional<Money> lesser(std::optional<Money> a, std::optional<Money> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

std::optional<Reason> memberLimitReason(const Redeemable& r, const MemberView& member, const LocalDate& today) {
  for (const auto& usage : member.redeemableUsage) {
    if (usage.redeemableId != r.id) continue;
    if (r.limits.perMemberTotal && usage.total >= *r.limits.perMemberTotal) return Reason::limit_reached;
    if (r.limits.perMemberPerPeriod && usage.period == r.limits.period &&
        (r.limits.period == Period::lifetime || usage.periodStart == periodStart(r.limits.period, today)) &&
        usage.inPeriod >= *r.limits.perMemberPerPeriod) {
      return Reason::limit_reached;
    }
  }
  return std::nullopt;
}

// Validity that does not depend on the other candidates, in the documented order.
std::optional<Reason> staticRejection(const SelectionInput& input, const Candidate& c) {
  const Redeemable& r = *c.redeemable;
  const QuoteContext& context = input.request->context;
  const QuoteTime& time = context.time;
  if (!r.campaignId.empty() && campaignDisabled(*input.program, context, r.campaignId)) {
    return Reason::campaign_disabled;
  }
  if (c.voucher != nullptr) {
    if (c.voucher->validFrom && time.localDate < *c.voucher->validFrom) return Reason::not_started;
    if (c.voucher->validUntil && time.localDate > *c.voucher->validUntil) return Reason::expired;
  }
  if (r.conditions.schedule) {
    if (auto reason = checkSchedule(*r.conditions.schedule, time)) return reason;
  }
  const bool boundVoucher = c.voucher != nullptr && !c.voucher->memberId.empty();
  const bool needsMember =
      r.membersOnly || r.kind == RedeemableKind::reward || boundVoucher || hasMemberTests(r.conditions);
  if (needsMember) {
    if (input.member == nullptr) return Reason::member_required;
    if (!input.memberActive) return Reason::member_inactive;
  }
  if (boundVoucher && c.voucher->memberId != input.member->id) return Reason::wrong_member;
  if (auto reason = checkStore(r.conditions, *input.store)) return reason;
  if (auto reason = checkMember(r.conditions, input.member, time)) return reason;
  if (!hasRequiredItems(r.conditions, input.request->basket.lines)) return Reason::items_required;
  if (c.voucher != nullptr && c.voucher->singleUse &&
      (c.voucherUsed || contains(context.usedVoucherCodes, c.voucher->code))) {
    return Reason::already_used;
  }
  if (input.member != nullptr) {
    if (auto reason = memberLimitReason(r, *input.member, time.localDate)) return reason;
  }
  if (!r.campaignId.empty()) {
    if (const Campaign* campaign = input.program->campaign(r.campaignId)) {
      const CampaignUsage usage = campaignUsageFor(context, r.campaignId);
      if (campaign->limits.maxRedemptions && usage.redemptions >= *campaign->limits.maxRedemptions) {
        return Reason::limit_reached;
      }
      if (campaign->limits.maxOrderValue && usage.orderValueTotal >= *campaign->limits.maxOrderValue) {
        return Reason::limit_reached;
      }
    }
  }
  if (r.kind == RedeemableKind::reward && context.snapshotStale) return Reason::stale_snapshot;
  return std::nullopt;
}

Rejection rejectionOf(const Candidate& c, Reason reason) {
  Rejection out;
  out.subject = c.subject;
  out.requested = c.requested;
  out.reason = reason;
  if (c.redeemable != nullptr) {
    out.redeemableId = c.redeemable->id;
    out.name = c.redeemable->name;
  }
  out.message = reasonMessage(reason, out.name.empty() ? out.subject : out.name);
  return out;
}

// Resolves what the cashier typed: a member's voucher, a bundle code, or a reward id.
Candidate resolveRequest(const SelectionInput& input, const RedeemRequest& request) {
  Candidate c;
  c.requested = true;
  c.subject = request.code;
  c.quantity = request.quantity;
  if (input.member != nullptr) {
    for (const auto& mv : input.member->vouchers) {
      if (mv.voucher.code == request.code) {
        c.voucher = &mv.voucher;
        c.voucherUsed = mv.used;
        break;
      }
    }
  }
  if (c.voucher == nullptr) {
    const auto code = input.program->codes.find(request.code);
    if (code != input.program->codes.end()) c.voucher = code->second;
  }
  const std::string_view redeemableId = c.voucher != nullptr ? std::string_view(c.voucher->redeemableId)
                                                             : std::string_view(request.code);
  const auto found = input.program->redeemables.find(redeemableId);
  if (found != input.program->redeemables.end()) {
    // Without a code, only reward items are asked for by id.
    if (c.voucher != nullptr || found->second->kind == RedeemableKind::reward) c.redeemable = found->second;
  }
  return c;
}

bool orderBefore(const Candidate& a, const Candidate& b) {
  if (a.redeemable->priority != b.redeemable->priority) return a.redeemable->priority > b.redeemable->priority;
  if (a.itemLevel != b.itemLevel) return a.itemLevel;
  if (a.alone != b.alone) return a.alone > b.alone;
  // The bundle index keeps a program's redeemables sorted by id, so position is id order.
  return a.redeemable < b.redeemable;
}

}  // namespace

CampaignUsage campaignUsageFor(const QuoteContext& context, const std::string& campaignId) {
  CampaignUsage total;
  total.campaignId = campaignId;
  for (const auto& usage : context.campaignUsage) {
    if (usage.campaignId != campaignId) continue;
    total.redemptions += usage.redemptions;
    total.discountTotal += usage.discountTotal;
    total.orderValueTotal += usage.orderValueTotal;
  }
  return total;
}

bool campaignDisabled(const ProgramIndex& program, const QuoteContext& context, const std::string& campaignId) {
  if (contains(context.disabledCampaigns, campaignId)) return true;
  const Campaign* campaign = program.campaign(campaignId);
  return campaign != nullptr && campaign->disabled;
}

std::vector<Candidate> gatherCandidates(const SelectionInput& input, const PricingState& state,
                                        std::vector<Rejection>& unresolved) {
  const ProgramIndex& program = *input.program;
  std::vector<Candidate> candidates;
  candidates.reserve(input.request->redeem.size() + 32);

  // Automatic promotions that touch some line of this basket.
  for (const Redeemable* redeemable : program.automatic) {
    Candidate c;
    c.redeemable = redeemable;
    fillTargets(c, *input.matches);
    if (c.targetLines.empty() && c.getLines.empty()) continue;
    c.subject = c.redeemable->id;
    candidates.push_back(std::move(c));
  }

  for (const auto& request : input.request->redeem) {
    Candidate c = resolveRequest(input, request);
    if (c.redeemable == nullptr) {
      unresolved.push_back(rejectionOf(c, Reason::unknown_code));
      continue;
    }
    const bool duplicate = std::any_of(candidates.begin(), candidates.end(),
                                       [&](const Candidate& o) { return o.redeemable == c.redeemable; });
    if (duplicate) {
      unresolved.push_back(rejectionOf(c, Reason::duplicate));
      continue;
    }
    fillTargets(c, *input.matches);
    candidates.push_back(std::move(c));
  }

  for (auto& c : candidates) {
    c.rejection = staticRejection(input, c);
    if (c.rejection) continue;
    EffectRequest request;
    request.effect = &c.redeemable->effect;
    request.targetLines = c.targetLines;
    // A separate get target is used even when it matches nothing: then nothing is free.
    request.getLines = c.getLines;
    request.separateGetTarget = c.redeemable->effect.getTarget.has_value();
    request.withPieces = false;  // ranking needs the total only
    request.unitsOverride = c.redeemable->kind == RedeemableKind::reward ? c.quantity : 0;
    request.cap = lesser(c.redeemable->effect.maxDiscount, budgetLeft(input, *c.redeemable));
    const EffectOutcome alone = computeEffect(state, request);
    c.alone = alone.total;
    c.aloneUnits = alone.units;
    c.aloneCap = request.cap;
  }
  // Ids are unique, so the order is total: sort positions, then move each candidate once.
  std::vector<std::uint32_t> order(candidates.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return orderBefore(candidates[a], candidates[b]); });
  std::vector<Candidate> ordered;
  ordered.reserve(candidates.size());
  for (std::uint32_t i : order) ordered.push_back(std::move(candidates[i]));
  return ordered;
}

Rejection makeRejection(const Candidate& candidate, Reason reason) { return rejectionOf(candidate, reason); }

std::optional<Money> campaignBudgetLeft(const SelectionInput& input, const Redeemable& redeemable) {
  return budgetLeft(input, redeemable);
}

}  // namespace loyalty::engine

// The walk over ordered candidates (SEMANTICS 5): accept if valid and combinable with
// everything accepted before, apply in the same order.
#include "selection.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "lots.h"
#include "redemption.h"

namespace loyalty::engine {
namespace {

int categoryLimit(const StackingLimits& limits, const std::string& category) {
  if (category.empty()) return 0;
  const auto it = limits.maxPerCategory.find(category);
  return it != limits.maxPerCategory.end() ? it->second : limits.defaultMaxPerCategory;
}

struct Measured {
  Money amount = 0;
  std::int64_t units = 0;
};

// Minimums are measured on what remains of the targeted lines (the whole basket for a
// basket-wide target), net of the discounts accepted before.
Measured measure(const PricingState& state, const Candidate& c) {
  Measured m;
  if (c.redeemable->effect.target.isBasket()) {
    for (const auto& line : state.lines) {
      m.amount += line.remaining;
      m.units += line.source->quantity;
    }
  } else {
    for (std::size_t i : c.targetLines) {
      m.amount += state.lines[i].remaining;
      m.units += state.lines[i].source->quantity;
    }
  }
  return m;
}

// A count per key (stacking category, campaign) within one basket: a handful of keys, so
// a flat list beats a map's node allocations.
template <typename T>
class SmallTally {
 public:
  T& operator[](std::string_view key) {
    for (auto& [k, v] : entries_) {
      if (k == key) return v;
    }
    return entries_.emplace_back(key, T{}).second;
  }

 private:
  std::vector<std::pair<std::string_view, T>> entries_;
};

}  // namespace

SelectionOutcome selectAndApply(const SelectionInput& input, std::vector<Candidate> candidates,
                                PricingState& state, PointsWallet& wallet) {
  SelectionOutcome outcome;
  const StackingLimits& stacking = input.bundle->bundle().stacking;
  const LocalDate today = input.request->context.time.localDate;
  std::vector<const Redeemable*> accepted;
  accepted.reserve(candidates.size());
  outcome.applied.reserve(candidates.size());
  outcome.rejected.reserve(candidates.size());
  SmallTally<int> perCategory;
  SmallTally<std::int64_t> campaignRedemptions;  // accepted in this basket
  SmallTally<Money> campaignDiscount;            // taken in this basket
  bool exclusiveAccepted = false;

  for (auto& c : candidates) {
    const Redeemable& r = *c.redeemable;
    const auto reject = [&](Reason reason) { outcome.rejected.push_back(makeRejection(c, reason)); };
    if (c.rejection) {
      reject(*c.rejection);
      continue;
    }
    // Campaign limits counting what this basket already took.
    std::optional<Money> budget;
    if (!r.campaignId.empty()) {
      const Campaign* campaign = input.program->campaign(r.campaignId);
      if (campaign != nullptr && campaign->limits.maxRedemptions) {
        const CampaignUsage usage = campaignUsageFor(input.request->context, r.campaignId);
        if (usage.redemptions + campaignRedemptions[r.campaignId] >= *campaign->limits.maxRedemptions) {
          reject(Reason::limit_reached);
          continue;
        }
      }
      if (auto left = campaignBudgetLeft(input, r)) {
        budget = *left - campaignDiscount[r.campaignId];
        if (*budget <= 0) {
          reject(Reason::budget_exhausted);
          continue;
        }
      }
    }
    const Measured measured = measure(state, c);
    if (measured.amount < r.conditions.minAmount) {
      reject(Reason::min_basket);
      continue;
    }
    if (measured.units < r.conditions.minQuantity) {
      reject(Reason::min_quantity);
      continue;
    }
    EffectRequest request;
    request.effect = &r.effect;
    request.targetLines = c.targetLines;
    request.getLines = c.getLines;  // a separate get target matching nothing frees nothing
    request.separateGetTarget = r.effect.getTarget.has_value();
    request.unitsOverride = r.kind == RedeemableKind::reward ? c.quantity : 0;
    request.cap = r.effect.maxDiscount;
    if (budget) request.cap = request.cap ? std::min(*request.cap, *budget) : *budget;
    // The total decides validity and combinability; pieces are worked out once accepted.
    request.withPieces = false;
    // An effect depends only on its lines' remaining amounts and its cap: if neither moved
    // since the candidate was ranked, its total is the one it had alone.
    EffectOutcome estimate;
    if (request.cap == c.aloneCap && state.untouched(c.targetLines) && state.untouched(c.getLines)) {
      estimate.total = c.alone;
      estimate.units = c.aloneUnits;
    } else {
      estimate = computeEffect(state, request);
    }
    if (estimate.total <= 0) {
      reject(Reason::no_effect);
      continue;
    }
    // Reward items are paid in full or refused, never partly granted.
    Points cost = 0;
    if (r.kind == RedeemableKind::reward) {
      const std::int64_t units = isUnitEffect(r.effect) ? estimate.units : 1;
      cost = r.pointsCost * units;
      if (wallet.spendable[r.pointsCurrency] < cost) {
        reject(Reason::insufficient_points);
        continue;
      }
      if (wallet.allowance && *wallet.allowance < cost) {
        reject(Reason::offline_limit);
        continue;
      }
    }
    const bool combinable =
        !exclusiveAccepted && !(r.exclusive && !accepted.empty()) &&
        std::none_of(accepted.begin(), accepted.end(),
                     [&](const Redeemable* a) { return input.program->notCombinable(r, *a); });
    if (!combinable) {
      reject(Reason::not_combinable);
      continue;
    }
    if (stacking.maxPerBasket > 0 && static_cast<int>(accepted.size()) >= stacking.maxPerBasket) {
      reject(Reason::max_per_basket);
      continue;
    }
    const int limit = categoryLimit(stacking, r.stackingCategory);
    if (limit > 0 && perCategory[r.stackingCategory] >= limit) {
      reject(Reason::max_per_category);
      continue;
    }

    // Accept and apply.
    request.withPieces = true;
    const EffectOutcome effect = computeEffect(state, request);
    accepted.push_back(&r);
    if (!r.stackingCategory.empty()) ++perCategory[r.stackingCategory];
    if (!r.campaignId.empty()) {
      ++campaignRedemptions[r.campaignId];
      campaignDiscount[r.campaignId] += effect.total;
    }
    const SourceKind kind = r.kind == RedeemableKind::reward    ? SourceKind::reward
                            : r.kind == RedeemableKind::voucher ? SourceKind::voucher
                                                                : SourceKind::promotion;
    state.apply(effect, r.id, kind);

    AppliedRedeemable applied;
    applied.redeemableId = r.id;
    applied.campaignId = r.campaignId;
    applied.name = r.name;
    applied.kind = r.kind;
    applied.code = c.requested ? c.subject : std::string();
    applied.singleUse = c.voucher != nullptr && c.voucher->singleUse;
    applied.reinstateOnReturn = r.reinstateOnReturn;
    if (c.voucher != nullptr) applied.validUntil = c.voucher->validUntil;
    applied.discount = effect.total;
    applied.pieces.reserve(effect.pieces.size());
    for (const auto& piece : effect.pieces) {
      applied.pieces.push_back(LinePiece{state.lines[piece.index].source->lineNo, piece.amount});
    }
    if (r.kind == RedeemableKind::reward) {
      applied.unitsRewarded = isUnitEffect(r.effect) ? effect.units : 1;
      applied.pointsCurrency = r.pointsCurrency;
      applied.pointsCost = cost;
      applied.lotsUsed = consumePoints(wallet.lots, r.pointsCurrency, cost, today);
      wallet.spendable[r.pointsCurrency] -= cost;
      if (wallet.allowance) *wallet.allowance -= cost;
    }
    outcome.applied.push_back(std::move(applied));
    if (r.exclusive) exclusiveAccepted = true;
  }
  return outcome;
}

}  // namespace loyalty::engine

#include "member_delta.h"

#include <algorithm>
#include <map>

#include "calendar.h"
#include "lots.h"
#include "pricing_engine.h"

namespace loyalty::engine {
namespace {

Points deficitOf(const std::vector<Deficit>& deficits, const std::string& currency) {
  Points total = 0;
  for (const auto& d : deficits) {
    if (d.currency == currency) total += d.points;
  }
  return total;
}

const Redeemable* findRedeemable(const Program* program, const std::string& id) {
  if (program == nullptr) return nullptr;
  for (const auto& r : program->redeemables) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

void countUse(MemberView& member, const std::string& redeemableId, int step, const Program* program,
              const LocalDate& on) {
  const Redeemable* redeemable = findRedeemable(program, redeemableId);
  const Period period = redeemable != nullptr ? redeemable->limits.period : Period::day;
  const LocalDate start = periodStart(period, on);
  auto it = std::find_if(member.redeemableUsage.begin(), member.redeemableUsage.end(),
                         [&](const RedeemableUsage& u) { return u.redeemableId == redeemableId; });
  if (it == member.redeemableUsage.end()) {
    if (step < 0) return;
    member.redeemableUsage.push_back(RedeemableUsage{redeemableId, 0, period, start, 0});
    it = member.redeemableUsage.end() - 1;
  }
  it->total = std::max<std::int64_t>(it->total + step, 0);
  if (it->period != period || it->periodStart != start) {
    it->period = period;
    it->periodStart = start;
    it->inPeriod = 0;
  }
  it->inPeriod = std::max<std::int64_t>(it->inPeriod + step, 0);
}

}  // namespace

void diffBalances(const MemberView& before, const std::vector<Lot>& lotsAfter,
                  const std::vector<Deficit>& deficitsAfter, MemberDelta& delta) {
  std::map<std::string, const Lot*> old;
  for (const auto& lot : before.lots) old[lot.id] = &lot;
  for (const auto& lot : lotsAfter) {
    const auto it = old.find(lot.id);
    const Points was = it == old.end() ? 0 : it->second->points;
    if (lot.points != was) delta.lots.push_back(LotChange{lot, lot.points - was});
    if (it != old.end()) old.erase(it);
  }
  for (const auto& [id, lot] : old) delta.lots.push_back(LotChange{*lot, -lot->points});  // used up
  std::map<std::string, bool> currencies;
  for (const auto& d : before.deficits) currencies[d.currency] = true;
  for (const auto& d : deficitsAfter) currencies[d.currency] = true;
  for (const auto& [currency, unused] : currencies) {
    const Points change = deficitOf(deficitsAfter, currency) - deficitOf(before.deficits, currency);
    if (change != 0) delta.deficits.push_back(DeficitChange{currency, change});
  }
}

void applyDelta(MemberView& member, const MemberDelta& delta, const Program* program) {
  for (const auto& change : delta.lots) {
    auto it = std::find_if(member.lots.begin(), member.lots.end(),
                           [&](const Lot& lot) { return lot.id == change.lot.id; });
    if (it == member.lots.end()) {
      // A lot the snapshot no longer holds (expired, or HQ already settled it): only a
      // credit creates one; a debit of a vanished lot has nothing left to take from.
      if (change.delta <= 0) continue;
      Lot lot = change.lot;
      lot.points = change.delta;
      member.lots.push_back(std::move(lot));
      continue;
    }
    it->points += change.delta;
    if (it->points <= 0) member.lots.erase(it);
  }
  for (const auto& change : delta.deficits) {
    auto it = std::find_if(member.deficits.begin(), member.deficits.end(),
                           [&](const Deficit& d) { return d.currency == change.currency; });
    if (it == member.deficits.end()) {
      if (change.delta > 0) member.deficits.push_back(Deficit{change.currency, change.delta});
      continue;
    }
    it->points += change.delta;
    if (it->points <= 0) member.deficits.erase(it);
  }
  for (const auto& usage : delta.ruleUsageAdded) {
    auto it = std::find_if(member.ruleUsage.begin(), member.ruleUsage.end(), [&](const RuleUsage& u) {
      return u.ruleId == usage.ruleId && u.period == usage.period && u.periodStart == usage.periodStart;
    });
    if (it == member.ruleUsage.end()) {
      member.ruleUsage.push_back(usage);
    } else {
      it->points += usage.points;
    }
  }
  for (const auto& id : delta.redeemablesUsed) countUse(member, id, +1, program, delta.on);
  for (const auto& id : delta.redeemablesReleased) countUse(member, id, -1, program, delta.on);
  for (auto& voucher : member.vouchers) {
    const auto& code = voucher.voucher.code;
    if (std::find(delta.vouchersUsed.begin(), delta.vouchersUsed.end(), code) != delta.vouchersUsed.end()) {
      voucher.used = true;
    }
    if (std::find(delta.vouchersReinstated.begin(), delta.vouchersReinstated.end(), code) !=
        delta.vouchersReinstated.end()) {
      voucher.used = false;
    }
  }
}

void upgradeTier(MemberView& member, const Program& program, Points unsyncedQualifying,
                 const LocalDate& today) {
  if (unsyncedQualifying <= 0) return;
  Points qualifying = 0;
  for (const auto& currency : program.pointCurrencies) {
    if (currency.kind == CurrencyKind::qualifying) {
      qualifying += spendablePoints(member.lots, member.deficits, currency.id, today);
    }
  }
  const Tier* current = nullptr;
  for (const auto& tier : program.tiers) {
    if (tier.id == member.tier) current = &tier;
  }
  const Tier* reached = tierForPoints(program, qualifying);
  if (reached != nullptr && (current == nullptr || reached->threshold > current->threshold)) member.tier = reached->id;
}

}  // namespace loyalty::engine

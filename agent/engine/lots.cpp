// Point lots: expiry, consumption order, restoration and reversal (SEMANTICS 6, 9).
#include "lots.h"

#include <algorithm>
#include <string>

namespace loyalty::engine {
namespace {

// Consumption order: soonest expiry first, never-expiring last; ties go to the earlier
// earnedOn, then to the lot id byte by byte, so the result never depends on list order.
bool consumedBefore(const Lot& a, const Lot& b) noexcept {
  if (a.expiresOn.has_value() != b.expiresOn.has_value()) {
    return a.expiresOn.has_value();
  }
  if (a.expiresOn && *a.expiresOn != *b.expiresOn) {
    return *a.expiresOn < *b.expiresOn;
  }
  if (a.earnedOn != b.earnedOn) {
    return a.earnedOn < b.earnedOn;
  }
  return a.id < b.id;
}

// Indexes of the unexpired lots of `currency`, in consumption order.
std::vector<std::size_t> spendableOrder(const std::vector<Lot>& lots, std::string_view currency,
                                        const LocalDate& today) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < lots.size(); ++i) {
    if (lots[i].currency == currency && lots[i].points > 0 && lotSpendable(lots[i], today)) {
      order.push_back(i);
    }
  }
  std::sort(order.begin(), order.end(),
            [&lots](std::size_t a, std::size_t b) { return consumedBefore(lots[a], lots[b]); });
  return order;
}

void removeEmptyLots(std::vector<Lot>& lots) {
  std::erase_if(lots, [](const Lot& lot) { return lot.points <= 0; });
}

Deficit* findDeficit(std::vector<Deficit>& deficits, std::string_view currency) noexcept {
  for (Deficit& deficit : deficits) {
    if (deficit.currency == currency) {
      return &deficit;
    }
  }
  return nullptr;
}

}  // namespace

bool lotSpendable(const Lot& lot, const LocalDate& today) noexcept {
  return !lot.expiresOn || today <= *lot.expiresOn;
}

Points spendablePoints(const std::vector<Lot>& lots, const std::vector<Deficit>& deficits,
                       std::string_view currency, const LocalDate& today) noexcept {
  Points total = 0;
  for (const Lot& lot : lots) {
    if (lot.currency == currency && lot.points > 0 && lotSpendable(lot, today)) {
      total += lot.points;
    }
  }
  for (const Deficit& deficit : deficits) {
    if (deficit.currency == currency) {
      total -= deficit.points;
    }
  }
  return total;
}

std::optional<LocalDate> lotExpiry(const PointCurrency& currency, const MemberView& member,
                                   const LocalDate& earnedOn) {
  const ExpiryPolicy& policy = currency.expiry;
  if (policy.kind == ExpiryKind::never) {
    return std::nullopt;
  }
  // The largest extension the member qualifies for; an empty tier or segment matches any.
  int extra = 0;
  for (const ExpiryExtension& extension : policy.extensions) {
    const bool tierOk = extension.tier.empty() || extension.tier == member.tier;
    const bool segmentOk =
        extension.segment.empty() ||
        std::find(member.segments.begin(), member.segments.end(), extension.segment) !=
            member.segments.end();
    if (tierOk && segmentOk) {
      extra = std::max(extra, extension.extraMonths);
    }
  }
  const LocalDate shifted = addMonths(earnedOn, policy.months + extra);
  if (policy.kind == ExpiryKind::end_of_quarter) {
    return endOfQuarter(shifted);
  }
  return shifted;
}

std::vector<LotUse> consumePoints(std::vector<Lot>& lots, std::string_view currency, Points points,
                                  const LocalDate& today) {
  std::vector<LotUse> uses;
  Points left = points;
  for (std::size_t index : spendableOrder(lots, currency, today)) {
    if (left <= 0) {
      break;
    }
    Lot& lot = lots[index];
    const Points taken = std::min(left, lot.points);
    lot.points -= taken;
    left -= taken;
    uses.push_back(LotUse{lot.id, lot.currency, taken, lot.earnedOn, lot.expiresOn});
  }
  removeEmptyLots(lots);
  return uses;
}

void creditPoints(std::vector<Lot>& lots, std::vector<Deficit>& deficits, Lot lot) {
  if (lot.points <= 0) {
    return;
  }
  if (Deficit* deficit = findDeficit(deficits, lot.currency)) {
    const Points paid = std::min(deficit->points, lot.points);
    deficit->points -= paid;
    lot.points -= paid;
    std::erase_if(deficits, [](const Deficit& d) { return d.points <= 0; });
  }
  if (lot.points <= 0) {
    return;
  }
  // A second accrual under the same lot id (same sale, same currency) joins that lot.
  for (Lot& existing : lots) {
    if (existing.id == lot.id && existing.currency == lot.currency) {
      existing.points += lot.points;
      return;
    }
  }
  lots.push_back(std::move(lot));
}

void restorePoints(std::vector<Lot>& lots, const std::vector<LotUse>& uses, Points restoredBefore,
                   Points restoreNow) {
  // Walk the uses from the latest consumed; the first `restoredBefore` points of that walk
  // went back in earlier returns.
  Points skip = std::max<Points>(restoredBefore, 0);
  Points left = restoreNow;
  for (auto use = uses.rbegin(); use != uses.rend() && left > 0; ++use) {
    Points available = use->points;
    const Points skipped = std::min(skip, available);
    skip -= skipped;
    available -= skipped;
    if (available <= 0) {
      continue;
    }
    const Points given = std::min(left, available);
    left -= given;
    auto lot = std::find_if(lots.begin(), lots.end(), [&use](const Lot& candidate) {
      return candidate.id == use->lotId && candidate.currency == use->currency;
    });
    if (lot != lots.end()) {
      lot->points += given;
    } else {
      lots.push_back(Lot{use->lotId, use->currency, given, use->earnedOn, use->expiresOn});
    }
  }
}

bool reversePoints(std::vector<Lot>& lots, std::vector<Deficit>& deficits, std::string_view currency,
                   std::string_view saleLotId, Points points, const LocalDate& today) {
  if (points <= 0) {
    return false;
  }
  Points left = points;
  // The sale's own lot first (when it is still spendable), then the soonest-expiring ones.
  for (Lot& lot : lots) {
    if (lot.id == saleLotId && lot.currency == currency && lotSpendable(lot, today)) {
      const Points taken = std::min(left, lot.points);
      lot.points -= taken;
      left -= taken;
    }
  }
  for (std::size_t index : spendableOrder(lots, currency, today)) {
    if (left <= 0) {
      break;
    }
    const Points taken = std::min(left, lots[index].points);
    lots[index].points -= taken;
    left -= taken;
  }
  removeEmptyLots(lots);
  if (left <= 0) {
    return false;
  }
  if (Deficit* deficit = findDeficit(deficits, currency)) {
    deficit->points += left;
  } else {
    deficits.push_back(Deficit{std::string(currency), left});
  }
  return true;
}

std::string saleLotId(std::string_view saleId, std::string_view currency) {
  std::string id;
  id.reserve(saleId.size() + 1 + currency.size());
  id.append(saleId);
  id.push_back('/');
  id.append(currency);
  return id;
}

}  // namespace loyalty::engine

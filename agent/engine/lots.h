// Point lots (SEMANTICS 6, 9): expiry, soonest-expiring-first consumption, restoration
// to the original lots, reversal of earned points, deficits.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "bundle.h"
#include "calendar.h"
#include "member.h"
#include "quote.h"

namespace loyalty::engine {

// A lot is spendable through its expiry date (inclusive).
[[nodiscard]] bool lotSpendable(const Lot& lot, const LocalDate& today) noexcept;

// Unexpired points of `currency` less its deficit (may be negative).
[[nodiscard]] Points spendablePoints(const std::vector<Lot>& lots,
                                     const std::vector<Deficit>& deficits,
                                     std::string_view currency, const LocalDate& today) noexcept;

// Expiry date of a lot of `currency` earned on `earnedOn` by `member` (tier and segment
// extensions applied); nullopt = never expires.
[[nodiscard]] std::optional<LocalDate> lotExpiry(const PointCurrency& currency,
                                                 const MemberView& member,
                                                 const LocalDate& earnedOn);

// Takes `points` from unexpired lots of `currency`, soonest expiry first (never-expiring
// last; ties: earlier earnedOn, then lot id). Emptied lots are removed. Returns the uses in
// consumption order. Precondition: 0 <= points <= unexpired points of the currency.
[[nodiscard]] std::vector<LotUse> consumePoints(std::vector<Lot>& lots, std::string_view currency,
                                                Points points, const LocalDate& today);

// Adds an accrual: it first pays off a deficit of its currency, the rest becomes `lot`.
void creditPoints(std::vector<Lot>& lots, std::vector<Deficit>& deficits, Lot lot);

// Gives back `restoreNow` points of a burn whose lot uses were `uses` (consumption order),
// `restoredBefore` of them having been given back already: latest-consumed first, into the
// lot they came from with its original expiry (re-created when it is gone).
void restorePoints(std::vector<Lot>& lots, const std::vector<LotUse>& uses, Points restoredBefore,
                   Points restoreNow);

// Takes back `points` earned points of `currency`: first from the sale's own lot
// `saleLotId`, then from the soonest-expiring unexpired lots, then as a deficit.
// Returns true when a deficit was created or grew.
bool reversePoints(std::vector<Lot>& lots, std::vector<Deficit>& deficits, std::string_view currency,
                   std::string_view saleLotId, Points points, const LocalDate& today);

// The id of the lot an accrual of `saleId` creates in `currency`.
[[nodiscard]] std::string saleLotId(std::string_view saleId, std::string_view currency);

}  // namespace loyalty::engine

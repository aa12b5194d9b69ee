// Conditions any rule may carry (SEMANTICS 3, 4): schedule, member tests, store, lines.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "basket.h"
#include "bundle.h"
#include "calendar.h"
#include "member.h"
#include "reason.h"

namespace loyalty::engine {

// nullopt when the schedule holds at `time`; else not_started, expired or outside_schedule.
[[nodiscard]] std::optional<Reason> checkSchedule(const Schedule& schedule, const QuoteTime& time) noexcept;

// Tier, segment and attribute tests. A missing member fails any member test.
[[nodiscard]] std::optional<Reason> checkMember(const Conditions& conditions, const MemberView* member,
                                                const QuoteTime& time) noexcept;

// Store and region lists.
[[nodiscard]] std::optional<Reason> checkStore(const Conditions& conditions, const Store& store) noexcept;

// Every SKU in requiredSkus is in the basket.
[[nodiscard]] bool hasRequiredItems(const Conditions& conditions, const std::vector<BasketLine>& lines) noexcept;

// The line is among the target's lines (includes, then excludes).
[[nodiscard]] bool lineMatches(const Target& target, const BasketLine& line) noexcept;

// All checks that do not depend on amounts, in the documented order:
// schedule, store, member tests, required items.
[[nodiscard]] std::optional<Reason> checkStatic(const Conditions& conditions, const MemberView* member,
                                                const Store& store, const QuoteTime& time,
                                                const std::vector<BasketLine>& lines) noexcept;

}  // namespace loyalty::engine

// Finding the names a person reads (program currency, rule and redeemable names) in a bundle,
// for the text renderers. Lookups fall back to ids: output never fails for a missing name.
#pragma once

#include <string>

#include "engine/bundle.h"
#include "engine/calendar.h"

namespace loyalty::ctl {

[[nodiscard]] const engine::Program* findProgram(const engine::Bundle& bundle,
                                                 const std::string& programId) noexcept;

// The program's ISO 4217 currency; with no such program, that of the store's default
// program; else empty.
[[nodiscard]] std::string programCurrency(const engine::Bundle& bundle,
                                          const std::string& programId,
                                          const std::string& storeId);

// The redeemable's name in `programId`, or the id itself.
[[nodiscard]] std::string redeemableName(const engine::Bundle& bundle,
                                         const std::string& programId, const std::string& id);

// "2026-03-16", "17:30:00", "Monday".
[[nodiscard]] std::string formatLocalDate(const engine::LocalDate& date);
[[nodiscard]] std::string formatSecondOfDay(int secondOfDay);
[[nodiscard]] std::string weekdayName(const engine::LocalDate& date);

}  // namespace loyalty::ctl

// Dates, times of day and instants as text, parsed without any time-zone database:
// "YYYY-MM-DD", "HH:MM[:SS]", and RFC 3339 instants "YYYY-MM-DDTHH:MM:SS(Z|+HH:MM|-HH:MM)".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/calendar.h"

namespace loyalty::codec {

// A valid Gregorian date, years 0001-9999.
[[nodiscard]] std::optional<engine::LocalDate> parseDate(std::string_view text);

// Seconds since local midnight of "HH:MM" or "HH:MM:SS"; "24:00" only when allowEndOfDay.
[[nodiscard]] std::optional<int> parseTimeOfDay(std::string_view text, bool allowEndOfDay);

// Seconds since 1970-01-01T00:00:00Z of an RFC 3339 instant with an explicit offset
// ("Z" or "+01:00"). Fractional seconds and leap seconds are refused.
[[nodiscard]] std::optional<std::int64_t> parseInstant(std::string_view text);

// "2026-03-02T16:30:00Z".
[[nodiscard]] std::string formatInstant(std::int64_t epochSeconds);

// "17:00" or "17:00:30".
[[nodiscard]] std::string formatTimeOfDay(int secondOfDay);

}  // namespace loyalty::codec

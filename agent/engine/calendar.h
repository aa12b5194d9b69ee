// Civil-calendar arithmetic on local dates. The engine is given local time by its caller
// (the store's time zone is resolved at the edge), so only proleptic Gregorian date math
// lives here.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace loyalty::engine {

struct LocalDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend auto operator<=>(const LocalDate&, const LocalDate&) = default;
};

// The moment of a quote: the UTC instant and the store's local wall-clock time at it.
struct QuoteTime {
  std::int64_t epochSeconds = 0;  // UTC instant, seconds since 1970-01-01T00:00:00Z
  LocalDate localDate;            // store-local date
  int localSecondOfDay = 0;       // store-local time of day, 0..86399
  friend bool operator==(const QuoteTime&, const QuoteTime&) = default;
};

enum class Period { day, week, month, lifetime };

[[nodiscard]] std::int64_t daysFromCivil(const LocalDate& date) noexcept;
[[nodiscard]] LocalDate civilFromDays(std::int64_t days) noexcept;
[[nodiscard]] bool isValidDate(const LocalDate& date) noexcept;
// 0 = Monday ... 6 = Sunday (ISO order).
[[nodiscard]] int weekdayIndex(const LocalDate& date) noexcept;
// Adds months keeping the day of month, clamped to the end of a shorter month.
[[nodiscard]] LocalDate addMonths(const LocalDate& date, int months) noexcept;
[[nodiscard]] LocalDate endOfQuarter(const LocalDate& date) noexcept;
// First day of the calendar period containing `date` (week from Monday);
// lifetime periods start at 0001-01-01.
[[nodiscard]] LocalDate periodStart(Period period, const LocalDate& date) noexcept;
[[nodiscard]] std::string formatDate(const LocalDate& date);

}  // namespace loyalty::engine

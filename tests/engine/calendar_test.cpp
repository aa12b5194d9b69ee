// Civil-calendar arithmetic: day numbers, weekdays, month addition with clamping,
// quarters, cap periods (week from Monday), formatting and validation.
#include <catch2/catch.hpp>

#include "engine/calendar.h"

using loyalty::engine::LocalDate;
using loyalty::engine::Period;
namespace eng = loyalty::engine;

namespace {
LocalDate d(int y, int m, int day) { return LocalDate{y, m, day}; }
}  // namespace

TEST_CASE("calendar: day numbers count from 1970-01-01", "[calendar]") {
  CHECK(eng::daysFromCivil(d(1970, 1, 1)) == 0);
  CHECK(eng::daysFromCivil(d(1970, 1, 2)) == 1);
  CHECK(eng::daysFromCivil(d(1969, 12, 31)) == -1);
  CHECK(eng::daysFromCivil(d(2000, 3, 1)) == 11017);
  CHECK(eng::daysFromCivil(d(2026, 1, 1)) == 20454);
  CHECK(eng::daysFromCivil(d(1, 1, 1)) == -719162);
  CHECK(eng::civilFromDays(20454) == d(2026, 1, 1));
  CHECK(eng::civilFromDays(-719162) == d(1, 1, 1));
}

TEST_CASE("calendar: every day from year 1 to 9999 round-trips and follows the previous", "[calendar]") {
  const std::int64_t first = eng::daysFromCivil(d(1, 1, 1));
  const std::int64_t last = eng::daysFromCivil(d(9999, 12, 31));
  LocalDate previous = eng::civilFromDays(first - 1);
  CHECK(previous == d(0, 12, 31));
  bool allOk = true;
  for (std::int64_t day = first; day <= last; ++day) {
    const LocalDate date = eng::civilFromDays(day);
    allOk = allOk && eng::isValidDate(date) && eng::daysFromCivil(date) == day && previous < date;
    previous = date;
  }
  CHECK(allOk);
  CHECK(last - first + 1 == 3652059);  // days in 9999 Gregorian years
}

TEST_CASE("calendar: weekday index is 0 for Monday to 6 for Sunday", "[calendar]") {
  CHECK(eng::weekdayIndex(d(1970, 1, 1)) == 3);  // Thursday
  CHECK(eng::weekdayIndex(d(2026, 1, 5)) == 0);  // Monday
  CHECK(eng::weekdayIndex(d(2026, 1, 6)) == 1);
  CHECK(eng::weekdayIndex(d(2026, 1, 10)) == 5);
  CHECK(eng::weekdayIndex(d(2026, 1, 11)) == 6);  // Sunday
  CHECK(eng::weekdayIndex(d(2024, 2, 29)) == 3);
  CHECK(eng::weekdayIndex(d(1969, 12, 29)) == 0);  // before the epoch
  CHECK(eng::weekdayIndex(d(1, 1, 1)) == 0);
}

TEST_CASE("calendar: adding months keeps the day, clamped to a shorter month", "[calendar]") {
  CHECK(eng::addMonths(d(2026, 1, 31), 1) == d(2026, 2, 28));
  CHECK(eng::addMonths(d(2024, 1, 31), 1) == d(2024, 2, 29));
  CHECK(eng::addMonths(d(2000, 1, 31), 1) == d(2000, 2, 29));
  CHECK(eng::addMonths(d(2100, 1, 31), 1) == d(2100, 2, 28));
  CHECK(eng::addMonths(d(2024, 2, 29), 12) == d(2025, 2, 28));
  CHECK(eng::addMonths(d(2024, 2, 29), 48) == d(2028, 2, 29));
  CHECK(eng::addMonths(d(2026, 3, 31), 1) == d(2026, 4, 30));
  CHECK(eng::addMonths(d(2026, 3, 31), -1) == d(2026, 2, 28));
  CHECK(eng::addMonths(d(2026, 1, 15), -1) == d(2025, 12, 15));
  CHECK(eng::addMonths(d(2026, 1, 15), -13) == d(2024, 12, 15));
  CHECK(eng::addMonths(d(2026, 12, 15), 1) == d(2027, 1, 15));
  CHECK(eng::addMonths(d(2026, 5, 17), 12) == d(2027, 5, 17));
  CHECK(eng::addMonths(d(2026, 5, 17), 0) == d(2026, 5, 17));
  CHECK(eng::addMonths(d(2026, 8, 31), 120) == d(2036, 8, 31));
}

TEST_CASE("calendar: end of quarter is the quarter's last day", "[calendar]") {
  CHECK(eng::endOfQuarter(d(2026, 1, 1)) == d(2026, 3, 31));
  CHECK(eng::endOfQuarter(d(2026, 3, 31)) == d(2026, 3, 31));
  CHECK(eng::endOfQuarter(d(2026, 4, 1)) == d(2026, 6, 30));
  CHECK(eng::endOfQuarter(d(2026, 5, 10)) == d(2026, 6, 30));
  CHECK(eng::endOfQuarter(d(2026, 9, 30)) == d(2026, 9, 30));
  CHECK(eng::endOfQuarter(d(2026, 11, 2)) == d(2026, 12, 31));
}

TEST_CASE("calendar: period starts (day, week from Monday, month, lifetime)", "[calendar]") {
  CHECK(eng::periodStart(Period::day, d(2026, 3, 18)) == d(2026, 3, 18));
  CHECK(eng::periodStart(Period::week, d(2026, 1, 5)) == d(2026, 1, 5));   // Monday itself
  CHECK(eng::periodStart(Period::week, d(2026, 1, 7)) == d(2026, 1, 5));   // Wednesday
  CHECK(eng::periodStart(Period::week, d(2026, 1, 11)) == d(2026, 1, 5));  // Sunday
  CHECK(eng::periodStart(Period::week, d(2026, 1, 12)) == d(2026, 1, 12)); // next Monday
  CHECK(eng::periodStart(Period::week, d(2026, 1, 1)) == d(2025, 12, 29)); // across the year
  CHECK(eng::periodStart(Period::month, d(2026, 2, 28)) == d(2026, 2, 1));
  CHECK(eng::periodStart(Period::lifetime, d(2026, 2, 28)) == d(1, 1, 1));
}

TEST_CASE("calendar: dates format as YYYY-MM-DD", "[calendar]") {
  CHECK(eng::formatDate(d(2026, 2, 3)) == "2026-02-03");
  CHECK(eng::formatDate(d(2026, 12, 31)) == "2026-12-31");
  CHECK(eng::formatDate(d(1, 1, 1)) == "0001-01-01");
  CHECK(eng::formatDate(d(999, 10, 9)) == "0999-10-09");
}

TEST_CASE("calendar: date validation knows month lengths and leap years", "[calendar]") {
  CHECK(eng::isValidDate(d(2026, 1, 31)));
  CHECK(eng::isValidDate(d(2024, 2, 29)));
  CHECK(eng::isValidDate(d(2000, 2, 29)));
  CHECK_FALSE(eng::isValidDate(d(2026, 2, 29)));
  CHECK_FALSE(eng::isValidDate(d(1900, 2, 29)));
  CHECK_FALSE(eng::isValidDate(d(2026, 4, 31)));
  CHECK_FALSE(eng::isValidDate(d(2026, 0, 10)));
  CHECK_FALSE(eng::isValidDate(d(2026, 13, 10)));
  CHECK_FALSE(eng::isValidDate(d(2026, 1, 0)));
  CHECK_FALSE(eng::isValidDate(d(2026, 1, 32)));
  CHECK_FALSE(eng::isValidDate(d(0, 1, 1)));
  CHECK_FALSE(eng::isValidDate(d(10000, 1, 1)));
  CHECK(eng::isValidDate(d(9999, 12, 31)));
  CHECK(eng::isValidDate(d(1, 1, 1)));
}

// Proleptic Gregorian date arithmetic. daysFromCivil / civilFromDays are Howard Hinnant's
// public-domain algorithms (http://howardhinnant.github.io/date_algorithms.html).
#include "calendar.h"

#include <string>

namespace loyalty::engine {
namespace {

bool isLeapYear(std::int64_t year) noexcept {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int daysInMonth(std::int64_t year, int month) noexcept {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && isLeapYear(year)) {
    return 29;
  }
  return kDays[month - 1];
}

// Appends `value` left-padded with zeros to `width` digits.
void appendPadded(std::string& out, std::int64_t value, std::size_t width) {
  if (value < 0) {
    out.push_back('-');
    value = -value;
  }
  const std::string digits = std::to_string(value);
  if (digits.size() < width) {
    out.append(width - digits.size(), '0');
  }
  out += digits;
}

}  // namespace

std::int64_t daysFromCivil(const LocalDate& date) noexcept {
  const std::int64_t y = static_cast<std::int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                                    // [0, 399]
  const std::int64_t m = date.month;
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + date.day - 1;  // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
  return era * 146097 + doe - 719468;
}

LocalDate civilFromDays(std::int64_t days) noexcept {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;                                  // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t y = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);           // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                // [0, 11]
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;                        // [1, 31]
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;                           // [1, 12]
  LocalDate out;
  out.year = static_cast<int>(y + (m <= 2 ? 1 : 0));
  out.month = static_cast<int>(m);
  out.day = static_cast<int>(d);
  return out;
}

bool isValidDate(const LocalDate& date) noexcept {
  // Four-digit years only: dates travel as "YYYY-MM-DD".
  if (date.year < 1 || date.year > 9999 || date.month < 1 || date.month > 12) {
    return false;
  }
  return date.day >= 1 && date.day <= daysInMonth(date.year, date.month);
}

int weekdayIndex(const LocalDate& date) noexcept {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  const std::int64_t days = daysFromCivil(date);
  const std::int64_t index = (days % 7 + 7 + 3) % 7;
  return static_cast<int>(index);
}

LocalDate addMonths(const LocalDate& date, int months) noexcept {
  // Month arithmetic on a zero-based month count, floor division for negative offsets.
  const std::int64_t total = static_cast<std::int64_t>(date.year) * 12 + (date.month - 1) + months;
  std::int64_t year = total / 12;
  std::int64_t monthIndex = total % 12;
  if (monthIndex < 0) {
    monthIndex += 12;
    year -= 1;
  }
  LocalDate out;
  out.year = static_cast<int>(year);
  out.month = static_cast<int>(monthIndex + 1);
  const int lastDay = daysInMonth(year, out.month);
  out.day = date.day > lastDay ? lastDay : date.day;
  return out;
}

LocalDate endOfQuarter(const LocalDate& date) noexcept {
  LocalDate out;
  out.year = date.year;
  out.month = ((date.month - 1) / 3) * 3 + 3;
  out.day = daysInMonth(date.year, out.month);
  return out;
}

LocalDate periodStart(Period period, const LocalDate& date) noexcept {
  switch (period) {
    case Period::day:
      return date;
    case Period::week:
      return civilFromDays(daysFromCivil(date) - weekdayIndex(date));
    case Period::month:
      return LocalDate{date.year, date.month, 1};
    case Period::lifetime:
      return LocalDate{1, 1, 1};
  }
  return date;
}

std::string formatDate(const LocalDate& date) {
  std::string out;
  out.reserve(10);
  appendPadded(out, date.year, 4);
  out.push_back('-');
  appendPadded(out, date.month, 2);
  out.push_back('-');
  appendPadded(out, date.day, 2);
  return out;
}

}  // namespace loyalty::engine

#include "codec/time_text.h"

#include <cstdio>

namespace loyalty::codec {
namespace {

// Reads exactly `digits` decimal digits at `pos`.
std::optional<int> readDigits(std::string_view text, std::size_t pos, std::size_t digits) {
  if (pos + digits > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + digits; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

constexpr std::int64_t kSecondsPerDay = 86'400;

}  // namespace

std::optional<engine::LocalDate> parseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = readDigits(text, 0, 4);
  const auto month = readDigits(text, 5, 2);
  const auto day = readDigits(text, 8, 2);
  if (!year || !month || !day || *year < 1) return std::nullopt;
  const engine::LocalDate date{*year, *month, *day};
  if (!engine::isValidDate(date)) return std::nullopt;
  return date;
}

std::optional<int> parseTimeOfDay(std::string_view text, bool allowEndOfDay) {
  if (text.size() != 5 && text.size() != 8) return std::nullopt;
  if (text[2] != ':' || (text.size() == 8 && text[5] != ':')) return std::nullopt;
  const auto hours = readDigits(text, 0, 2);
  const auto minutes = readDigits(text, 3, 2);
  const auto seconds = text.size() == 8 ? readDigits(text, 6, 2) : std::optional<int>(0);
  if (!hours || !minutes || !seconds || *minutes > 59 || *seconds > 59) return std::nullopt;
  const int total = *hours * 3600 + *minutes * 60 + *seconds;
  if (total < 86'400) return total;
  if (allowEndOfDay && total == 86'400) return total;
  return std::nullopt;
}

std::optional<std::int64_t> parseInstant(std::string_view text) {
  // 2026-03-02T16:30:00Z or 2026-03-02T17:30:00+01:00
  if (text.size() < 20) return std::nullopt;
  const auto date = parseDate(text.substr(0, 10));
  if (!date || (text[10] != 'T' && text[10] != 't')) return std::nullopt;
  const auto time = parseTimeOfDay(text.substr(11, 8), false);
  if (!time || text.substr(11, 8).size() != 8) return std::nullopt;
  const std::string_view zone = text.substr(19);
  int offsetSeconds = 0;
  if (zone == "Z" || zone == "z") {
    offsetSeconds = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const auto hours = readDigits(zone, 1, 2);
    const auto minutes = readDigits(zone, 4, 2);
    if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
    offsetSeconds = (*hours * 3600 + *minutes * 60) * (zone[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const std::int64_t local = engine::daysFromCivil(*date) * kSecondsPerDay + *time;
  return local - offsetSeconds;
}

std::string formatInstant(std::int64_t epochSeconds) {
  std::int64_t days = epochSeconds / kSecondsPerDay;
  std::int64_t rest = epochSeconds % kSecondsPerDay;
  if (rest < 0) {
    rest += kSecondsPerDay;
    --days;
  }
  const engine::LocalDate date = engine::civilFromDays(days);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "T%02d:%02d:%02dZ", static_cast<int>(rest / 3600),
                static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
  return engine::formatDate(date) + buffer;
}

std::string formatTimeOfDay(int secondOfDay) {
  char buffer[16];
  const int hours = secondOfDay / 3600;
  const int minutes = secondOfDay / 60 % 60;
  const int seconds = secondOfDay % 60;
  if (seconds == 0) {
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", hours, minutes);
  } else {
    std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", hours, minutes, seconds);
  }
  return buffer;
}

}  // namespace loyalty::codec

#include "service/store_clock.h"

#include <chrono>
#include <exception>
#include <utility>

#include <date/date.h>
#include <date/tz.h>

namespace loyalty::service {

Result<StoreClock> StoreClock::forZone(std::string_view timeZone) {
  try {
    const date::time_zone* zone = date::locate_zone(timeZone);
    return StoreClock(zone, std::string(timeZone));
  } catch (const std::exception&) {
    // date/tz reports an unknown name (or a missing database) with a runtime_error.
    return makeError(ErrorCode::unknown_reference, "unknown_time_zone",
                     "The time zone '" + std::string(timeZone) +
                         "' is not in the IANA time zone database.");
  }
}

engine::QuoteTime StoreClock::at(std::int64_t epochSeconds) const {
  using std::chrono::seconds;
  const date::sys_seconds instant{seconds{epochSeconds}};
  const auto local = zone_->to_local(instant);
  const auto localDay = date::floor<date::days>(local);
  const date::year_month_day ymd{localDay};
  const auto secondOfDay = (local - localDay).count();

  engine::QuoteTime time;
  time.epochSeconds = epochSeconds;
  time.localDate = engine::LocalDate{static_cast<int>(ymd.year()),
                                     static_cast<int>(static_cast<unsigned>(ymd.month())),
                                     static_cast<int>(static_cast<unsigned>(ymd.day()))};
  time.localSecondOfDay = static_cast<int>(secondOfDay);
  return time;
}

}  // namespace loyalty::service

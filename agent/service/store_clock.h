// Turns a UTC instant into the store's local wall-clock time (engine::QuoteTime). Time zones
// are resolved here, at the edge, with the IANA database (date/tz); the engine never sees them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "engine/calendar.h"
#include "engine/result.h"

namespace date {
class time_zone;
}

namespace loyalty::service {

class StoreClock {
 public:
  // Errors: unknown_time_zone when the name is not in the IANA database.
  [[nodiscard]] static Result<StoreClock> forZone(std::string_view timeZone);

  // The quote time at `epochSeconds` (UTC) in this store's zone.
  [[nodiscard]] engine::QuoteTime at(std::int64_t epochSeconds) const;

  [[nodiscard]] const std::string& zoneName() const noexcept { return name_; }

 private:
  StoreClock(const date::time_zone* zone, std::string name) : zone_(zone), name_(std::move(name)) {}

  const date::time_zone* zone_;  // owned by the date library's database; lives forever
  std::string name_;
};

}  // namespace loyalty::service

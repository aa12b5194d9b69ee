// ISO-8601 / RFC 3339 instants at the command line. An instant must name its offset
// (Z or +hh:mm): a bare local time would be ambiguous across stores and DST changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/result.h"

namespace loyalty::ctl {

// "2026-03-16T16:30:00Z", "2026-03-16T17:30+01:00", "2026-03-16T17:30:00.250+0100".
// Fractions of a second are accepted and dropped (quotes are priced to the second).
// Errors: parse_error "bad_instant" with a sentence saying what is wrong.
[[nodiscard]] Result<std::int64_t> parseIsoInstant(std::string_view text);

// The instant of --at if given, else the composition root's clock reading.
[[nodiscard]] Result<std::int64_t> instantOrNow(const std::optional<std::string>& at, std::int64_t nowEpochSeconds);

// "2026-03-16T16:30:00Z".
[[nodiscard]] std::string formatIsoInstant(std::int64_t epochSeconds);

}  // namespace loyalty::ctl

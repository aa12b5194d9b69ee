// `loyaltyctl event`: the points a non-transactional event (newsletter sign-up, social
// share) credits to a member, with the same rules and caps as HQ uses (SEMANTICS 3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/result.h"
#include "quote_command.h"

namespace loyalty::ctl {

struct EventOptions {
  std::string bundlePath;
  std::string memberPath;
  std::string event;                     // e.g. "social_share"
  std::optional<std::string> at;         // absent: now
  std::optional<std::string> timeZone;   // for cap periods; absent: the zone of the first
                                         // store serving the member's program
  std::optional<std::string> creditId;   // names the credit's lots; absent: derived
  OutputFormat format = OutputFormat::json;
};

[[nodiscard]] Result<std::string> runEvent(const EventOptions& options,
                                           std::int64_t nowEpochSeconds);

}  // namespace loyalty::ctl

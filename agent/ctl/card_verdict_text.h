// How `loyaltyctl card verify` shows verdicts: a text explanation that walks the order of
// checks up to the one that decided, or JSON for scripts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cards/card_verdict.h"

namespace loyalty::ctl {

struct ScannedCode {
  std::string text;  // as scanned or given
  cards::CardVerdict verdict;
};

struct VerifyContext {
  std::int64_t nowUnix = 0;
  std::string timeZone;  // the zone the store date was taken in
  bool fromImage = false;
};

[[nodiscard]] std::string verdictsToText(const std::vector<ScannedCode>& codes,
                                         const VerifyContext& context);
// {"verified_at", "time_zone", "accepted", "codes": [{"payload", "accepted", "reason",
// "message", "detail"?, "kind"?, "key_id"?, "card_id"?, "member_id"?, "expires_on"?,
// "time_step"?, "valid_until"?}]}; absent fields are omitted.
[[nodiscard]] std::string verdictsToJson(const std::vector<ScannedCode>& codes,
                                         const VerifyContext& context);

}  // namespace loyalty::ctl

// Parsing of the small structured values the command line takes (--burn, --reward, --line).
// Numbers are whole decimal digits only: no sign, no exponent, no fraction.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/quote.h"
#include "engine/result.h"
#include "engine/returns.h"

namespace loyalty::ctl {

// A whole number 0..max; `what` names the value in the sentence. Errors: "bad_number".
[[nodiscard]] Result<std::int64_t> parseWholeNumber(std::string_view text, std::string_view what,
                                                   std::int64_t max);
// A positive whole number up to `max`; `what` names the value in the sentence.
[[nodiscard]] Result<std::int64_t> parsePositiveCount(std::string_view text, std::string_view what,
                                                     std::int64_t max);

// "--burn 500" or "--burn max". Errors: invalid_input "bad_burn".
[[nodiscard]] Result<engine::BurnRequest> parseBurnArgument(std::string_view text);

// "--reward free-coffee-reward" or "--reward free-coffee-reward:2". Errors: "bad_reward".
[[nodiscard]] Result<engine::RedeemRequest> parseRewardArgument(std::string_view text);

// "--line 3:2" (line 3, 2 units). Errors: "bad_line".
[[nodiscard]] Result<engine::ReturnLine> parseLineArgument(std::string_view text);

}  // namespace loyalty::ctl

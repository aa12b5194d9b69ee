// Quote context JSON (docs/data-formats.md): the optional inputs of a quote besides the
// basket and member (campaign usage, disabled campaigns, used voucher codes, offline burn
// allowance, snapshot stale flag). The time is NOT part of it: the caller sets
// QuoteContext::time from the quote's instant and the store's time zone.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/quote.h"
#include "engine/result.h"

namespace loyalty::codec {

[[nodiscard]] Result<engine::QuoteContext> parseQuoteContext(std::string_view jsonText);
[[nodiscard]] nlohmann::json quoteContextToJson(const engine::QuoteContext& context);

}  // namespace loyalty::codec

// Quote result JSON (docs/data-formats.md). Holds everything in engine::QuoteResult, so a
// result printed by one tool can be read back (e.g. by `loyaltyctl return`) unchanged.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/quote.h"
#include "engine/result.h"

namespace loyalty::codec {

[[nodiscard]] nlohmann::json quoteResultToJson(const engine::QuoteResult& result);
// Exact round trip: quoteResultFromJson(quoteResultToJson(r).dump()) equals r.
[[nodiscard]] Result<engine::QuoteResult> quoteResultFromJson(std::string_view jsonText);

}  // namespace loyalty::codec

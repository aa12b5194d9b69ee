// Quote result JSON (docs/data-formats.md). Holds everything in engine::QuoteResult, so a
// result printed by one tool can be read back (e.g. by `loyaltyctl return`) unchanged.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "codec/json_writer.h"
#include "engine/quote.h"
#include "engine/result.h"

namespace loyalty::codec {

// The result as compact JSON text, streamed (what the API answers and the ledger keeps).
[[nodiscard]] std::string quoteResultText(const engine::QuoteResult& result);
void writeQuoteResult(JsonWriter& w, const engine::QuoteResult& result);
// The same as a document, for tools and tests that look inside it.
[[nodiscard]] nlohmann::json quoteResultToJson(const engine::QuoteResult& result);
// Exact round trip: quoteResultFromJson(quoteResultToJson(r).dump()) equals r.
[[nodiscard]] Result<engine::QuoteResult> quoteResultFromJson(std::string_view jsonText);

}  // namespace loyalty::codec

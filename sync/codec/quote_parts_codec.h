// JSON of the parts of a quote result (docs/data-formats.md, "Quote result"): lines with
// their discount pieces, applied and rejected redeemables, the burn, earned rules,
// balances and notices. Readers accept exactly what the writers produce; the writers
// stream (json_writer.h).
#pragma once

#include <string>

#include "codec/json_reader.h"
#include "codec/json_writer.h"
#include "engine/quote.h"
#include "engine/reason.h"

namespace loyalty::codec {

[[nodiscard]] engine::Reason readReason(ObjectReader& reader, std::string_view key);
[[nodiscard]] std::optional<engine::Reason> optionalReason(ObjectReader& reader, std::string_view key);

void writeLineResult(JsonWriter& w, const engine::LineResult& line);
[[nodiscard]] engine::LineResult readLineResult(const Json& value, const std::string& pointer, Issues& issues);
void writeApplied(JsonWriter& w, const engine::AppliedRedeemable& applied);
[[nodiscard]] engine::AppliedRedeemable readApplied(const Json& value, const std::string& pointer, Issues& issues);
void writeRejection(JsonWriter& w, const engine::Rejection& rejection);
[[nodiscard]] engine::Rejection readRejection(const Json& value, const std::string& pointer, Issues& issues);
void writeBurn(JsonWriter& w, const engine::BurnResult& burn);
[[nodiscard]] engine::BurnResult readBurn(const Json& value, const std::string& pointer, Issues& issues);
void writeEarned(JsonWriter& w, const engine::EarnedRule& earned);
[[nodiscard]] engine::EarnedRule readEarned(const Json& value, const std::string& pointer, Issues& issues);
void writeBalance(JsonWriter& w, const engine::CurrencyBalance& balance);
[[nodiscard]] engine::CurrencyBalance readBalance(const Json& value, const std::string& pointer, Issues& issues);
void writeNotice(JsonWriter& w, const engine::Notice& notice);
[[nodiscard]] engine::Notice readNotice(const Json& value, const std::string& pointer, Issues& issues);

}  // namespace loyalty::codec

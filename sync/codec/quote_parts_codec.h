// JSON of the parts of a quote result (docs/data-formats.md, "Quote result"): lines with
// their discount pieces, applied and rejected redeemables, the burn, earned rules,
// balances and notices. Readers accept exactly what the writers produce.
#pragma once

#include <string>

#include "codec/json_reader.h"
#include "engine/quote.h"
#include "engine/reason.h"

namespace loyalty::codec {

[[nodiscard]] Json reasonToJson(engine::Reason reason);
[[nodiscard]] engine::Reason readReason(ObjectReader& reader, std::string_view key);
[[nodiscard]] std::optional<engine::Reason> optionalReason(ObjectReader& reader, std::string_view key);

[[nodiscard]] Json lineResultToJson(const engine::LineResult& line);
[[nodiscard]] engine::LineResult readLineResult(const Json& value, const std::string& pointer, Issues& issues);
[[nodiscard]] Json appliedToJson(const engine::AppliedRedeemable& applied);
[[nodiscard]] engine::AppliedRedeemable readApplied(const Json& value, const std::string& pointer, Issues& issues);
[[nodiscard]] Json rejectionToJson(const engine::Rejection& rejection);
[[nodiscard]] engine::Rejection readRejection(const Json& value, const std::string& pointer, Issues& issues);
[[nodiscard]] Json burnToJson(const engine::BurnResult& burn);
[[nodiscard]] engine::BurnResult readBurn(const Json& value, const std::string& pointer, Issues& issues);
[[nodiscard]] Json earnedToJson(const engine::EarnedRule& earned);
[[nodiscard]] engine::EarnedRule readEarned(const Json& value, const std::string& pointer, Issues& issues);
[[nodiscard]] Json balanceToJson(const engine::CurrencyBalance& balance);
[[nodiscard]] engine::CurrencyBalance readBalance(const Json& value, const std::string& pointer, Issues& issues);
[[nodiscard]] Json noticeToJson(const engine::Notice& notice);
[[nodiscard]] engine::Notice readNotice(const Json& value, const std::string& pointer, Issues& issues);

}  // namespace loyalty::codec

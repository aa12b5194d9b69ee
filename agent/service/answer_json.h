// The JSON the POS reads (docs/api.md): quotes and commits, returns, member views, scans,
// the terminal's status. Amounts stay integers in minor units; points are integers.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/returns.h"
#include "service/service_types.h"

namespace loyalty::service {

[[nodiscard]] nlohmann::json quoteAnswerToJson(const QuoteAnswer& answer, std::string_view status);
[[nodiscard]] nlohmann::json returnAnswerToJson(const ReturnRequestIn& request, const engine::ReturnResult& result,
                                                bool voiding);
[[nodiscard]] nlohmann::json memberSummaryToJson(const MemberSummary& summary);
[[nodiscard]] nlohmann::json scanAnswerToJson(const ScanAnswer& answer);
[[nodiscard]] nlohmann::json statusToJson(const StatusAnswer& status);
// The stored response with the ledger entries and whether this was a retry.
[[nodiscard]] nlohmann::json commitAnswerToJson(const CommitAnswer& answer);

}  // namespace loyalty::service

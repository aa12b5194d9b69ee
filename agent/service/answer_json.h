// The JSON the POS reads (docs/api.md): quotes and commits, returns, member views, scans,
// the terminal's status. Amounts stay integers in minor units; points are integers.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/returns.h"
#include "service/service_types.h"

namespace loyalty::service {

// A quote's answer as JSON text, streamed (a 30-line result is some 12 KiB).
[[nodiscard]] std::string quoteAnswerText(const QuoteAnswer& answer, std::string_view status);
// The same with the result's JSON text already written (a commit also keeps it in its entry).
[[nodiscard]] std::string quoteAnswerText(const QuoteAnswer& answer, std::string_view status,
                                          std::string_view resultJson);
[[nodiscard]] nlohmann::json returnAnswerToJson(const ReturnRequestIn& request, const engine::ReturnResult& result,
                                                bool voiding);
[[nodiscard]] nlohmann::json memberSummaryToJson(const MemberSummary& summary);
[[nodiscard]] nlohmann::json scanAnswerToJson(const ScanAnswer& answer);
[[nodiscard]] nlohmann::json statusToJson(const StatusAnswer& status);
// The stored response with the ledger entries and whether this was a retry.
[[nodiscard]] nlohmann::json commitAnswerToJson(const CommitAnswer& answer);
// commitAnswerToJson(answer).dump(), without parsing and printing the stored response
// again: the two fields are appended to its text (keys then follow the stored ones).
[[nodiscard]] std::string commitAnswerText(const CommitAnswer& answer);

}  // namespace loyalty::service

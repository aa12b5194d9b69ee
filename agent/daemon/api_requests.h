// The JSON bodies the POS sends (docs/api.md), parsed into the checkout service's
// requests. Every problem names its JSON pointer; nothing is half-read.
#pragma once

#include <string>
#include <string_view>

#include "engine/result.h"
#include "service/service_types.h"

namespace loyalty::daemon {

// {"pos_sale_id", "member_id"?, "lines": [...], "redeem"?: [{"code","quantity"?}],
//  "burn"?: {"points": N} | {"max": true}, "expected_to_pay"?: N}
// The store is the agent's own (the service sets it), never the POS's to say.
[[nodiscard]] Result<service::SaleRequest> parseSaleRequest(std::string_view body, bool commit);
// {"return_id", "lines": [{"line", "quantity"}]}
[[nodiscard]] Result<service::ReturnRequestIn> parseReturnRequest(std::string_view body, const std::string& posSaleId);
// {"enrollment_id", "display_name", "program"?}
[[nodiscard]] Result<service::EnrollRequest> parseEnrollRequest(std::string_view body);
// {"payload": "LY1S..."}
[[nodiscard]] Result<std::string> parseScanPayload(std::string_view body);

}  // namespace loyalty::daemon

// Reading the inputs a golden case names: documents given as a file (relative to the case
// directory) or inline, parsed by the same codec loyaltyctl uses, and the small values of
// case.json (codes, burn, instants).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/bundle.h"
#include "engine/quote.h"
#include "engine/result.h"
#include "engine/returns.h"

namespace loyalty::golden {

// The text of a document reference: a string names a file relative to `caseDir`, an object
// or array is the document itself. Errors name `what` ("member", "basket"...).
[[nodiscard]] Result<std::string> documentText(const nlohmann::json& reference,
                                               const std::filesystem::path& caseDir,
                                               const std::string& what);

// A bundle file relative to `caseDir`, loaded with every issue listed.
[[nodiscard]] Result<engine::Bundle> loadCaseBundle(const nlohmann::json& reference,
                                                    const std::filesystem::path& caseDir);

// "redeem": [ "CODE", {"code": "ITEM", "quantity": 2}, ... ].
[[nodiscard]] Result<std::vector<engine::RedeemRequest>> readRedeem(const nlohmann::json& value);

// "burn": null (none), a positive integer (exact) or "max".
[[nodiscard]] Result<engine::BurnRequest> readBurn(const nlohmann::json& value);

// An RFC 3339 instant with Z or an offset, as loyaltyctl's --at.
[[nodiscard]] Result<std::int64_t> readInstant(const nlohmann::json& value, const std::string& what);

// "Unknown key" errors for keys of `object` outside `allowed` (a typo must not pass silently).
[[nodiscard]] std::vector<std::string> unknownKeys(const nlohmann::json& object,
                                                   const std::set<std::string, std::less<>>& allowed);

// An engine or codec Error as JSON {"code", "reason", "message"}, for "expect_error".
[[nodiscard]] nlohmann::json errorJson(const Error& error);

}  // namespace loyalty::golden

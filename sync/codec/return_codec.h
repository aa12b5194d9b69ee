// Return JSON (docs/data-formats.md): the lines a return names, and the return result.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/result.h"
#include "engine/returns.h"

namespace loyalty::codec {

[[nodiscard]] nlohmann::json returnResultToJson(const engine::ReturnResult& result);
// Exact round trip of returnResultToJson.
[[nodiscard]] Result<engine::ReturnResult> returnResultFromJson(std::string_view jsonText);
// [{"line":1,"quantity":2},...]: line numbers unique, quantities > 0.
[[nodiscard]] Result<std::vector<engine::ReturnLine>> parseReturnLines(std::string_view jsonText);

}  // namespace loyalty::codec

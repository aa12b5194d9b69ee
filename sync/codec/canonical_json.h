// The canonical text of a JSON document, used for the bundle hash: object keys sorted
// (nlohmann keeps objects in a std::map), no whitespace, numbers as parsed, strings as
// UTF-8 with only the escapes JSON requires. Two documents that differ only in key order
// or formatting have the same canonical text.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace loyalty::codec {

[[nodiscard]] std::string canonicalJson(const nlohmann::json& document);

}  // namespace loyalty::codec

// Turns untrusted text into a nlohmann::json document, safely: size and nesting depth are
// checked BEFORE nlohmann sees the text (its DOM and dump() recurse), duplicate object keys
// are rejected (a repeated key would silently override the first), and every failure
// becomes an Issue instead of an exception.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "codec/json_reader.h"

namespace loyalty::codec {

inline constexpr std::size_t kMaxDocumentBytes = 64u * 1024u * 1024u;  // 64 MiB
inline constexpr int kMaxDepth = 64;  // nested arrays/objects

// Reasons: "too_large", "too_deep", "malformed_json", "duplicate_key".
// Returns nullopt when any issue was added.
[[nodiscard]] std::optional<nlohmann::json> parseDocument(std::string_view text, Issues& issues);

// The deepest nesting of arrays/objects in `text`, ignoring brackets inside strings.
// Stops counting once `limit` is exceeded (returns limit + 1). Linear, no recursion.
[[nodiscard]] int nestingDepth(std::string_view text, int limit) noexcept;

}  // namespace loyalty::codec

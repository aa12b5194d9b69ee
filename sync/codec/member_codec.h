// Member JSON (docs/data-formats.md) <-> engine::MemberView.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "codec/json_reader.h"
#include "engine/member.h"
#include "engine/result.h"

namespace loyalty::codec {

// Errors: parse_error ("malformed_json", "too_deep") or invalid_input ("wrong_type",
// "missing_field", "unknown_field", "out_of_range", ...) with a sentence naming the pointer.
[[nodiscard]] Result<engine::MemberView> parseMember(std::string_view jsonText);
[[nodiscard]] nlohmann::json memberToJson(const engine::MemberView& member);

// The member in an already parsed document (e.g. nested in a snapshot record); problems are
// added to `issues` with pointers relative to the member object.
[[nodiscard]] engine::MemberView readMemberDocument(const nlohmann::json& document, Issues& issues);

}  // namespace loyalty::codec

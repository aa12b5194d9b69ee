// Earning rules and redeemables (with their effects) of one program
// (docs/bundle-format.md, "Earning rules" and "Redeemables").
#pragma once

#include <string>

#include "codec/bundle_scope.h"
#include "codec/json_reader.h"
#include "engine/bundle.h"

namespace loyalty::codec {

[[nodiscard]] engine::EarningRule parseEarningRule(const Json& value, const std::string& pointer,
                                                   const ProgramScope& scope, Issues& issues);

[[nodiscard]] engine::Redeemable parseRedeemable(const Json& value, const std::string& pointer,
                                                 const ProgramScope& scope, Issues& issues);

[[nodiscard]] engine::Effect parseEffect(const Json& value, const std::string& pointer, Issues& issues);

}  // namespace loyalty::codec

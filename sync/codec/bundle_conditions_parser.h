// Targets, conditions and schedules of earning rules and redeemables
// (docs/bundle-format.md, "Targets" and "Conditions").
#pragma once

#include <string>

#include "codec/bundle_scope.h"
#include "codec/json_reader.h"
#include "engine/bundle.h"

namespace loyalty::codec {

// {"skus", "categories", "exclude_skus", "exclude_categories"}; every list optional.
[[nodiscard]] engine::Target parseTarget(const Json& value, const std::string& pointer, Issues& issues);

// Schedule, member tests, stores/regions, minimums, required SKUs. References to tiers,
// stores and regions are checked against `scope`.
[[nodiscard]] engine::Conditions parseConditions(const Json& value, const std::string& pointer,
                                                 const ProgramScope& scope, Issues& issues);

[[nodiscard]] engine::Schedule parseSchedule(const Json& value, const std::string& pointer, Issues& issues);

}  // namespace loyalty::codec

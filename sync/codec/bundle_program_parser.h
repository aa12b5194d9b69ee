// One program of a bundle (docs/bundle-format.md, "Programs"): point currencies with
// expiry, tiers, burn policy, campaigns, earning rules, redeemables and voucher codes,
// with every reference inside the program checked.
#pragma once

#include <string>

#include "codec/bundle_scope.h"
#include "codec/json_reader.h"
#include "engine/bundle.h"

namespace loyalty::codec {

[[nodiscard]] engine::Program parseProgram(const Json& value, const std::string& pointer, const BundleScope& scope,
                                           Issues& issues);

// The fields of a voucher code, shared by the bundle ("voucher_codes") and the member JSON
// ("vouchers"). The caller calls reader.finish() after reading its own extra fields.
[[nodiscard]] engine::VoucherCode parseVoucherCode(ObjectReader& reader);

}  // namespace loyalty::codec

// `loyaltyctl bundle check FILE`: validates a rule bundle as a terminal would load it.
#pragma once

#include <string>

#include "engine/result.h"

namespace loyalty::ctl {

// "ok: bundle <version> hash <hash>, N programs, M rules\n" where rules counts earning rules
// and redeemables of every program. An invalid bundle is an Error "invalid_bundle" whose
// message lists every issue as "POINTER: reason: sentence".
[[nodiscard]] Result<std::string> runBundleCheck(const std::string& bundlePath);

}  // namespace loyalty::ctl

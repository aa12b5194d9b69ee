// Codes from members' phone apps already accepted on this terminal (SEMANTICS 8: a
// replayed rotating code is refused). Kept only until the code's window has closed.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/result.h"

namespace loyalty::store {

class PresentedCodes {
 public:
  virtual ~PresentedCodes() = default;
  // Records `digest` (a hash of the accepted code) until `expiresAtUnix`. True the first
  // time; false when it is already recorded and not expired (a replay). Removes records
  // whose expiry is before `nowUnix`.
  [[nodiscard]] virtual Result<bool> recordPresentedCode(std::string_view digest, std::int64_t expiresAtUnix,
                                                         std::int64_t nowUnix) = 0;
};

}  // namespace loyalty::store

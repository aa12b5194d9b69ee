// Public keys as text, for key files, snapshots and loyaltyctl output: base64url without
// padding (RFC 4648 section 5, as JWK writes Ed25519 keys: 43 characters) or hex (64).
// The two lengths differ, so a reader accepts either without being told which.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cards/ed25519.h"

namespace loyalty::cards {

[[nodiscard]] std::string publicKeyToBase64Url(const PublicKey& key);
[[nodiscard]] std::string publicKeyToHex(const PublicKey& key);  // lowercase

// 43 base64url characters (canonical: unused low bits zero) or 64 hex digits (either case).
[[nodiscard]] std::optional<PublicKey> parsePublicKey(std::string_view text);

}  // namespace loyalty::cards

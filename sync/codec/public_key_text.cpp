// Public keys as text in the snapshot file: base64url without padding, or hex.
#include "codec/base64url.h"
#include "codec/snapshot_codec.h"

namespace loyalty::codec {

std::string encodePublicKey(const PublicKeyBytes& key) { return base64UrlEncode(key); }

std::optional<PublicKeyBytes> decodePublicKey(std::string_view text) {
  PublicKeyBytes key{};
  if (hexDecode(text, key) || base64UrlDecode(text, key)) return key;
  return std::nullopt;
}

}  // namespace loyalty::codec

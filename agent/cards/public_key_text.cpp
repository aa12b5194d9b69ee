#include "public_key_text.h"

#include "codec/base64url.h"
#include "codec/snapshot_codec.h"

namespace loyalty::cards {

std::string publicKeyToBase64Url(const PublicKey& key) { return codec::encodePublicKey(key); }

std::string publicKeyToHex(const PublicKey& key) { return codec::hexEncode(key); }

std::optional<PublicKey> parsePublicKey(std::string_view text) { return codec::decodePublicKey(text); }

}  // namespace loyalty::cards

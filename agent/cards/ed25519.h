// Member cards sign and verify with the project's one Ed25519 wrapper (codec/ed25519.h),
// under the names the card code reads best with.
#pragma once

#include "codec/ed25519.h"

namespace loyalty::cards {

using codec::kPublicKeyBytes;
using codec::kSignatureBytes;
using PublicKey = codec::PublicKeyBytes;
using Signature = codec::SignatureBytes;
using SigningKey = codec::Ed25519SigningKey;
using codec::isWeakPublicKey;
using codec::verifySignature;

}  // namespace loyalty::cards

// HQ's update signing key and the agent's checks use the project's one Ed25519 wrapper
// (codec/ed25519.h).
#pragma once

#include "codec/ed25519.h"

namespace loyalty::updates {

using codec::kSignatureBytes;
using PublicKeyBytes = codec::PublicKeyBytes;
using SignatureBytes = codec::SignatureBytes;
using codec::Ed25519SigningKey;
using codec::isWeakPublicKey;
using codec::verifySignature;

}  // namespace loyalty::updates

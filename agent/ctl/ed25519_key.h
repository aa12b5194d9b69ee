// Ed25519 keys for the snapshot generator (OpenSSL EVP): the public half of a PEM private
// key, and key pairs derived from a seed so that a generated test snapshot is reproducible.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/result.h"

namespace loyalty::ctl {

using Ed25519PublicKey = std::array<std::uint8_t, 32>;

struct Ed25519KeyPair {
  Ed25519PublicKey publicKey{};
  std::string privatePem;  // PKCS#8 PEM
};

// Errors: io_error "file_not_found"/"file_unreadable", invalid_input "not_an_ed25519_key".
[[nodiscard]] Result<Ed25519PublicKey> publicKeyOfPemFile(const std::string& path);

// The key pair whose 32-byte private key is SHA-256(label || ":" || seed || ":" || id): the same
// inputs always give the same keys. For test data only: anyone knowing the seed has the key.
[[nodiscard]] Ed25519KeyPair derivedKeyPair(std::string_view label, std::uint64_t seed, std::string_view id);
// Just the public half of derivedKeyPair (no PEM).
[[nodiscard]] Ed25519PublicKey derivedPublicKey(std::string_view label, std::uint64_t seed, std::string_view id);

// Writes `pem` to `path` readable by the owner only (0600), replacing the file.
// Errors: io_error "file_unwritable".
[[nodiscard]] Result<std::string> writePrivateKeyFile(const std::string& path, const std::string& pem);

}  // namespace loyalty::ctl

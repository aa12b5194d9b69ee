// Ed25519 keys and signatures through OpenSSL's EVP interface, for HQ's update signing key.
// Public keys are the raw 32 bytes (written as base64url like the snapshot's keys); private
// keys travel as unencrypted PKCS#8 PEM and only ever exist at HQ.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "codec/snapshot_codec.h"
#include "engine/result.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header

namespace loyalty::updates {

using PublicKeyBytes = codec::PublicKeyBytes;
inline constexpr std::size_t kSignatureBytes = 64;
using SignatureBytes = std::array<std::uint8_t, kSignatureBytes>;

// An Ed25519 private key. Move-only; OpenSSL frees (and wipes) the key material with it.
class Ed25519SigningKey {
 public:
  // Errors: rejected "key_generation_failed".
  [[nodiscard]] static Result<Ed25519SigningKey> generate();
  // Errors: parse_error "bad_private_key" (not PEM, encrypted, damaged), rejected
  // "not_ed25519_key" (an RSA or EC key...).
  [[nodiscard]] static Result<Ed25519SigningKey> fromPem(std::string_view pem);

  Ed25519SigningKey(Ed25519SigningKey&&) noexcept = default;
  Ed25519SigningKey& operator=(Ed25519SigningKey&&) noexcept = default;
  ~Ed25519SigningKey();

  [[nodiscard]] const PublicKeyBytes& publicKey() const noexcept { return publicKey_; }
  // PKCS#8 "-----BEGIN PRIVATE KEY-----". Errors: rejected "key_export_failed".
  [[nodiscard]] Result<std::string> toPem() const;
  // Errors: rejected "signing_failed" (not expected with a valid key).
  [[nodiscard]] Result<SignatureBytes> sign(std::span<const std::uint8_t> message) const;

 private:
  struct Free {
    void operator()(evp_pkey_st* key) const noexcept;
  };
  Ed25519SigningKey(std::unique_ptr<evp_pkey_st, Free> key, const PublicKeyBytes& publicKey);

  std::unique_ptr<evp_pkey_st, Free> key_;
  PublicKeyBytes publicKey_{};
};

// True for the encodings of Ed25519's small-order points (either sign bit, non-canonical
// spellings too): with such a "public key" signatures can be forged without any secret, so
// no trusted key may be one.
[[nodiscard]] bool isWeakPublicKey(const PublicKeyBytes& publicKey) noexcept;

// True only for a valid signature of `message` by `publicKey`. Never throws; a malformed or
// weak public key verifies nothing.
[[nodiscard]] bool verifySignature(const PublicKeyBytes& publicKey, std::span<const std::uint8_t> message,
                                   const SignatureBytes& signature) noexcept;

}  // namespace loyalty::updates

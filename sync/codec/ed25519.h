// Ed25519 keys and signatures through OpenSSL's EVP interface, shared by member cards
// (agent/cards) and HQ's signed updates (sync/updates). Public keys are the raw 32 bytes
// the snapshot stores; private keys travel as unencrypted PKCS#8 PEM (HQ and its tooling
// only: a terminal never holds one).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "engine/result.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header

namespace loyalty::codec {

inline constexpr std::size_t kPublicKeyBytes = 32;
inline constexpr std::size_t kSignatureBytes = 64;
using PublicKeyBytes = std::array<std::uint8_t, kPublicKeyBytes>;
using SignatureBytes = std::array<std::uint8_t, kSignatureBytes>;

// An Ed25519 private key. Move-only; the key material is freed (and wiped by OpenSSL) with it.
class Ed25519SigningKey {
 public:
  // Errors: rejected "key_generation_failed".
  [[nodiscard]] static Result<Ed25519SigningKey> generate();
  // Errors: parse_error "bad_private_key" (not PEM, encrypted, damaged),
  // rejected "not_ed25519_key" (an RSA or EC key...).
  [[nodiscard]] static Result<Ed25519SigningKey> fromPem(std::string_view pem);

  Ed25519SigningKey(Ed25519SigningKey&&) noexcept = default;
  Ed25519SigningKey& operator=(Ed25519SigningKey&&) noexcept = default;
  ~Ed25519SigningKey();

  [[nodiscard]] const PublicKeyBytes& publicKey() const noexcept { return publicKey_; }
  // "-----BEGIN PRIVATE KEY-----" PKCS#8, unencrypted. Errors: rejected "key_export_failed".
  [[nodiscard]] Result<std::string> toPem() const;
  // Errors: rejected "signing_failed" (OpenSSL refused; not expected with a valid key).
  [[nodiscard]] Result<SignatureBytes> sign(std::span<const std::uint8_t> message) const;

 private:
  struct Free {
    void operator()(evp_pkey_st* key) const noexcept;
  };
  Ed25519SigningKey(std::unique_ptr<evp_pkey_st, Free> key, const PublicKeyBytes& publicKey);

  std::unique_ptr<evp_pkey_st, Free> key_;
  PublicKeyBytes publicKey_{};
};

// True for the encodings of the 8 points of small order (and their non-canonical
// spellings), with either sign bit. OpenSSL accepts them, and with such a "key" a signature
// can be forged without any secret (the all-zero key verifies the all-zero signature of
// one message in four), so no card key may be one.
[[nodiscard]] bool isWeakPublicKey(const PublicKeyBytes& publicKey) noexcept;

// True only for a valid signature of `message` by `publicKey`. Never throws; a malformed
// public key (not a curve point) or a weak one (isWeakPublicKey) verifies nothing.
[[nodiscard]] bool verifySignature(const PublicKeyBytes& publicKey,
                                   std::span<const std::uint8_t> message,
                                   const SignatureBytes& signature) noexcept;

}  // namespace loyalty::codec

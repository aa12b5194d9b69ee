// Ed25519 keys and signatures through OpenSSL's EVP interface. Public keys are the raw 32
// bytes the snapshot stores; private keys travel as unencrypted PKCS#8 PEM (HQ tooling and
// tests only: a terminal never holds one).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "engine/result.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header

namespace loyalty::cards {

inline constexpr std::size_t kPublicKeyBytes = 32;
inline constexpr std::size_t kSignatureBytes = 64;
using PublicKey = std::array<std::uint8_t, kPublicKeyBytes>;
using Signature = std::array<std::uint8_t, kSignatureBytes>;

// An Ed25519 private key. Move-only; the key material is freed (and wiped by OpenSSL) with it.
class SigningKey {
 public:
  // Errors: rejected "key_generation_failed".
  [[nodiscard]] static Result<SigningKey> generate();
  // Errors: parse_error "bad_private_key" (not PEM, encrypted, damaged),
  // rejected "not_ed25519_key" (an RSA or EC key...).
  [[nodiscard]] static Result<SigningKey> fromPem(std::string_view pem);

  SigningKey(SigningKey&&) noexcept = default;
  SigningKey& operator=(SigningKey&&) noexcept = default;
  ~SigningKey();

  [[nodiscard]] const PublicKey& publicKey() const noexcept { return publicKey_; }
  // "-----BEGIN PRIVATE KEY-----" PKCS#8, unencrypted. Errors: rejected "key_export_failed".
  [[nodiscard]] Result<std::string> toPem() const;
  // Errors: rejected "signing_failed" (OpenSSL refused; not expected with a valid key).
  [[nodiscard]] Result<Signature> sign(std::span<const std::uint8_t> message) const;

 private:
  struct Free {
    void operator()(evp_pkey_st* key) const noexcept;
  };
  SigningKey(std::unique_ptr<evp_pkey_st, Free> key, const PublicKey& publicKey);

  std::unique_ptr<evp_pkey_st, Free> key_;
  PublicKey publicKey_{};
};

// True for the encodings of the 8 points of small order (and their non-canonical
// spellings), with either sign bit. OpenSSL accepts them, and with such a "key" a signature
// can be forged without any secret (the all-zero key verifies the all-zero signature of
// one message in four), so no card key may be one.
[[nodiscard]] bool isWeakPublicKey(const PublicKey& publicKey) noexcept;

// True only for a valid signature of `message` by `publicKey`. Never throws; a malformed
// public key (not a curve point) or a weak one (isWeakPublicKey) verifies nothing.
[[nodiscard]] bool verifySignature(const PublicKey& publicKey,
                                   std::span<const std::uint8_t> message,
                                   const Signature& signature) noexcept;

}  // namespace loyalty::cards

#include "codec/ed25519.h"

#include <array>
#include <cstddef>
#include <utility>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace loyalty::codec {
namespace {

struct BioFree {
  void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

// A failed OpenSSL call leaves entries on this thread's error queue; drop them so a later,
// unrelated check never reports a stale error.
Error opensslError(ErrorCode code, std::string reason, std::string message) {
  ERR_clear_error();
  return makeError(code, std::move(reason), std::move(message));
}

// Never prompt for a passphrase on the terminal: an encrypted key is simply refused.
int noPassphrase(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*userdata*/) { return -1; }

bool rawPublicKey(EVP_PKEY* key, PublicKeyBytes& out) {
  std::size_t length = out.size();
  return EVP_PKEY_get_raw_public_key(key, out.data(), &length) == 1 && length == out.size();
}

// The y coordinates (little-endian, sign bit cleared) of Ed25519's small-order points:
// 1 (order 1), p-1 (order 2), 0 (order 4), the two order-8 values, and p, p+1 (0 and 1
// spelled non-canonically). Same list as libsodium's ge25519_has_small_order.
constexpr std::array<std::array<std::uint8_t, 32>, 7> kSmallOrderY{{
    {0x01},
    {0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
    {0x00},
    {0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
     0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05},
    {0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
     0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a},
    {0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
    {0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
}};

}  // namespace

bool isWeakPublicKey(const PublicKeyBytes& publicKey) noexcept {
  for (const auto& y : kSmallOrderY) {
    bool same = (publicKey[31] & 0x7F) == y[31];
    for (std::size_t i = 0; same && i < 31; ++i) same = publicKey[i] == y[i];
    if (same) return true;
  }
  return false;
}

void Ed25519SigningKey::Free::operator()(evp_pkey_st* key) const noexcept { EVP_PKEY_free(key); }

Ed25519SigningKey::Ed25519SigningKey(std::unique_ptr<evp_pkey_st, Free> key, const PublicKeyBytes& publicKey)
    : key_(std::move(key)), publicKey_(publicKey) {}

Ed25519SigningKey::~Ed25519SigningKey() = default;

Result<Ed25519SigningKey> Ed25519SigningKey::generate() {
  std::unique_ptr<evp_pkey_st, Free> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  PublicKeyBytes publicKey{};
  if (!key || !rawPublicKey(key.get(), publicKey)) {
    return opensslError(ErrorCode::rejected, "key_generation_failed",
                        "OpenSSL could not generate an Ed25519 key pair.");
  }
  return Ed25519SigningKey(std::move(key), publicKey);
}

Result<Ed25519SigningKey> Ed25519SigningKey::fromPem(std::string_view pem) {
  if (pem.size() > 64U * 1024U) {
    return makeError(ErrorCode::parse_error, "bad_private_key",
                     "The private key file is far larger than any PEM Ed25519 key.");
  }
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) {
    return opensslError(ErrorCode::rejected, "bad_private_key", "OpenSSL is out of memory.");
  }
  std::unique_ptr<evp_pkey_st, Free> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr));
  if (!key) {
    return opensslError(ErrorCode::parse_error, "bad_private_key",
                        "This is not an unencrypted PEM private key (expected "
                        "'-----BEGIN PRIVATE KEY-----' as 'loyaltyctl card keygen' writes).");
  }
  if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
    return makeError(ErrorCode::rejected, "not_ed25519_key",
                     "The private key is not an Ed25519 key; member cards and HQ's updates are signed with "
                     "Ed25519 only.");
  }
  PublicKeyBytes publicKey{};
  if (!rawPublicKey(key.get(), publicKey)) {
    return opensslError(ErrorCode::parse_error, "bad_private_key",
                        "The Ed25519 private key has no readable public half.");
  }
  return Ed25519SigningKey(std::move(key), publicKey);
}

Result<std::string> Ed25519SigningKey::toPem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr) != 1) {
    return opensslError(ErrorCode::rejected, "key_export_failed",
                        "OpenSSL could not write the private key as PEM.");
  }
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  if (length <= 0 || data == nullptr) {
    return opensslError(ErrorCode::rejected, "key_export_failed",
                        "OpenSSL wrote an empty private key.");
  }
  std::string pem(data, static_cast<std::size_t>(length));
  OPENSSL_cleanse(data, static_cast<std::size_t>(length));
  return pem;
}

Result<SignatureBytes> Ed25519SigningKey::sign(std::span<const std::uint8_t> message) const {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  SignatureBytes signature{};
  std::size_t length = signature.size();
  // Ed25519 hashes internally: no digest is named (NULL), and signing is one shot.
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), signature.data(), &length, message.data(), message.size()) != 1 ||
      length != signature.size()) {
    return opensslError(ErrorCode::rejected, "signing_failed",
                        "OpenSSL could not sign with the Ed25519 key.");
  }
  return signature;
}

bool verifySignature(const PublicKeyBytes& publicKey, std::span<const std::uint8_t> message,
                     const SignatureBytes& signature) noexcept {
  if (isWeakPublicKey(publicKey)) return false;
  std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY*)> key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, publicKey.data(), publicKey.size()),
      EVP_PKEY_free);
  MdCtxPtr ctx(EVP_MD_CTX_new());
  const bool valid =
      key && ctx &&
      EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(),
                       message.size()) == 1;
  if (!valid) ERR_clear_error();
  return valid;
}

}  // namespace loyalty::codec

#include <catch2/catch.hpp>

#include <cctype>
#include <cstring>
#include <memory>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "cards/ed25519.h"
#include "cards/public_key_text.h"

using namespace loyalty::cards;

namespace {

std::vector<std::uint8_t> bytesOf(std::string_view text) { return {text.begin(), text.end()}; }

// PEM text of an OpenSSL key of another type, or of an encrypted Ed25519 key.
std::string pemOf(EVP_PKEY* key, const EVP_CIPHER* cipher = nullptr, const char* pass = nullptr) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  REQUIRE(PEM_write_bio_PrivateKey(bio.get(), key, cipher,
                                   reinterpret_cast<const unsigned char*>(pass),
                                   pass ? static_cast<int>(std::strlen(pass)) : 0, nullptr,
                                   nullptr) == 1);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

}  // namespace

TEST_CASE("ed25519: sign and verify, PEM round trip keeps the key", "[cards][ed25519]") {
  auto key = SigningKey::generate();
  REQUIRE(key);
  const auto message = bytesOf("loyalty-card-v1 test message");
  auto signature = key->sign(message);
  REQUIRE(signature);
  CHECK(verifySignature(key->publicKey(), message, *signature));

  auto pem = key->toPem();
  REQUIRE(pem);
  CHECK(pem->rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);
  auto reloaded = SigningKey::fromPem(*pem);
  REQUIRE(reloaded);
  CHECK(reloaded->publicKey() == key->publicKey());
  auto again = reloaded->sign(message);
  REQUIRE(again);
  CHECK(*again == *signature);  // Ed25519 signatures are deterministic

  auto other = SigningKey::generate();
  REQUIRE(other);
  CHECK_FALSE(verifySignature(other->publicKey(), message, *signature));
  auto altered = bytesOf("loyalty-card-v1 test messagE");
  CHECK_FALSE(verifySignature(key->publicKey(), altered, *signature));
  Signature flipped = *signature;
  flipped[63] ^= 0x40;
  CHECK_FALSE(verifySignature(key->publicKey(), message, flipped));
}

TEST_CASE("ed25519: garbage and small-order public keys verify nothing", "[cards][ed25519]") {
  PublicKey ones;
  ones.fill(0xFF);
  const Signature zeroSignature{};
  CHECK_FALSE(verifySignature(ones, bytesOf("x"), zeroSignature));

  // The all-zero key (a point of order 4) with the all-zero signature: OpenSSL alone accepts
  // this pair for about one message in four: a forgery needing no secret at all.
  PublicKey zero{};
  CHECK(isWeakPublicKey(zero));
  for (int i = 0; i < 64; ++i) {
    CHECK_FALSE(verifySignature(zero, bytesOf("message " + std::to_string(i)), zeroSignature));
  }
  PublicKey identity{};
  identity[0] = 1;
  CHECK(isWeakPublicKey(identity));
  identity[31] = 0x80;  // the same point with the sign bit set
  CHECK(isWeakPublicKey(identity));
  for (int i = 0; i < 20; ++i) {
    auto key = SigningKey::generate();
    REQUIRE(key);
    CHECK_FALSE(isWeakPublicKey(key->publicKey()));
  }
}

TEST_CASE("ed25519: PEM that is not an unencrypted Ed25519 key is refused", "[cards][ed25519]") {
  CHECK(SigningKey::fromPem("").error().reason == "bad_private_key");
  CHECK(SigningKey::fromPem("not a key at all").error().reason == "bad_private_key");
  CHECK(SigningKey::fromPem(std::string(100000, 'A')).error().reason == "bad_private_key");

  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> ec(
      EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
  REQUIRE(ec);
  auto notEd = SigningKey::fromPem(pemOf(ec.get()));
  REQUIRE_FALSE(notEd);
  CHECK(notEd.error().reason == "not_ed25519_key");

  // An encrypted key is refused without prompting for a passphrase (stdin is never read).
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> ed(
      EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), EVP_PKEY_free);
  REQUIRE(ed);
  auto encrypted = SigningKey::fromPem(pemOf(ed.get(), EVP_aes_256_cbc(), "secret"));
  REQUIRE_FALSE(encrypted);
  CHECK(encrypted.error().reason == "bad_private_key");

  std::string pem = pemOf(ed.get());
  pem[40] = pem[40] == 'A' ? 'B' : 'A';  // damage the base64 body
  CHECK_FALSE(SigningKey::fromPem(pem));
}

TEST_CASE("public key text: base64url and hex round-trip, anything else is refused", "[cards][ed25519]") {
  auto key = SigningKey::generate();
  REQUIRE(key);
  const std::string base64 = publicKeyToBase64Url(key->publicKey());
  const std::string hex = publicKeyToHex(key->publicKey());
  CHECK(base64.size() == 43);
  CHECK(hex.size() == 64);
  CHECK(parsePublicKey(base64) == key->publicKey());
  CHECK(parsePublicKey(hex) == key->publicKey());
  std::string upper = hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(parsePublicKey(upper) == key->publicKey());

  PublicKey known{};
  for (std::size_t i = 0; i < known.size(); ++i) known[i] = static_cast<std::uint8_t>(i);
  CHECK(publicKeyToBase64Url(known) == "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8");

  CHECK_FALSE(parsePublicKey(""));
  CHECK_FALSE(parsePublicKey(base64 + "="));
  CHECK_FALSE(parsePublicKey(base64.substr(0, 42)));
  CHECK_FALSE(parsePublicKey("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh9"));  // spare bits set
  CHECK_FALSE(parsePublicKey("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh+"));  // '+' is not url-safe
  std::string badHex = hex;
  badHex[5] = 'g';
  CHECK_FALSE(parsePublicKey(badHex));
}

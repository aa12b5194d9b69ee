#include "ed25519_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/pem.h>

namespace loyalty::ctl {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
struct BioFree {
  void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Bio = std::unique_ptr<BIO, BioFree>;

std::array<std::uint8_t, 32> derivedSecret(std::string_view label, std::uint64_t seed, std::string_view id) {
  const std::string input = std::string(label) + ":" + std::to_string(seed) + ":" + std::string(id);
  std::array<std::uint8_t, 32> secret{};
  unsigned int length = 0;
  if (EVP_Digest(input.data(), input.size(), secret.data(), &length, EVP_sha256(), nullptr) != 1 || length != 32) {
    throw std::runtime_error("OpenSSL EVP_Digest(sha256) failed");  // a broken installation
  }
  return secret;
}

Pkey derivedKey(std::string_view label, std::uint64_t seed, std::string_view id) {
  const auto secret = derivedSecret(label, seed, id);
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, secret.data(), secret.size()));
  if (!key) throw std::runtime_error("OpenSSL cannot make an Ed25519 key");
  return key;
}

Ed25519PublicKey rawPublic(EVP_PKEY* key) {
  Ed25519PublicKey raw{};
  std::size_t length = raw.size();
  if (EVP_PKEY_get_raw_public_key(key, raw.data(), &length) != 1 || length != raw.size()) {
    throw std::runtime_error("OpenSSL cannot export an Ed25519 public key");
  }
  return raw;
}

}  // namespace

Result<Ed25519PublicKey> publicKeyOfPemFile(const std::string& path) {
  Bio bio(BIO_new_file(path.c_str(), "r"));
  if (!bio) {
    const bool missing = errno == ENOENT;
    return makeError(ErrorCode::io_error, missing ? "file_not_found" : "file_unreadable",
                     "cannot read the private key file \"" + path + "\".");
  }
  Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519) {
    return makeError(ErrorCode::invalid_input, "not_an_ed25519_key",
                     "\"" + path + "\" does not hold an unencrypted Ed25519 private key in PEM form.");
  }
  return rawPublic(key.get());
}

Ed25519KeyPair derivedKeyPair(std::string_view label, std::uint64_t seed, std::string_view id) {
  Pkey key = derivedKey(label, seed, id);
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    throw std::runtime_error("OpenSSL cannot write a PEM key");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return Ed25519KeyPair{rawPublic(key.get()), std::string(data, static_cast<std::size_t>(size))};
}

Ed25519PublicKey derivedPublicKey(std::string_view label, std::uint64_t seed, std::string_view id) {
  return rawPublic(derivedKey(label, seed, id).get());
}

Result<std::string> writePrivateKeyFile(const std::string& path, const std::string& pem) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return makeError(ErrorCode::io_error, "file_unwritable",
                     "cannot write the private key file \"" + path + "\": " + std::strerror(errno) + ".");
  }
  // An existing file keeps its mode on O_TRUNC: make sure it is private before writing.
  bool ok = ::fchmod(fd, 0600) == 0;
  std::size_t written = 0;
  while (ok && written < pem.size()) {
    const ssize_t n = ::write(fd, pem.data() + written, pem.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  ok = (::close(fd) == 0) && ok;
  if (!ok) {
    return makeError(ErrorCode::io_error, "file_unwritable", "writing the private key file \"" + path + "\" failed.");
  }
  return path;
}

}  // namespace loyalty::ctl

#include "codec/sha256.h"

#include <array>
#include <stdexcept>

#include <openssl/evp.h>

#include "codec/base64url.h"

namespace loyalty::codec {

std::string sha256Hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    // Only a broken OpenSSL installation gets here: a precondition, not bad input.
    throw std::runtime_error("OpenSSL EVP_Digest(sha256) failed");
  }
  return hexEncode(std::span<const std::uint8_t>(digest.data(), length));
}

}  // namespace loyalty::codec

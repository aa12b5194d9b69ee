// Public keys as text in the snapshot file: base64url without padding, or hex.
#include "codec/snapshot_codec.h"

namespace loyalty::codec {
namespace {

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int base64UrlValue(char c) noexcept {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

int hexValue(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<PublicKeyBytes> fromHex(std::string_view text) {
  PublicKeyBytes key{};
  for (std::size_t i = 0; i < key.size(); ++i) {
    const int high = hexValue(text[2 * i]);
    const int low = hexValue(text[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    key[i] = static_cast<std::uint8_t>(high * 16 + low);
  }
  return key;
}

std::optional<PublicKeyBytes> fromBase64Url(std::string_view text) {
  PublicKeyBytes key{};
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t out = 0;
  for (const char c : text) {
    const int value = base64UrlValue(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      key[out++] = static_cast<std::uint8_t>((buffer >> bits) & 0xffU);
    }
  }
  // 43 characters carry 258 bits: the 2 left over must be zero (one spelling per key).
  if ((buffer & ((1U << bits) - 1U)) != 0) return std::nullopt;
  return key;
}

}  // namespace

std::string encodePublicKey(const PublicKeyBytes& key) {
  std::string text;
  text.reserve(43);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const std::uint8_t byte : key) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      text += kBase64Url[(buffer >> bits) & 0x3fU];
    }
  }
  if (bits > 0) text += kBase64Url[(buffer << (6 - bits)) & 0x3fU];
  return text;
}

std::optional<PublicKeyBytes> decodePublicKey(std::string_view text) {
  if (text.size() == 64) return fromHex(text);
  if (text.size() == 43) return fromBase64Url(text);
  return std::nullopt;
}

}  // namespace loyalty::codec

#include "public_key_text.h"

namespace loyalty::cards {
namespace {

constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kHex = "0123456789abcdef";

int base64UrlValue(char c) {
  const auto position = kBase64Url.find(c);
  return position == std::string_view::npos ? -1 : static_cast<int>(position);
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string publicKeyToBase64Url(const PublicKey& key) {
  std::string text;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const std::uint8_t byte : key) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      text.push_back(kBase64Url[(buffer >> bits) & 0x3FU]);
    }
    buffer &= (1U << bits) - 1U;
  }
  if (bits > 0) text.push_back(kBase64Url[(buffer << (6 - bits)) & 0x3FU]);
  return text;
}

std::string publicKeyToHex(const PublicKey& key) {
  std::string text;
  for (const std::uint8_t byte : key) {
    text.push_back(kHex[byte >> 4]);
    text.push_back(kHex[byte & 0x0FU]);
  }
  return text;
}

std::optional<PublicKey> parsePublicKey(std::string_view text) {
  PublicKey key{};
  if (text.size() == 2 * key.size()) {
    for (std::size_t i = 0; i < key.size(); ++i) {
      const int high = hexValue(text[2 * i]);
      const int low = hexValue(text[2 * i + 1]);
      if (high < 0 || low < 0) return std::nullopt;
      key[i] = static_cast<std::uint8_t>(high * 16 + low);
    }
    return key;
  }
  if (text.size() != 43) return std::nullopt;  // 256 bits in 6-bit characters, 2 bits spare
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
      key[out++] = static_cast<std::uint8_t>((buffer >> bits) & 0xFFU);
      buffer &= (1U << bits) - 1U;
    }
  }
  if (buffer != 0) return std::nullopt;
  return key;
}

}  // namespace loyalty::cards

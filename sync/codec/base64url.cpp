#include "codec/base64url.h"

namespace loyalty::codec {
namespace {

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kHex[] = "0123456789abcdef";

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

}  // namespace

std::string base64UrlEncode(std::span<const std::uint8_t> bytes) {
  std::string text;
  text.reserve((bytes.size() * 8 + 5) / 6);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const std::uint8_t byte : bytes) {
    buffer = ((buffer << 8) | byte) & 0xFFFFU;  // never more than 14 bits are pending
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      text += kBase64Url[(buffer >> bits) & 0x3FU];
    }
  }
  if (bits > 0) text += kBase64Url[(buffer << (6 - bits)) & 0x3FU];
  return text;
}

bool base64UrlDecode(std::string_view text, std::span<std::uint8_t> out) noexcept {
  if (text.size() != (out.size() * 8 + 5) / 6) return false;
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t written = 0;
  for (const char c : text) {
    const int value = base64UrlValue(c);
    if (value < 0) return false;
    buffer = ((buffer << 6) | static_cast<std::uint32_t>(value)) & 0xFFFU;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = static_cast<std::uint8_t>((buffer >> bits) & 0xFFU);
    }
  }
  return (buffer & ((1U << bits) - 1U)) == 0;  // the spare bits: zero in the one spelling
}

std::string hexEncode(std::span<const std::uint8_t> bytes) {
  std::string text;
  text.reserve(bytes.size() * 2);
  for (const std::uint8_t byte : bytes) {
    text += kHex[byte >> 4];
    text += kHex[byte & 0x0FU];
  }
  return text;
}

bool hexDecode(std::string_view text, std::span<std::uint8_t> out) noexcept {
  if (text.size() != out.size() * 2) return false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int high = hexValue(text[2 * i]);
    const int low = hexValue(text[2 * i + 1]);
    if (high < 0 || low < 0) return false;
    out[i] = static_cast<std::uint8_t>(high * 16 + low);
  }
  return true;
}

}  // namespace loyalty::codec

#include "base32.h"

#include <array>

namespace loyalty::cards {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// -1 for characters outside the alphabet (lowercase included: QR alphanumeric has none).
constexpr std::array<std::int8_t, 256> makeDecodeTable() {
  std::array<std::int8_t, 256> table{};
  for (auto& entry : table) entry = -1;
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  }
  return table;
}
constexpr auto kDecode = makeDecodeTable();

}  // namespace

std::string encodeBase32(std::span<const std::uint8_t> bytes) {
  std::string text;
  text.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const std::uint8_t byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text.push_back(kAlphabet[(buffer >> bits) & 0x1FU]);
    }
    buffer &= (1U << bits) - 1U;  // keep only the bits not yet written
  }
  if (bits > 0) text.push_back(kAlphabet[(buffer << (5 - bits)) & 0x1FU]);
  return text;
}

std::optional<std::vector<std::uint8_t>> decodeBase32(std::string_view text) {
  // 8 characters carry 5 bytes; a tail of 1, 3 or 6 characters is no byte count's encoding.
  const std::size_t tail = text.size() % 8;
  if (tail == 1 || tail == 3 || tail == 6) return std::nullopt;
  std::vector<std::uint8_t> bytes;
  bytes.reserve(text.size() * 5 / 8);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int value = kDecode[static_cast<unsigned char>(c)];
    if (value < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xFFU));
      buffer &= (1U << bits) - 1U;
    }
  }
  if (buffer != 0) return std::nullopt;  // non-zero padding bits: not the canonical spelling
  return bytes;
}

}  // namespace loyalty::cards

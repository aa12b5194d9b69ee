// RFC 4648 base32 (uppercase alphabet, no padding): the text of a card payload, because QR
// alphanumeric mode carries exactly A-Z, 0-9 and a few symbols at 5.5 bits a character.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace loyalty::cards {

[[nodiscard]] std::string encodeBase32(std::span<const std::uint8_t> bytes);

// Strict: only 'A'-'Z' and '2'-'7', a length that some byte count produces, and zero bits
// in the unused tail of the last character. Canonical decoding means one text per byte
// string, so a code cannot be re-spelled to look new. nullopt on any violation.
[[nodiscard]] std::optional<std::vector<std::uint8_t>> decodeBase32(std::string_view text);

}  // namespace loyalty::cards

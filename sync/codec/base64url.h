// Bytes as text for keys and signatures: base64url without padding (RFC 4648 section 5, as
// JWK writes Ed25519 keys) and hex. Decoding is strict: exactly the expected number of
// bytes, and for base64url the unused low bits of the last character must be zero, so
// every value has one spelling (a signature or key cannot be "changed" by its text).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace loyalty::codec {

[[nodiscard]] std::string base64UrlEncode(std::span<const std::uint8_t> bytes);
// True when `text` spells exactly out.size() bytes; `out` is then filled.
[[nodiscard]] bool base64UrlDecode(std::string_view text, std::span<std::uint8_t> out) noexcept;

[[nodiscard]] std::string hexEncode(std::span<const std::uint8_t> bytes);  // lowercase
// True when `text` is exactly 2 * out.size() hex digits (either case).
[[nodiscard]] bool hexDecode(std::string_view text, std::span<std::uint8_t> out) noexcept;

}  // namespace loyalty::codec

// SHA-256 through OpenSSL's EVP interface.
#pragma once

#include <string>
#include <string_view>

namespace loyalty::codec {

// Lowercase hexadecimal SHA-256 digest of `data` (64 characters).
[[nodiscard]] std::string sha256Hex(std::string_view data);

}  // namespace loyalty::codec

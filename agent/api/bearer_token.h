// The API's bearer token: a secret shared with the POS through a file only the agent's
// user can read. The agent creates the file at first start (256 random bits, hex) and the
// POS reads it; refusing a file that others can read keeps the token a secret.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/result.h"

namespace loyalty::api {

// RFC 6750 token characters ([A-Za-z0-9-._~+/] then '='*), 32 to 512 of them.
inline constexpr std::size_t kMinTokenLength = 32;
inline constexpr std::size_t kMaxTokenLength = 512;

class BearerToken {
 public:
  // Keeps only the SHA-256 of the secret: comparing digests takes the same time whatever
  // the presented token's length or content, and the secret is not kept in memory.
  // The secret must be a valid token (isValidTokenText); throws std::invalid_argument
  // otherwise (callers check first).
  [[nodiscard]] static BearerToken fromSecret(std::string_view secret);

  // Constant-time comparison of the presented token with the secret.
  [[nodiscard]] bool matches(std::string_view presented) const noexcept;

 private:
  BearerToken() = default;
  std::array<unsigned char, 32> digest_{};
};

[[nodiscard]] bool isValidTokenText(std::string_view text) noexcept;

// 64 hex characters from OpenSSL's RAND_bytes (256 bits). Error io_error
// "random_unavailable" when the generator fails.
[[nodiscard]] Result<std::string> generateTokenSecret();

// Reads a token file: a regular file (not a symlink) owned by this process's user, with
// no permission for group or others (0600 or 0400), holding one token and at most one
// trailing newline. Errors (io_error unless said): token_file_missing,
// token_file_unreadable, token_file_not_regular, token_file_owner, token_file_permissions,
// invalid_input token_file_malformed. Messages say how to fix it.
[[nodiscard]] Result<BearerToken> readTokenFile(const std::filesystem::path& file);

// readTokenFile, but first creates the file (0600, a new secret and a newline, fsynced)
// when it does not exist. The directory must exist. Extra error: token_file_create_failed.
[[nodiscard]] Result<BearerToken> loadOrCreateTokenFile(const std::filesystem::path& file);

}  // namespace loyalty::api

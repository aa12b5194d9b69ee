// Input checks and values shared by both HQ stores, so SQLite and PostgreSQL refuse the
// same things with the same reasons.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hq/store/hq_store.h"

namespace loyalty::hq {

inline constexpr std::size_t kMaxConflictEntries = 64;
inline constexpr std::size_t kMaxConflictDetailBytes = 4096;
inline constexpr std::size_t kMaxSerialBytes = 128;
inline constexpr std::int64_t kMaxTokenValidityMs = 30LL * 24 * 3600 * 1000;  // 30 days

// invalid_input `reason` when `id` is not 1-128 bytes of printable ASCII without spaces.
[[nodiscard]] Result<Done> checkId(std::string_view id, const char* reason, const char* what);
[[nodiscard]] Result<Done> checkValidity(std::int64_t validForMs);
[[nodiscard]] Result<Done> checkSerial(std::string_view serial);

// A fresh token: 32 bytes from OpenSSL's CSPRNG as 64 hex digits.
[[nodiscard]] std::string newEnrollmentToken();
// What the stores keep of a token: its SHA-256 (hex).
[[nodiscard]] std::string tokenDigest(std::string_view token);

// Sorted, de-duplicated entry ids joined by ',' (the conflict's identity), or an Error
// "invalid_conflict".
[[nodiscard]] Result<std::string> conflictKey(const NewConflict& conflict);
[[nodiscard]] std::vector<std::string> splitEntryIds(std::string_view joined);

[[nodiscard]] Error unknownTerminal(const std::string& terminalId);
[[nodiscard]] Error terminalDisabled(const std::string& terminalId);

}  // namespace loyalty::hq

#include "hq/store/store_checks.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <openssl/rand.h>

#include "codec/sha256.h"

namespace loyalty::hq {
namespace {

constexpr std::array<std::pair<std::string_view, ConflictKind>, 3> kConflictKinds{{
    {"overdraft", ConflictKind::overdraft},
    {"voucher_reuse", ConflictKind::voucher_reuse},
    {"negative_after_return", ConflictKind::negative_after_return},
}};

bool printable(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

}  // namespace

std::string_view toString(ConflictKind kind) noexcept {
  for (const auto& [name, value] : kConflictKinds) {
    if (value == kind) return name;
  }
  return "?";
}

std::optional<ConflictKind> conflictKindFromString(std::string_view text) noexcept {
  for (const auto& [name, value] : kConflictKinds) {
    if (name == text) return value;
  }
  return std::nullopt;
}

Result<Done> checkId(std::string_view id, const char* reason, const char* what) {
  if (id.empty() || id.size() > wire::kMaxTerminalIdBytes || !printable(id)) {
    return makeError(ErrorCode::invalid_input, reason,
                     std::string("the ") + what + " must have 1 to 128 printable ASCII characters without spaces.");
  }
  return Done{};
}

Result<Done> checkValidity(std::int64_t validForMs) {
  if (validForMs <= 0 || validForMs > kMaxTokenValidityMs) {
    return makeError(ErrorCode::invalid_input, "invalid_validity",
                     "an enrollment token is valid for 1 ms to 30 days, not " + std::to_string(validForMs) + " ms.");
  }
  return Done{};
}

Result<Done> checkSerial(std::string_view serial) {
  if (serial.empty() || serial.size() > kMaxSerialBytes || !printable(serial)) {
    return makeError(ErrorCode::invalid_input, "invalid_serial",
                     "a certificate serial has 1 to 128 printable ASCII characters.");
  }
  return Done{};
}

std::string newEnrollmentToken() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("OpenSSL RAND_bytes failed");  // no entropy: cannot go on safely
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  token.reserve(64);
  for (const unsigned char b : bytes) {
    token += kHex[b >> 4];
    token += kHex[b & 0x0f];
  }
  return token;
}

std::string tokenDigest(std::string_view token) { return codec::sha256Hex(token); }

Result<std::string> conflictKey(const NewConflict& conflict) {
  auto invalid = [](std::string message) {
    return makeError(ErrorCode::invalid_input, "invalid_conflict", std::move(message));
  };
  if (conflict.entryIds.empty() || conflict.entryIds.size() > kMaxConflictEntries) {
    return invalid("a conflict names 1 to " + std::to_string(kMaxConflictEntries) + " entries.");
  }
  if (conflict.detail.size() > kMaxConflictDetailBytes || conflict.detail.find('\0') != std::string::npos) {
    return invalid("a conflict's detail has at most 4096 bytes and no NUL.");
  }
  if (!conflict.memberId.empty() && !checkId(conflict.memberId, "invalid_conflict", "member id")) {
    return invalid("the member id must have 1 to 128 printable ASCII characters without spaces.");
  }
  std::vector<std::string> ids = conflict.entryIds;
  for (const std::string& id : ids) {
    if (!checkId(id, "invalid_conflict", "entry id") || id.find(',') != std::string::npos) {
      return invalid("entry ids are 1 to 128 printable ASCII characters without spaces or commas.");
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::string key;
  for (const std::string& id : ids) {
    if (!key.empty()) key += ',';
    key += id;
  }
  return key;
}

std::vector<std::string> splitEntryIds(std::string_view joined) {
  std::vector<std::string> ids;
  std::size_t start = 0;
  while (start <= joined.size() && !joined.empty()) {
    const std::size_t comma = joined.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? joined.size() : comma;
    ids.emplace_back(joined.substr(start, end - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return ids;
}

Error unknownTerminal(const std::string& terminalId) {
  return makeError(ErrorCode::unknown_reference, "unknown_terminal",
                   "terminal \"" + terminalId + "\" is not registered at HQ.");
}

Error terminalDisabled(const std::string& terminalId) {
  return makeError(ErrorCode::rejected, "terminal_disabled",
                   "terminal \"" + terminalId + "\" is disabled at HQ; an administrator must enable it.");
}

}  // namespace loyalty::hq

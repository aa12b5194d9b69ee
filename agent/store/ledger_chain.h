// The ledger's hash chain (docs/ledger-format.md): the canonical text of an entry, its
// SHA-256, and entry ids. Pure functions, shared by the writer and the verifier.
#pragma once

#include <string>
#include <string_view>

#include "store/ledger.h"

namespace loyalty::store {

// The prevHash of the first entry a terminal ever writes.
inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// "loyalty-ledger-entry-v1\n" then, for every field but hash and synced, in a fixed order,
// "<name>=<byte length>:<bytes>\n" (integers in decimal). Length prefixes make the text
// unambiguous whatever bytes a field holds.
[[nodiscard]] std::string canonicalEntryText(const LedgerEntry& entry);

// Lowercase hex SHA-256 of canonicalEntryText(entry).
[[nodiscard]] std::string entryHash(const LedgerEntry& entry);

// A random (version 4) UUID in its 36-character text form, from OpenSSL's CSPRNG.
[[nodiscard]] std::string newEntryId();

// 64 lowercase hex digits.
[[nodiscard]] bool isHashText(std::string_view text) noexcept;

}  // namespace loyalty::store

// The hash chain of ledger entries (docs/ledger-format.md) as a pure function of the
// entry's fields, shared by the terminal's store (which writes and verifies the chain)
// and HQ (which re-checks every entry it receives), so both use one canonical form.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace loyalty::codec {

// The prev_hash of the first entry a terminal ever writes.
inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// The entry kinds of format v1, spelled as on the wire and in the canonical text.
inline constexpr std::array<std::string_view, 6> kLedgerEntryKinds{"accrual",    "redemption", "reversal",
                                                                   "enrollment", "adjustment", "voiding"};
[[nodiscard]] bool isLedgerEntryKind(std::string_view kind) noexcept;

// Views of every hashed field (all but `hash` itself); the caller keeps the text alive.
struct EntryHashFields {
  std::string_view id;
  std::string_view terminalId;
  std::int64_t sequence = 0;
  std::string_view kind;
  std::string_view saleRef;
  std::string_view memberId;
  std::int64_t wallTimeMs = 0;
  std::int64_t monotonicNs = 0;
  std::string_view bundleHash;
  std::string_view payload;
  std::string_view prevHash;
};

// "loyalty-ledger-entry-v1\n" then, for every field in a fixed order,
// "<name>=<byte length>:<bytes>\n" (integers in decimal). Length prefixes make the text
// unambiguous whatever bytes a field holds.
[[nodiscard]] std::string canonicalEntryText(const EntryHashFields& fields);

// Lowercase hex SHA-256 of canonicalEntryText(fields).
[[nodiscard]] std::string entryHash(const EntryHashFields& fields);

// 64 lowercase hex digits.
[[nodiscard]] bool isHashText(std::string_view text) noexcept;

}  // namespace loyalty::codec

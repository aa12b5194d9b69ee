// The ledger's hash chain (docs/ledger-format.md): the canonical text of an entry, its
// SHA-256, and entry ids. The canonical form itself lives in sync/codec
// (codec/ledger_entry_hash.h) so that HQ re-checks entries with the very same code.
#pragma once

#include <string>
#include <string_view>

#include "codec/ledger_entry_hash.h"
#include "store/ledger.h"

namespace loyalty::store {

// The prevHash of the first entry a terminal ever writes.
using codec::kGenesisHash;
// 64 lowercase hex digits.
using codec::isHashText;

// The views of `entry`'s hashed fields (valid while `entry` lives).
[[nodiscard]] codec::EntryHashFields hashFields(const LedgerEntry& entry) noexcept;

// codec::canonicalEntryText of the entry (every field but hash and synced).
[[nodiscard]] std::string canonicalEntryText(const LedgerEntry& entry);

// Lowercase hex SHA-256 of canonicalEntryText(entry).
[[nodiscard]] std::string entryHash(const LedgerEntry& entry);

// A random (version 4) UUID in its 36-character text form, from OpenSSL's CSPRNG.
[[nodiscard]] std::string newEntryId();

}  // namespace loyalty::store

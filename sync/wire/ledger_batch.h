// The ledger upload of protocol v1 (docs/sync-protocol.md): a batch of a terminal's
// entries and HQ's answer. Plain types, JSON-free: the codec is ledger_batch_codec.h, and
// HQ's store (hq/store) returns a BatchAnswer from its ingest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codec/ledger_entry_hash.h"

namespace loyalty::wire {

// Caps of one batch: a sender stops adding entries at whichever comes first.
inline constexpr std::size_t kMaxBatchEntries = 500;
inline constexpr std::size_t kMaxBatchBytes = 8u << 20;  // the JSON body, 8 MiB
// Field limits, the same as the terminal's store (agent/store/sqlite_ledger.h).
inline constexpr std::size_t kMaxTerminalIdBytes = 128;
inline constexpr std::size_t kMaxRefBytes = 256;           // sale_ref, member_id, bundle_hash
inline constexpr std::size_t kMaxPayloadBytes = 1u << 20;  // per entry
inline constexpr std::size_t kMaxMessageBytes = 1024;      // a refusal's sentence

// One ledger entry exactly as the terminal wrote it (docs/ledger-format.md). `kind` stays
// text: it is hashed as text, and codec::isLedgerEntryKind says which are known.
struct WireEntry {
  std::string id;
  std::string terminalId;
  std::int64_t sequence = 0;
  std::string kind;
  std::string saleRef;
  std::string memberId;
  std::int64_t wallTimeMs = 0;
  std::int64_t monotonicNs = 0;
  std::string bundleHash;
  std::string payload;
  std::string prevHash;
  std::string hash;
  friend bool operator==(const WireEntry&, const WireEntry&) = default;
};

[[nodiscard]] codec::EntryHashFields hashFields(const WireEntry& entry) noexcept;
// True when `hash` is the SHA-256 of the entry's canonical text.
[[nodiscard]] bool hashMatches(const WireEntry& entry);

struct LedgerBatch {
  std::string terminalId;
  std::vector<WireEntry> entries;  // ascending sequence when sent; HQ tolerates any order
  friend bool operator==(const LedgerBatch&, const LedgerBatch&) = default;
};

enum class RefusalReason {
  id_reused_with_other_content,  // an applied entry has this id and other content (alert)
  sequence_reused,               // another entry is applied at this sequence (alert)
  sequence_gap,                  // the sequence is past the expected one: nothing after it applies
  bad_hash,                      // the content does not hash to `hash` (alert)
  broken_chain,                  // prev_hash is not the hash of the previous applied entry (alert)
};
[[nodiscard]] std::string_view toString(RefusalReason reason) noexcept;
[[nodiscard]] std::optional<RefusalReason> refusalReasonFromString(std::string_view text) noexcept;

struct RefusedEntry {
  std::string id;
  std::int64_t sequence = 0;
  RefusalReason reason = RefusalReason::sequence_gap;
  std::optional<std::int64_t> expectedSequence;  // sequence_gap: the sequence HQ waits for
  std::string message;                           // a sentence for the log
  friend bool operator==(const RefusedEntry&, const RefusedEntry&) = default;
};

// HQ's answer. Every entry of the batch is counted exactly once in applied, duplicates,
// refused or notApplied.
struct BatchAnswer {
  std::string terminalId;
  std::int64_t acknowledgedThrough = 0;  // every sequence <= it is held by HQ
  std::int64_t applied = 0;              // new entries HQ stored from this batch
  std::int64_t duplicates = 0;           // entries HQ already held (or repeated in the batch)
  std::vector<RefusedEntry> refused;
  std::int64_t notApplied = 0;           // entries after a refusal or gap, left for a resend
  friend bool operator==(const BatchAnswer&, const BatchAnswer&) = default;
};

}  // namespace loyalty::wire

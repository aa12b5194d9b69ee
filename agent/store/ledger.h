// The terminal's ledger (SEMANTICS 7; format in docs/ledger-format.md): append-only
// entries with a gapless per-terminal sequence, each carrying the hash of the previous
// one, so HQ and `loyaltyctl ledger verify` detect any edit, deletion or reordering.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"
#include "store/sqlite_connection.h"

namespace loyalty::store {

enum class EntryKind { accrual, redemption, reversal, enrollment, adjustment, voiding };

[[nodiscard]] std::string_view toString(EntryKind kind) noexcept;
[[nodiscard]] std::optional<EntryKind> entryKindFromString(std::string_view name) noexcept;

// What a caller appends. `payload` is opaque to the store: the engine's result needed to
// re-check the entry, as text the service layer chose.
struct NewEntry {
  EntryKind kind = EntryKind::accrual;
  std::string saleRef;
  std::string memberId;    // may be empty (an anonymous sale's voucher use)
  std::string bundleHash;  // the rules that produced it
  std::string payload;
};

struct LedgerEntry {
  std::string id;          // UUID v4, globally unique
  std::string terminalId;
  std::int64_t sequence = 0;  // 1, 2, 3... per terminal, no gaps
  EntryKind kind = EntryKind::accrual;
  std::string saleRef;
  std::string memberId;
  std::int64_t wallTimeMs = 0;   // wall clock, ms since the Unix epoch
  std::int64_t monotonicNs = 0;  // monotonic clock of the terminal (orders entries across clock jumps)
  std::string bundleHash;
  std::string payload;
  std::string prevHash;  // hash of entry sequence - 1 (64 zeros before the first)
  std::string hash;      // SHA-256 hex of the canonical serialisation (docs/ledger-format.md)
  bool synced = false;   // acknowledged by HQ (not part of the hash)
  friend bool operator==(const LedgerEntry&, const LedgerEntry&) = default;
};

// Idempotency: a POS retrying a commit sends the same key ("sale:<posSaleId>") and gets
// the stored response back.
struct CommitRecord {
  std::string commitKey;
  std::string response;  // what the POS was told, returned again on a retry
};

struct CommitOutcome {
  bool alreadyCommitted = false;
  std::string response;
  std::vector<LedgerEntry> entries;
};

// The clocks are read by the caller, never inside the store.
struct Timestamps {
  std::int64_t wallMs = 0;
  std::int64_t monotonicNs = 0;
};

struct LedgerStats {
  std::int64_t lastSequence = 0;    // 0: nothing ever committed
  std::int64_t syncedThrough = 0;   // highest sequence HQ acknowledged
  std::int64_t prunedThrough = 0;   // entries up to here were deleted after sync
  std::int64_t unsyncedCount = 0;
  std::optional<std::int64_t> oldestUnsyncedWallMs;
};

enum class VerifyProblem { none, gap, prev_mismatch, hash_mismatch, terminal_mismatch, bad_field, missing_tail };
[[nodiscard]] std::string_view toString(VerifyProblem problem) noexcept;

struct VerifyReport {
  bool ok = true;
  std::int64_t firstSequence = 0;  // first entry still held (prunedThrough + 1), 0 when none
  std::int64_t lastSequence = 0;
  std::int64_t checked = 0;
  std::int64_t brokenSequence = 0;  // the first entry that fails, when !ok
  VerifyProblem problem = VerifyProblem::none;
  std::string message;
};

class Ledger {
 public:
  virtual ~Ledger() = default;

  // One transaction: when `record.commitKey` was committed before, returns its stored
  // response and entries (alreadyCommitted) and writes nothing; otherwise appends the
  // entries with the next sequences and the hash chain, stores the record and returns
  // once it is durable. Errors: "not_durable" (disk full, I/O: nothing was written),
  // "invalid_entry", "no_terminal_id", "store_busy".
  [[nodiscard]] virtual Result<CommitOutcome> commit(const CommitRecord& record, std::vector<NewEntry> entries,
                                                     Timestamps at) = 0;
  [[nodiscard]] virtual Result<std::optional<CommitOutcome>> findCommit(const std::string& commitKey) const = 0;
  // Entries with sequence > afterSequence, ascending, at most `limit` (for the sync layer).
  [[nodiscard]] virtual Result<std::vector<LedgerEntry>> entriesAfter(std::int64_t afterSequence,
                                                                      std::size_t limit) const = 0;
  [[nodiscard]] virtual Result<std::vector<LedgerEntry>> entriesForMember(const std::string& memberId,
                                                                          std::int64_t afterSequence) const = 0;
  [[nodiscard]] virtual Result<std::vector<LedgerEntry>> entriesForSale(const std::string& saleRef) const = 0;
  [[nodiscard]] virtual Result<LedgerStats> stats() const = 0;
  // Only the sync layer calls this, with the highest sequence HQ acknowledged. Never goes
  // back; a sequence past the last entry is refused ("unknown_sequence").
  [[nodiscard]] virtual Result<Done> markSyncedThrough(std::int64_t sequence) = 0;
  // Deletes synced entries older than the cutoff (never an unsynced one) and returns how
  // many; the last deleted hash becomes the chain's anchor, so verify still works.
  [[nodiscard]] virtual Result<std::int64_t> pruneSynced(std::int64_t olderThanWallMs) = 0;
  [[nodiscard]] virtual Result<VerifyReport> verify() const = 0;
};

}  // namespace loyalty::store

// HQ's storage (docs/hq-store.md): terminals and their enrollment, the ledger of record
// with its exactly-once ingest (docs/sync-protocol.md), alerts, conflicts and sync lag.
// Small domain interfaces so that a part of HQ can ask for just what it uses; HqStore is
// all of them, implemented by SqliteHqStore and PostgresHqStore. Clocks are read by the
// caller (nowMs parameters), never inside a store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"
#include "wire/ledger_batch.h"

namespace loyalty::hq {

struct Done {};

struct TerminalRecord {
  std::string terminalId;
  std::string storeId;
  bool enabled = true;
  std::string certificateSerial;  // empty until a certificate is issued
  std::int64_t registeredMs = 0;
  friend bool operator==(const TerminalRecord&, const TerminalRecord&) = default;
};

struct EnrollmentToken {
  std::string token;  // shown once; HQ keeps only its SHA-256
  std::int64_t expiresMs = 0;
};

// Reasons common to every call: io_error "store_failed" (the database said no),
// "store_busy" (another writer held the lock too long; retry).
class TerminalRegistry {
 public:
  virtual ~TerminalRegistry() = default;
  // Ids: 1-128 bytes of printable ASCII without spaces. Errors: invalid_input
  // "invalid_terminal_id" / "invalid_store_id", rejected "terminal_exists".
  [[nodiscard]] virtual Result<Done> registerTerminal(const std::string& terminalId, const std::string& storeId,
                                                      std::int64_t nowMs) = 0;
  [[nodiscard]] virtual Result<std::optional<TerminalRecord>> terminal(const std::string& terminalId) const = 0;
  [[nodiscard]] virtual Result<std::vector<TerminalRecord>> terminals() const = 0;
  // A new single-use token for the terminal (any earlier unused one stays valid until it
  // expires). Errors: unknown_reference "unknown_terminal", invalid_input "invalid_validity".
  [[nodiscard]] virtual Result<EnrollmentToken> createEnrollmentToken(const std::string& terminalId,
                                                                      std::int64_t nowMs,
                                                                      std::int64_t validForMs) = 0;
  // Uses the token up (atomically: of two concurrent calls one wins) and returns its
  // terminal id. Errors: rejected "unknown_token", "token_used", "token_expired",
  // "terminal_disabled".
  [[nodiscard]] virtual Result<std::string> consumeEnrollmentToken(std::string_view token, std::int64_t nowMs) = 0;
  // Errors: unknown_reference "unknown_terminal".
  [[nodiscard]] virtual Result<Done> setEnabled(const std::string& terminalId, bool enabled) = 0;
  [[nodiscard]] virtual Result<bool> isEnabled(const std::string& terminalId) const = 0;
  [[nodiscard]] virtual Result<Done> setCertificateSerial(const std::string& terminalId,
                                                          const std::string& serial) = 0;
  // Any authenticated request (an update poll too) counts as contact for the sync lag.
  [[nodiscard]] virtual Result<Done> recordContact(const std::string& terminalId, std::int64_t nowMs) = 0;
};

// An entry as HQ holds it: `receipt` numbers entries in the order HQ stored them (across
// terminals), so a consumer (the applier of balances) can follow the archive with a cursor.
struct StoredEntry {
  std::int64_t receipt = 0;
  std::int64_t receivedMs = 0;
  wire::WireEntry entry;
};

struct Alert {
  std::int64_t id = 0;
  std::string terminalId;
  std::string kind;  // a wire::RefusalReason name
  std::string entryId;
  std::int64_t sequence = 0;
  std::string detail;
  std::int64_t raisedMs = 0;
};

struct TerminalSync {
  std::string terminalId;
  std::string storeId;
  std::optional<std::int64_t> lastContactMs;   // none: never heard of
  std::int64_t acknowledgedThrough = 0;
  std::optional<std::int64_t> newestEntryWallMs;  // the terminal's wall clock in its newest entry
};

class LedgerArchive {
 public:
  virtual ~LedgerArchive() = default;
  // Applies the batch exactly once (docs/sync-protocol.md, "How HQ applies a batch") in
  // one transaction and returns the answer for the terminal. A refused entry is an answer,
  // not an Error. Errors: unknown_reference "unknown_terminal", rejected
  // "terminal_disabled", invalid_input "terminal_mismatch" (an entry of another terminal),
  // "invalid_entry" (a field breaks the wire rules), "batch_too_large".
  [[nodiscard]] virtual Result<wire::BatchAnswer> ingest(const std::string& terminalId,
                                                         const std::vector<wire::WireEntry>& entries,
                                                         std::int64_t nowMs) = 0;
  [[nodiscard]] virtual Result<std::int64_t> acknowledgedThrough(const std::string& terminalId) const = 0;
  // The terminal's entries with sequence > afterSequence, ascending, at most `limit`.
  [[nodiscard]] virtual Result<std::vector<StoredEntry>> entriesAfter(const std::string& terminalId,
                                                                      std::int64_t afterSequence,
                                                                      std::size_t limit) const = 0;
  // All terminals' entries with receipt > afterReceipt, ascending, at most `limit`.
  [[nodiscard]] virtual Result<std::vector<StoredEntry>> entriesReceivedAfter(std::int64_t afterReceipt,
                                                                              std::size_t limit) const = 0;
  // Alerts with id > afterId, oldest first. A repeated refusal raises its alert once.
  [[nodiscard]] virtual Result<std::vector<Alert>> alerts(std::int64_t afterId, std::size_t limit) const = 0;
  // Every registered terminal, by id.
  [[nodiscard]] virtual Result<std::vector<TerminalSync>> syncLag() const = 0;
};

enum class ConflictKind { overdraft, voucher_reuse, negative_after_return };
[[nodiscard]] std::string_view toString(ConflictKind kind) noexcept;
[[nodiscard]] std::optional<ConflictKind> conflictKindFromString(std::string_view text) noexcept;

struct NewConflict {
  ConflictKind kind = ConflictKind::overdraft;
  std::vector<std::string> entryIds;  // the entries in conflict (1-64 ids, no commas)
  std::string memberId;               // may be empty (a bearer voucher)
  std::string detail;                 // a sentence for the admin, at most 4 KiB
};

struct Conflict {
  std::int64_t id = 0;
  ConflictKind kind = ConflictKind::overdraft;
  std::vector<std::string> entryIds;  // sorted
  std::string memberId;
  std::string detail;
  std::int64_t recordedMs = 0;
  friend bool operator==(const Conflict&, const Conflict&) = default;
};

struct ConflictInsert {
  std::int64_t id = 0;
  bool inserted = false;  // false: the same kind over the same entries was recorded before
};

class ConflictRegister {
 public:
  virtual ~ConflictRegister() = default;
  // Idempotent on (kind, set of entry ids), so re-applying entries never doubles a flag.
  // Errors: invalid_input "invalid_conflict".
  [[nodiscard]] virtual Result<ConflictInsert> recordConflict(const NewConflict& conflict, std::int64_t nowMs) = 0;
  [[nodiscard]] virtual Result<std::vector<Conflict>> conflicts(std::int64_t afterId, std::size_t limit) const = 0;
};

class HqStore : public TerminalRegistry, public LedgerArchive, public ConflictRegister {};

}  // namespace loyalty::hq

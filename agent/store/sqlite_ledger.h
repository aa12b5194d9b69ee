// The Ledger on the terminal's SQLite database: entries in `ledger_entries` (sequence is
// the rowid), idempotency records in `ledger_commits`, the sync watermark and the pruning
// anchor in `ledger_state` (docs/store.md, docs/ledger-format.md).
#pragma once

#include "store/ledger.h"
#include "store/store_database.h"

namespace loyalty::store {

// Limits on what a caller may append (bad input, not a store failure: "invalid_entry").
inline constexpr std::size_t kMaxCommitKeyBytes = 256;
inline constexpr std::size_t kMaxRefBytes = 256;            // sale ref, member id, bundle hash
inline constexpr std::size_t kMaxPayloadBytes = 1u << 20;   // per entry
inline constexpr std::size_t kMaxResponseBytes = 4u << 20;  // per commit
inline constexpr std::size_t kMaxEntriesPerCommit = 1000;

class SqliteLedger final : public Ledger {
 public:
  explicit SqliteLedger(StoreDatabase& database) noexcept : database_(database) {}

  [[nodiscard]] Result<CommitOutcome> commit(const CommitRecord& record, std::vector<NewEntry> entries,
                                             Timestamps at) override;
  [[nodiscard]] Result<std::optional<CommitOutcome>> findCommit(const std::string& commitKey) const override;
  [[nodiscard]] Result<std::vector<LedgerEntry>> entriesAfter(std::int64_t afterSequence,
                                                              std::size_t limit) const override;
  [[nodiscard]] Result<std::vector<LedgerEntry>> entriesForMember(const std::string& memberId,
                                                                  std::int64_t afterSequence) const override;
  [[nodiscard]] Result<std::vector<LedgerEntry>> entriesForSale(const std::string& saleRef) const override;
  [[nodiscard]] Result<LedgerStats> stats() const override;
  [[nodiscard]] Result<Done> markSyncedThrough(std::int64_t sequence) override;
  [[nodiscard]] Result<std::int64_t> pruneSynced(std::int64_t olderThanWallMs) override;
  [[nodiscard]] Result<VerifyReport> verify() const override;

 private:
  StoreDatabase& database_;
};

}  // namespace loyalty::store

// HqStore on one SQLite file (the embedded default, zero setup): WAL, synchronous=FULL,
// versioned migrations (PRAGMA user_version), the file created 0600. One connection
// behind a mutex: SQLite has a single writer anyway, and an ingest of 500 entries is one
// short transaction.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "hq/store/hq_store.h"

namespace loyalty::hq {

class SqliteDatabase;

class SqliteHqStore final : public HqStore {
 public:
  // Opens or creates the database and brings its schema to the current version.
  // Errors: io_error "store_failed"; rejected "schema_too_new" (a newer HQ wrote it).
  [[nodiscard]] static Result<std::unique_ptr<SqliteHqStore>> open(const std::string& path);
  ~SqliteHqStore() override;

  [[nodiscard]] Result<Done> registerTerminal(const std::string& terminalId, const std::string& storeId,
                                              std::int64_t nowMs) override;
  [[nodiscard]] Result<std::optional<TerminalRecord>> terminal(const std::string& terminalId) const override;
  [[nodiscard]] Result<std::vector<TerminalRecord>> terminals() const override;
  [[nodiscard]] Result<EnrollmentToken> createEnrollmentToken(const std::string& terminalId, std::int64_t nowMs,
                                                              std::int64_t validForMs) override;
  [[nodiscard]] Result<std::string> consumeEnrollmentToken(std::string_view token, std::int64_t nowMs) override;
  [[nodiscard]] Result<Done> setEnabled(const std::string& terminalId, bool enabled) override;
  [[nodiscard]] Result<bool> isEnabled(const std::string& terminalId) const override;
  [[nodiscard]] Result<Done> setCertificateSerial(const std::string& terminalId, const std::string& serial) override;
  [[nodiscard]] Result<Done> recordContact(const std::string& terminalId, std::int64_t nowMs) override;

  [[nodiscard]] Result<wire::BatchAnswer> ingest(const std::string& terminalId,
                                                 const std::vector<wire::WireEntry>& entries,
                                                 std::int64_t nowMs) override;
  [[nodiscard]] Result<std::int64_t> acknowledgedThrough(const std::string& terminalId) const override;
  [[nodiscard]] Result<std::vector<StoredEntry>> entriesAfter(const std::string& terminalId,
                                                              std::int64_t afterSequence,
                                                              std::size_t limit) const override;
  [[nodiscard]] Result<std::vector<StoredEntry>> entriesReceivedAfter(std::int64_t afterReceipt,
                                                                      std::size_t limit) const override;
  [[nodiscard]] Result<std::vector<Alert>> alerts(std::int64_t afterId, std::size_t limit) const override;
  [[nodiscard]] Result<std::vector<TerminalSync>> syncLag() const override;

  [[nodiscard]] Result<ConflictInsert> recordConflict(const NewConflict& conflict, std::int64_t nowMs) override;
  [[nodiscard]] Result<std::vector<Conflict>> conflicts(std::int64_t afterId, std::size_t limit) const override;

 private:
  explicit SqliteHqStore(std::unique_ptr<SqliteDatabase> db);
  [[nodiscard]] Result<wire::BatchAnswer> ingestLocked(const std::string& terminalId,
                                                       const std::vector<wire::WireEntry>& entries,
                                                       std::int64_t nowMs);
  [[nodiscard]] Result<std::vector<StoredEntry>> readEntries(std::string_view sql, std::string_view text,
                                                             std::int64_t after, std::size_t limit) const;

  mutable std::mutex mutex_;
  std::unique_ptr<SqliteDatabase> db_;
};

// The schema migrations, applied in order (sqlite_hq_schema.cpp).
[[nodiscard]] Result<Done> migrateSqliteHqSchema(SqliteDatabase& db);

}  // namespace loyalty::hq

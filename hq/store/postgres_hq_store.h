// HqStore on PostgreSQL through libpq, for a chain that outgrows one machine. Versioned
// migrations (table hq_schema_migrations, under an advisory lock), prepared statements,
// batch inserts through unnest() of arrays. Exactly-once across connections and
// processes: an ingest locks its terminal's row (SELECT ... FOR UPDATE), and the UNIQUE
// constraints stand behind it. One object is one connection, used under a mutex; make
// one object per worker for parallelism.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "hq/store/hq_store.h"

namespace loyalty::hq {

class PgConnection;

class PostgresHqStore final : public HqStore {
 public:
  // Connects (libpq conninfo, e.g. "host=/run/pg port=5432 dbname=hq") and brings the
  // schema to the current version. Errors: io_error "store_failed"; rejected
  // "schema_too_new" (a newer HQ wrote it).
  [[nodiscard]] static Result<std::unique_ptr<PostgresHqStore>> open(const std::string& conninfo);
  ~PostgresHqStore() override;

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
  explicit PostgresHqStore(std::unique_ptr<PgConnection> db);
  [[nodiscard]] Result<wire::BatchAnswer> ingestOnce(const std::string& terminalId,
                                                     const std::vector<wire::WireEntry>& entries, std::int64_t nowMs);
  [[nodiscard]] Result<std::vector<StoredEntry>> readEntries(const std::string& name, std::string_view sql,
                                                             std::vector<std::optional<std::string>> params) const;

  mutable std::mutex mutex_;
  std::unique_ptr<PgConnection> db_;
};

// The schema migrations, applied in order (postgres_hq_schema.cpp).
[[nodiscard]] Result<Done> migratePostgresHqSchema(PgConnection& db);

}  // namespace loyalty::hq

// HQ's PostgreSQL schema (docs/hq-store.md): the same tables as SQLite's. Migrations run
// in one transaction under an advisory lock, so two HQ processes starting together apply
// each one once; a database from a newer HQ is refused.
#include <array>
#include <string>

#include "hq/store/pg_connection.h"
#include "hq/store/postgres_hq_store.h"

namespace loyalty::hq {
namespace {

constexpr std::array<const char*, 1> kMigrations{
    // 1: terminals, enrollment tokens, the ledger of record, alerts, conflicts.
    R"sql(
CREATE TABLE terminals (
  terminal_id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL,
  enabled BOOLEAN NOT NULL DEFAULT TRUE,
  certificate_serial TEXT NOT NULL DEFAULT '',
  registered_ms BIGINT NOT NULL,
  acknowledged_through BIGINT NOT NULL DEFAULT 0 CHECK (acknowledged_through >= 0),
  head_hash TEXT NOT NULL,
  last_contact_ms BIGINT,
  newest_entry_wall_ms BIGINT
);
CREATE TABLE enrollment_tokens (
  token_sha256 TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL,
  used_ms BIGINT
);
CREATE TABLE ledger_entries (
  receipt BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  sequence BIGINT NOT NULL CHECK (sequence >= 1),
  kind TEXT NOT NULL CHECK (kind IN ('accrual', 'redemption', 'reversal', 'enrollment', 'adjustment', 'voiding')),
  sale_ref TEXT NOT NULL,
  member_id TEXT NOT NULL,
  wall_time_ms BIGINT NOT NULL,
  monotonic_ns BIGINT NOT NULL,
  bundle_hash TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  received_ms BIGINT NOT NULL,
  UNIQUE (terminal_id, sequence)
);
CREATE INDEX ledger_entries_member ON ledger_entries (member_id) WHERE member_id <> '';
CREATE TABLE alerts (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  sequence BIGINT NOT NULL,
  detail TEXT NOT NULL,
  raised_ms BIGINT NOT NULL,
  UNIQUE (terminal_id, kind, entry_id, sequence)
);
CREATE TABLE conflicts (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('overdraft', 'voucher_reuse', 'negative_after_return')),
  entry_ids TEXT NOT NULL,
  member_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  recorded_ms BIGINT NOT NULL,
  UNIQUE (kind, entry_ids)
);
)sql",
};

Result<Done> migrateLocked(PgConnection& db) {
  auto lock = db.exec("SELECT pg_advisory_xact_lock(7305071)");  // any constant unique to HQ's schema
  if (!lock) return lock.error();
  auto table = db.exec("CREATE TABLE IF NOT EXISTS hq_schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
  if (!table) return table.error();
  auto version = db.exec("SELECT coalesce(max(version), 0) FROM hq_schema_migrations");
  if (!version) return version.error();
  const std::int64_t current = version->integer(0, 0);
  if (current > static_cast<std::int64_t>(kMigrations.size())) {
    return makeError(ErrorCode::rejected, "schema_too_new",
                     "the database has schema version " + std::to_string(current) + "; this HQ knows up to " +
                         std::to_string(kMigrations.size()) + ".");
  }
  for (auto next = static_cast<std::size_t>(current); next < kMigrations.size(); ++next) {
    auto applied = db.exec(kMigrations[next]);
    if (!applied) return applied.error();
    auto recorded = db.exec("INSERT INTO hq_schema_migrations (version) VALUES (" + std::to_string(next + 1) + ")");
    if (!recorded) return recorded.error();
  }
  return Done{};
}

}  // namespace

Result<Done> migratePostgresHqSchema(PgConnection& db) {
  auto begin = db.exec("BEGIN");
  if (!begin) return publicError(begin.error());
  auto migrated = migrateLocked(db);
  if (!migrated) {
    db.rollbackQuietly();
    return publicError(migrated.error());
  }
  auto commit = db.exec("COMMIT");
  if (!commit) {
    db.rollbackQuietly();
    return publicError(commit.error());
  }
  return Done{};
}

}  // namespace loyalty::hq

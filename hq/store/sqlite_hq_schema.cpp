// HQ's SQLite schema (docs/hq-store.md). Each migration runs once, in one transaction,
// and bumps PRAGMA user_version; a database from a newer HQ is refused, never guessed at.
#include <array>
#include <string>

#include "hq/store/sqlite_database.h"
#include "hq/store/sqlite_hq_store.h"

namespace loyalty::hq {
namespace {

constexpr std::array<const char*, 1> kMigrations{
    // 1: terminals, enrollment tokens, the ledger of record, alerts, conflicts.
    R"sql(
CREATE TABLE terminals (
  terminal_id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  certificate_serial TEXT NOT NULL DEFAULT '',
  registered_ms INTEGER NOT NULL,
  acknowledged_through INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged_through >= 0),
  head_hash TEXT NOT NULL,
  last_contact_ms INTEGER,
  newest_entry_wall_ms INTEGER
) STRICT;
CREATE TABLE enrollment_tokens (
  token_sha256 TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  used_ms INTEGER
) STRICT;
CREATE TABLE ledger_entries (
  receipt INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  sequence INTEGER NOT NULL CHECK (sequence >= 1),
  kind TEXT NOT NULL CHECK (kind IN ('accrual', 'redemption', 'reversal', 'enrollment', 'adjustment', 'voiding')),
  sale_ref TEXT NOT NULL,
  member_id TEXT NOT NULL,
  wall_time_ms INTEGER NOT NULL,
  monotonic_ns INTEGER NOT NULL,
  bundle_hash TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  UNIQUE (terminal_id, sequence)
) STRICT;
CREATE INDEX ledger_entries_member ON ledger_entries (member_id) WHERE member_id <> '';
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  terminal_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  detail TEXT NOT NULL,
  raised_ms INTEGER NOT NULL,
  UNIQUE (terminal_id, kind, entry_id, sequence)
) STRICT;
CREATE TABLE conflicts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('overdraft', 'voucher_reuse', 'negative_after_return')),
  entry_ids TEXT NOT NULL,
  member_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  recorded_ms INTEGER NOT NULL,
  UNIQUE (kind, entry_ids)
) STRICT;
)sql",
};

}  // namespace

Result<Done> migrateSqliteHqSchema(SqliteDatabase& db) {
  auto begin = db.exec("BEGIN IMMEDIATE");
  if (!begin) return begin.error();
  std::int64_t current = 0;
  {
    auto version = db.query("PRAGMA user_version");
    if (!version) {
      db.rollbackQuietly();
      return version.error();
    }
    auto row = version->step();
    if (!row) {
      db.rollbackQuietly();
      return row.error();
    }
    current = version->integer(0);
  }
  if (current > static_cast<std::int64_t>(kMigrations.size())) {
    db.rollbackQuietly();
    return makeError(ErrorCode::rejected, "schema_too_new",
                     "the database has schema version " + std::to_string(current) + "; this HQ knows up to " +
                         std::to_string(kMigrations.size()) + ".");
  }
  for (auto next = static_cast<std::size_t>(current); next < kMigrations.size(); ++next) {
    auto applied = db.exec(kMigrations[next]);
    if (applied) applied = db.exec("PRAGMA user_version = " + std::to_string(next + 1));
    if (!applied) {
      db.rollbackQuietly();
      return applied.error();
    }
  }
  auto commit = db.exec("COMMIT");
  if (!commit) db.rollbackQuietly();
  return commit;
}

}  // namespace loyalty::hq

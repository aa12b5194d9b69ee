#include "store/schema_migrations.h"

#include <array>
#include <string>
#include <string_view>

namespace loyalty::store {
namespace {

// Version 1: the snapshot (every table keyed by generation, docs/store.md) and the ledger.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE terminal (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  terminal_id TEXT NOT NULL);

CREATE TABLE snapshot_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  active_generation INTEGER NOT NULL,
  next_generation INTEGER NOT NULL);
INSERT INTO snapshot_state (id, active_generation, next_generation) VALUES (1, 0, 1);

CREATE TABLE snapshot_generations (
  generation INTEGER PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('loading', 'active', 'retired')),
  version INTEGER NOT NULL,
  store_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  bundle_text TEXT NOT NULL,
  bundle_hash TEXT NOT NULL,
  bundle_version INTEGER NOT NULL,
  ledger_included_through INTEGER NOT NULL,
  member_count INTEGER NOT NULL DEFAULT 0);

CREATE TABLE members (
  generation INTEGER NOT NULL,
  member_id TEXT NOT NULL,
  program_id TEXT NOT NULL,
  status TEXT NOT NULL,
  display_name TEXT NOT NULL,
  tier TEXT NOT NULL,
  view TEXT NOT NULL,
  PRIMARY KEY (generation, member_id));

CREATE TABLE cards (
  generation INTEGER NOT NULL,
  card_id TEXT NOT NULL,
  member_id TEXT NOT NULL,
  PRIMARY KEY (generation, card_id));

CREATE TABLE card_keys (
  generation INTEGER NOT NULL,
  key_id TEXT NOT NULL,
  public_key BLOB NOT NULL CHECK (length(public_key) = 32),
  valid_from INTEGER,
  valid_until INTEGER,
  PRIMARY KEY (generation, key_id));

CREATE TABLE device_keys (
  generation INTEGER NOT NULL,
  key_id TEXT NOT NULL,
  member_id TEXT NOT NULL,
  public_key BLOB NOT NULL CHECK (length(public_key) = 32),
  revoked INTEGER NOT NULL,
  PRIMARY KEY (generation, key_id));

CREATE TABLE revoked_cards (
  generation INTEGER NOT NULL,
  card_id TEXT NOT NULL,
  PRIMARY KEY (generation, card_id));

CREATE TABLE campaign_usage (
  generation INTEGER NOT NULL,
  campaign_id TEXT NOT NULL,
  redemptions INTEGER NOT NULL,
  discount_total INTEGER NOT NULL,
  order_value_total INTEGER NOT NULL,
  PRIMARY KEY (generation, campaign_id));

CREATE TABLE used_vouchers (
  generation INTEGER NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY (generation, code));

CREATE TABLE disabled_campaigns (
  generation INTEGER NOT NULL,
  campaign_id TEXT NOT NULL,
  PRIMARY KEY (generation, campaign_id));

CREATE TABLE offline_allowances (
  generation INTEGER NOT NULL,
  member_id TEXT NOT NULL,
  points INTEGER NOT NULL,
  PRIMARY KEY (generation, member_id));

CREATE TABLE ledger_entries (
  sequence INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  terminal_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  sale_ref TEXT NOT NULL,
  member_id TEXT NOT NULL,
  wall_time_ms INTEGER NOT NULL,
  monotonic_ns INTEGER NOT NULL,
  bundle_hash TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL);
CREATE INDEX ledger_entries_by_member ON ledger_entries (member_id, sequence);
CREATE INDEX ledger_entries_by_sale ON ledger_entries (sale_ref, sequence);

CREATE TABLE ledger_commits (
  commit_key TEXT PRIMARY KEY,
  response TEXT NOT NULL,
  first_sequence INTEGER NOT NULL,
  last_sequence INTEGER NOT NULL,
  wall_time_ms INTEGER NOT NULL);

CREATE TABLE ledger_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  synced_through INTEGER NOT NULL,
  pruned_through INTEGER NOT NULL,
  anchor_hash TEXT NOT NULL);
INSERT INTO ledger_state (id, synced_through, pruned_through, anchor_hash)
  VALUES (1, 0, 0, '0000000000000000000000000000000000000000000000000000000000000000');
)sql";

// Version 2: codes of members' phone apps already accepted on this terminal (replay guard),
// and an index to prune commit records by age.
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE presented_codes (
  digest TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL);
CREATE INDEX presented_codes_by_expiry ON presented_codes (expires_at);
CREATE INDEX ledger_commits_by_time ON ledger_commits (wall_time_ms);
)sql";

constexpr std::array<std::string_view, 2> kMigrations = {kVersion1, kVersion2};
static_assert(kMigrations.size() == kSchemaVersion);

Result<Done> applyMigration(SqliteConnection& connection, std::int64_t toVersion) {
  if (auto begun = connection.exec("BEGIN IMMEDIATE"); !begun) return begun.error();
  // Re-read inside the write lock: another process may have migrated meanwhile.
  auto current = connection.queryInt("PRAGMA user_version");
  if (!current) {
    connection.rollbackQuietly();
    return current.error();
  }
  if (current.value() >= toVersion) {
    connection.rollbackQuietly();
    return Done{};
  }
  std::string script(kMigrations[static_cast<std::size_t>(toVersion - 1)]);
  script += "PRAGMA user_version = " + std::to_string(toVersion) + ";";
  if (toVersion == 1) script += "PRAGMA application_id = " + std::to_string(kApplicationId) + ";";
  if (auto done = connection.exec(script); !done) {
    connection.rollbackQuietly();
    return done.error();
  }
  if (auto committed = connection.exec("COMMIT"); !committed) {
    connection.rollbackQuietly();
    return committed.error();
  }
  return Done{};
}

}  // namespace

Result<std::int64_t> migrateSchema(SqliteConnection& connection) {
  auto found = connection.queryInt("PRAGMA user_version");
  if (!found) return found.error();
  auto applicationId = connection.queryInt("PRAGMA application_id");
  if (!applicationId) return applicationId.error();
  if (found.value() > kSchemaVersion) {
    return makeError(ErrorCode::rejected, "schema_too_new",
                     "the store database has schema version " + std::to_string(found.value()) +
                         ", written by a newer agent; this build understands up to version " +
                         std::to_string(kSchemaVersion) + " and never downgrades a database.");
  }
  if (found.value() == 0) {
    auto tables = connection.queryInt("SELECT count(*) FROM sqlite_schema");
    if (!tables) return tables.error();
    if (tables.value() > 0 || applicationId.value() != 0) {
      return makeError(ErrorCode::rejected, "not_a_store_file",
                       "the file is a SQLite database of another program, not a loyalty store.");
    }
  } else if (applicationId.value() != kApplicationId) {
    return makeError(ErrorCode::rejected, "not_a_store_file",
                     "the file is a SQLite database of another program, not a loyalty store.");
  }
  for (std::int64_t version = found.value() + 1; version <= kSchemaVersion; ++version) {
    if (auto applied = applyMigration(connection, version); !applied) return applied.error();
  }
  return found.value();
}

}  // namespace loyalty::store

// SqliteHqStore: opening, terminals and enrollment tokens, conflicts. The ledger half
// (ingest and reads) is in sqlite_hq_ledger.cpp.
#include "hq/store/sqlite_hq_store.h"

#include "hq/store/sqlite_database.h"
#include "hq/store/store_checks.h"

namespace loyalty::hq {
namespace {

constexpr const char* kTerminalColumns =
    "SELECT terminal_id, store_id, enabled, certificate_serial, registered_ms FROM terminals ";

TerminalRecord readTerminal(const Query& q) {
  return TerminalRecord{q.text(0), q.text(1), q.integer(2) != 0, q.text(3), q.integer(4)};
}

// Runs `body` in BEGIN IMMEDIATE ... COMMIT, rolling back on any Error.
template <typename T, typename Body>
Result<T> inTransaction(SqliteDatabase& db, Body&& body) {
  auto begin = db.exec("BEGIN IMMEDIATE");
  if (!begin) return begin.error();
  Result<T> result = body();
  if (!result) {
    db.rollbackQuietly();
    return result;
  }
  auto commit = db.exec("COMMIT");
  if (!commit) {
    db.rollbackQuietly();
    return commit.error();
  }
  return result;
}

Result<bool> terminalExists(SqliteDatabase& db, const std::string& terminalId) {
  auto q = db.query("SELECT 1 FROM terminals WHERE terminal_id = ?1");
  if (!q) return q.error();
  q->bind(1, terminalId);
  return q->step();
}

}  // namespace

SqliteHqStore::SqliteHqStore(std::unique_ptr<SqliteDatabase> db) : db_(std::move(db)) {}
SqliteHqStore::~SqliteHqStore() = default;

Result<std::unique_ptr<SqliteHqStore>> SqliteHqStore::open(const std::string& path) {
  auto db = SqliteDatabase::open(path);
  if (!db) return db.error();
  auto migrated = migrateSqliteHqSchema(*db.value());
  if (!migrated) return migrated.error();
  return std::unique_ptr<SqliteHqStore>(new SqliteHqStore(std::move(db).value()));
}

Result<Done> SqliteHqStore::registerTerminal(const std::string& terminalId, const std::string& storeId,
                                             std::int64_t nowMs) {
  if (auto ok = checkId(terminalId, "invalid_terminal_id", "terminal id"); !ok) return ok.error();
  if (auto ok = checkId(storeId, "invalid_store_id", "store id"); !ok) return ok.error();
  std::lock_guard lock(mutex_);
  auto q = db_->query(
      "INSERT INTO terminals (terminal_id, store_id, registered_ms, head_hash) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (terminal_id) DO NOTHING");
  if (!q) return q.error();
  q->bind(1, terminalId).bind(2, storeId).bind(3, nowMs).bind(4, codec::kGenesisHash);
  if (auto done = q->run(); !done) return done.error();
  if (db_->changes() == 0) {
    return makeError(ErrorCode::rejected, "terminal_exists", "terminal \"" + terminalId + "\" is already registered.");
  }
  return Done{};
}

Result<std::optional<TerminalRecord>> SqliteHqStore::terminal(const std::string& terminalId) const {
  std::lock_guard lock(mutex_);
  auto q = db_->query(std::string(kTerminalColumns) + "WHERE terminal_id = ?1");
  if (!q) return q.error();
  q->bind(1, terminalId);
  auto row = q->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<TerminalRecord>{};
  return std::optional<TerminalRecord>(readTerminal(q.value()));
}

Result<std::vector<TerminalRecord>> SqliteHqStore::terminals() const {
  std::lock_guard lock(mutex_);
  auto q = db_->query(std::string(kTerminalColumns) + "ORDER BY terminal_id");
  if (!q) return q.error();
  std::vector<TerminalRecord> out;
  for (;;) {
    auto row = q->step();
    if (!row) return row.error();
    if (!row.value()) return out;
    out.push_back(readTerminal(q.value()));
  }
}

Result<EnrollmentToken> SqliteHqStore::createEnrollmentToken(const std::string& terminalId, std::int64_t nowMs,
                                                             std::int64_t validForMs) {
  if (auto ok = checkValidity(validForMs); !ok) return ok.error();
  std::lock_guard lock(mutex_);
  auto exists = terminalExists(*db_, terminalId);
  if (!exists) return exists.error();
  if (!exists.value()) return unknownTerminal(terminalId);
  EnrollmentToken token{newEnrollmentToken(), nowMs + validForMs};
  auto q = db_->query(
      "INSERT INTO enrollment_tokens (token_sha256, terminal_id, created_ms, expires_ms) VALUES (?1, ?2, ?3, ?4)");
  if (!q) return q.error();
  q->bind(1, tokenDigest(token.token)).bind(2, terminalId).bind(3, nowMs).bind(4, token.expiresMs);
  if (auto done = q->run(); !done) return done.error();
  return token;
}

Result<std::string> SqliteHqStore::consumeEnrollmentToken(std::string_view token, std::int64_t nowMs) {
  const std::string digest = tokenDigest(token);
  std::lock_guard lock(mutex_);
  return inTransaction<std::string>(*db_, [&]() -> Result<std::string> {
    auto q = db_->query(
        "SELECT t.terminal_id, t.expires_ms, t.used_ms IS NOT NULL, r.enabled FROM enrollment_tokens t "
        "JOIN terminals r ON r.terminal_id = t.terminal_id WHERE t.token_sha256 = ?1");
    if (!q) return q.error();
    q->bind(1, digest);
    auto row = q->step();
    if (!row) return row.error();
    if (!row.value()) return makeError(ErrorCode::rejected, "unknown_token", "this enrollment token is not known.");
    const std::string terminalId = q->text(0);
    if (q->integer(2) != 0) {
      return makeError(ErrorCode::rejected, "token_used", "this enrollment token was already used; ask for a new one.");
    }
    if (nowMs >= q->integer(1)) {
      return makeError(ErrorCode::rejected, "token_expired", "this enrollment token has expired; ask for a new one.");
    }
    if (q->integer(3) == 0) return terminalDisabled(terminalId);
    auto use = db_->query("UPDATE enrollment_tokens SET used_ms = ?2 WHERE token_sha256 = ?1 AND used_ms IS NULL");
    if (!use) return use.error();
    use->bind(1, digest).bind(2, nowMs);
    if (auto done = use->run(); !done) return done.error();
    return terminalId;
  });
}

Result<Done> SqliteHqStore::setEnabled(const std::string& terminalId, bool enabled) {
  std::lock_guard lock(mutex_);
  auto q = db_->query("UPDATE terminals SET enabled = ?2 WHERE terminal_id = ?1");
  if (!q) return q.error();
  q->bind(1, terminalId).bind(2, std::int64_t{enabled ? 1 : 0});
  if (auto done = q->run(); !done) return done.error();
  if (db_->changes() == 0) return unknownTerminal(terminalId);
  return Done{};
}

Result<bool> SqliteHqStore::isEnabled(const std::string& terminalId) const {
  std::lock_guard lock(mutex_);
  auto q = db_->query("SELECT enabled FROM terminals WHERE terminal_id = ?1");
  if (!q) return q.error();
  q->bind(1, terminalId);
  auto row = q->step();
  if (!row) return row.error();
  if (!row.value()) return unknownTerminal(terminalId);
  return q->integer(0) != 0;
}

Result<Done> SqliteHqStore::setCertificateSerial(const std::string& terminalId, const std::string& serial) {
  if (auto ok = checkSerial(serial); !ok) return ok.error();
  std::lock_guard lock(mutex_);
  auto q = db_->query("UPDATE terminals SET certificate_serial = ?2 WHERE terminal_id = ?1");
  if (!q) return q.error();
  q->bind(1, terminalId).bind(2, serial);
  if (auto done = q->run(); !done) return done.error();
  if (db_->changes() == 0) return unknownTerminal(terminalId);
  return Done{};
}

Result<Done> SqliteHqStore::recordContact(const std::string& terminalId, std::int64_t nowMs) {
  std::lock_guard lock(mutex_);
  // Never moves back: two requests may finish out of order.
  auto q = db_->query(
      "UPDATE terminals SET last_contact_ms = max(coalesce(last_contact_ms, ?2), ?2) WHERE terminal_id = ?1");
  if (!q) return q.error();
  q->bind(1, terminalId).bind(2, nowMs);
  if (auto done = q->run(); !done) return done.error();
  if (db_->changes() == 0) return unknownTerminal(terminalId);
  return Done{};
}

Result<ConflictInsert> SqliteHqStore::recordConflict(const NewConflict& conflict, std::int64_t nowMs) {
  auto key = conflictKey(conflict);
  if (!key) return key.error();
  std::lock_guard lock(mutex_);
  return inTransaction<ConflictInsert>(*db_, [&]() -> Result<ConflictInsert> {
    auto insert = db_->query(
        "INSERT INTO conflicts (kind, entry_ids, member_id, detail, recorded_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (kind, entry_ids) DO NOTHING");
    if (!insert) return insert.error();
    insert->bind(1, toString(conflict.kind)).bind(2, key.value()).bind(3, conflict.memberId);
    insert->bind(4, conflict.detail).bind(5, nowMs);
    if (auto done = insert->run(); !done) return done.error();
    if (db_->changes() == 1) return ConflictInsert{db_->lastInsertId(), true};
    auto q = db_->query("SELECT id FROM conflicts WHERE kind = ?1 AND entry_ids = ?2");
    if (!q) return q.error();
    q->bind(1, toString(conflict.kind)).bind(2, key.value());
    auto row = q->step();
    if (!row) return row.error();
    return ConflictInsert{q->integer(0), false};
  });
}

Result<std::vector<Conflict>> SqliteHqStore::conflicts(std::int64_t afterId, std::size_t limit) const {
  std::lock_guard lock(mutex_);
  auto q = db_->query(
      "SELECT id, kind, entry_ids, member_id, detail, recorded_ms FROM conflicts WHERE id > ?1 ORDER BY id LIMIT ?2");
  if (!q) return q.error();
  q->bind(1, afterId).bind(2, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
  std::vector<Conflict> out;
  for (;;) {
    auto row = q->step();
    if (!row) return row.error();
    if (!row.value()) return out;
    out.push_back(Conflict{q->integer(0), conflictKindFromString(q->text(1)).value_or(ConflictKind::overdraft),
                           splitEntryIds(q->text(2)), q->text(3), q->text(4), q->integer(5)});
  }
}

}  // namespace loyalty::hq

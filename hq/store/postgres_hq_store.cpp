// PostgresHqStore: connecting, terminals and enrollment tokens, conflicts. The ledger
// half (ingest and reads) is in postgres_hq_ledger.cpp.
#include "hq/store/postgres_hq_store.h"

#include "hq/store/pg_connection.h"
#include "hq/store/pg_transaction.h"
#include "hq/store/store_checks.h"

namespace loyalty::hq {
namespace {

constexpr const char* kTerminalColumns =
    "SELECT terminal_id, store_id, enabled, certificate_serial, registered_ms FROM terminals ";

TerminalRecord readTerminal(const PgResult& r, int row) {
  return TerminalRecord{r.text(row, 0), r.text(row, 1), r.boolean(row, 2), r.text(row, 3), r.integer(row, 4)};
}

std::string num(std::int64_t value) { return std::to_string(value); }

}  // namespace

PostgresHqStore::PostgresHqStore(std::unique_ptr<PgConnection> db) : db_(std::move(db)) {}
PostgresHqStore::~PostgresHqStore() = default;

Result<std::unique_ptr<PostgresHqStore>> PostgresHqStore::open(const std::string& conninfo) {
  auto db = PgConnection::connect(conninfo);
  if (!db) return db.error();
  auto migrated = migratePostgresHqSchema(*db.value());
  if (!migrated) return migrated.error();
  return std::unique_ptr<PostgresHqStore>(new PostgresHqStore(std::move(db).value()));
}

Result<Done> PostgresHqStore::registerTerminal(const std::string& terminalId, const std::string& storeId,
                                               std::int64_t nowMs) {
  if (auto ok = checkId(terminalId, "invalid_terminal_id", "terminal id"); !ok) return ok.error();
  if (auto ok = checkId(storeId, "invalid_store_id", "store id"); !ok) return ok.error();
  std::lock_guard lock(mutex_);
  auto r = pgRun(*db_, "register_terminal",
                 "INSERT INTO terminals (terminal_id, store_id, registered_ms, head_hash) VALUES ($1, $2, $3, $4) "
                 "ON CONFLICT (terminal_id) DO NOTHING RETURNING 1",
                 {terminalId, storeId, num(nowMs), std::string(codec::kGenesisHash)});
  if (!r) return r.error();
  if (r->rows() == 0) {
    return makeError(ErrorCode::rejected, "terminal_exists", "terminal \"" + terminalId + "\" is already registered.");
  }
  return Done{};
}

Result<std::optional<TerminalRecord>> PostgresHqStore::terminal(const std::string& terminalId) const {
  std::lock_guard lock(mutex_);
  auto r = pgRun(*db_, "terminal", std::string(kTerminalColumns) + "WHERE terminal_id = $1", {terminalId});
  if (!r) return r.error();
  if (r->rows() == 0) return std::optional<TerminalRecord>{};
  return std::optional<TerminalRecord>(readTerminal(r.value(), 0));
}

Result<std::vector<TerminalRecord>> PostgresHqStore::terminals() const {
  std::lock_guard lock(mutex_);
  auto r = pgRun(*db_, "terminals", std::string(kTerminalColumns) + "ORDER BY terminal_id COLLATE \"C\"", {});
  if (!r) return r.error();
  std::vector<TerminalRecord> out;
  for (int i = 0; i < r->rows(); ++i) out.push_back(readTerminal(r.value(), i));
  return out;
}

Result<EnrollmentToken> PostgresHqStore::createEnrollmentToken(const std::string& terminalId, std::int64_t nowMs,
                                                               std::int64_t validForMs) {
  if (auto ok = checkValidity(validForMs); !ok) return ok.error();
  std::lock_guard lock(mutex_);
  EnrollmentToken token{newEnrollmentToken(), nowMs + validForMs};
  auto r = pgRun(*db_, "create_token",
                 "INSERT INTO enrollment_tokens (token_sha256, terminal_id, created_ms, expires_ms) "
                 "SELECT $1, terminal_id, $3, $4 FROM terminals WHERE terminal_id = $2 RETURNING 1",
                 {tokenDigest(token.token), terminalId, num(nowMs), num(token.expiresMs)});
  if (!r) return r.error();
  if (r->rows() == 0) return unknownTerminal(terminalId);
  return token;
}

Result<std::string> PostgresHqStore::consumeEnrollmentToken(std::string_view token, std::int64_t nowMs) {
  const std::string digest = tokenDigest(token);
  std::lock_guard lock(mutex_);
  return pgTransaction<std::string>(*db_, [&]() -> Result<std::string> {
    // FOR UPDATE: of two concurrent consumers the second waits and then sees used_ms.
    auto r = db_->execPrepared("token_lookup",
                               "SELECT t.terminal_id, t.expires_ms, t.used_ms IS NOT NULL, r.enabled "
                               "FROM enrollment_tokens t JOIN terminals r ON r.terminal_id = t.terminal_id "
                               "WHERE t.token_sha256 = $1 FOR UPDATE OF t",
                               {digest});
    if (!r) return r.error();
    if (r->rows() == 0) return makeError(ErrorCode::rejected, "unknown_token", "this enrollment token is not known.");
    const std::string terminalId = r->text(0, 0);
    if (r->boolean(0, 2)) {
      return makeError(ErrorCode::rejected, "token_used", "this enrollment token was already used; ask for a new one.");
    }
    if (nowMs >= r->integer(0, 1)) {
      return makeError(ErrorCode::rejected, "token_expired", "this enrollment token has expired; ask for a new one.");
    }
    if (!r->boolean(0, 3)) return terminalDisabled(terminalId);
    auto use = db_->execPrepared("token_use", "UPDATE enrollment_tokens SET used_ms = $2 WHERE token_sha256 = $1",
                                 {digest, num(nowMs)});
    if (!use) return use.error();
    return terminalId;
  });
}

Result<Done> PostgresHqStore::setEnabled(const std::string& terminalId, bool enabled) {
  std::lock_guard lock(mutex_);
  auto r = pgRun(*db_, "set_enabled", "UPDATE terminals SET enabled = $2 WHERE terminal_id = $1 RETURNING 1",
                 {terminalId, std::string(enabled ? "true" : "false")});
  if (!r) return r.error();
  if (r->rows() == 0) return unknownTerminal(terminalId);
  return Done{};
}

Result<bool> PostgresHqStore::isEnabled(const std::string& terminalId) const {
  std::lock_guard lock(mutex_);
  auto r = pgRun(*db_, "is_enabled", "SELECT enabled FROM terminals WHERE terminal_id = $1", {terminalId});
  if (!r) return r.error();
  if (r->rows() == 0) return unknownTerminal(terminalId);
  return r->boolean(0, 0);
}

Result<Done> PostgresHqStore::setCertificateSerial(const std::string& terminalId, const std::string& serial) {
  if (auto ok = checkSerial(serial); !ok) return ok.error();
  std::lock_guard lock(mutex_);
  auto r = pgRun(*db_, "set_serial", "UPDATE terminals SET certificate_serial = $2 WHERE terminal_id = $1 RETURNING 1",
                 {terminalId, serial});
  if (!r) return r.error();
  if (r->rows() == 0) return unknownTerminal(terminalId);
  return Done{};
}

Result<Done> PostgresHqStore::recordContact(const std::string& terminalId, std::int64_t nowMs) {
  std::lock_guard lock(mutex_);
  auto r = pgRun(*db_, "record_contact",
                 "UPDATE terminals SET last_contact_ms = greatest(coalesce(last_contact_ms, $2), $2) "
                 "WHERE terminal_id = $1 RETURNING 1",
                 {terminalId, num(nowMs)});
  if (!r) return r.error();
  if (r->rows() == 0) return unknownTerminal(terminalId);
  return Done{};
}

Result<ConflictInsert> PostgresHqStore::recordConflict(const NewConflict& conflict, std::int64_t nowMs) {
  auto key = conflictKey(conflict);
  if (!key) return key.error();
  const std::string kind(toString(conflict.kind));
  std::lock_guard lock(mutex_);
  return pgTransaction<ConflictInsert>(*db_, [&]() -> Result<ConflictInsert> {
    auto r = db_->execPrepared("conflict_insert",
                               "INSERT INTO conflicts (kind, entry_ids, member_id, detail, recorded_ms) "
                               "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (kind, entry_ids) DO NOTHING RETURNING id",
                               {kind, key.value(), conflict.memberId, conflict.detail, num(nowMs)});
    if (!r) return r.error();
    if (r->rows() == 1) return ConflictInsert{r->integer(0, 0), true};
    auto found = db_->execPrepared("conflict_find", "SELECT id FROM conflicts WHERE kind = $1 AND entry_ids = $2",
                                   {kind, key.value()});
    if (!found) return found.error();
    if (found->rows() == 0) {  // inserted by a transaction that is not visible yet: run again
      return makeError(ErrorCode::io_error, "sqlstate_40001", "a concurrent conflict insert is in flight.");
    }
    return ConflictInsert{found->integer(0, 0), false};
  });
}

Result<std::vector<Conflict>> PostgresHqStore::conflicts(std::int64_t afterId, std::size_t limit) const {
  std::lock_guard lock(mutex_);
  auto r = pgRun(*db_, "conflicts",
                 "SELECT id, kind, entry_ids, member_id, detail, recorded_ms FROM conflicts WHERE id > $1 "
                 "ORDER BY id LIMIT $2",
                 {num(afterId), num(static_cast<std::int64_t>(std::min<std::size_t>(limit, 1u << 30)))});
  if (!r) return r.error();
  std::vector<Conflict> out;
  for (int i = 0; i < r->rows(); ++i) {
    out.push_back(Conflict{r->integer(i, 0), conflictKindFromString(r->text(i, 1)).value_or(ConflictKind::overdraft),
                           splitEntryIds(r->text(i, 2)), r->text(i, 3), r->text(i, 4), r->integer(i, 5)});
  }
  return out;
}

}  // namespace loyalty::hq

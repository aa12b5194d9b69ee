#include "store/sqlite_connection.h"

#include <sqlite3.h>

namespace loyalty::store {
namespace {

const char* reasonOf(int resultCode) noexcept {
  switch (resultCode & 0xff) {
    case SQLITE_FULL: return "disk_full";
    case SQLITE_IOERR: return "io_failure";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "store_busy";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return "store_corrupt";
    case SQLITE_CONSTRAINT: return "constraint_violation";
    case SQLITE_READONLY: return "read_only";
    case SQLITE_CANTOPEN: return "cannot_open";
    default: return "store_error";
  }
}

}  // namespace

Error sqliteError(sqlite3* db, int resultCode, std::string_view what) {
  std::string message(what);
  message += " failed: ";
  // sqlite3_errmsg describes the connection's most recent error, which is this one.
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(resultCode);
  message += " (SQLite code " + std::to_string(resultCode) + ").";
  return makeError(ErrorCode::io_error, reasonOf(resultCode), std::move(message));
}

Statement::~Statement() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  // SQLITE_TRANSIENT: SQLite copies, so callers may pass temporaries.
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bindBlob(int index, std::span<const std::uint8_t> bytes) {
  sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqliteError(db_, rc, std::string("statement \"") + sqlite3_sql(stmt_) + "\"");
}

Result<Done> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!row.value()) return Done{};
  }
}

std::int64_t Statement::columnInt(int column) const noexcept { return sqlite3_column_int64(stmt_, column); }

std::string Statement::columnText(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::span<const std::uint8_t> Statement::columnBlob(int column) const noexcept {
  const void* data = sqlite3_column_blob(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (data == nullptr || size <= 0) return {};
  return {static_cast<const std::uint8_t*>(data), static_cast<std::size_t>(size)};
}

bool Statement::columnIsNull(int column) const noexcept {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path, OpenMode mode,
                                                                 bool create, const std::string& vfs) {
  // NOMUTEX: a connection is never shared between threads at the same time (the store's
  // writer mutex and reader pool guarantee it), so SQLite's own mutex would be pure cost.
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (mode == OpenMode::readOnly) {
    flags |= SQLITE_OPEN_READONLY;
  } else {
    flags |= SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, vfs.empty() ? nullptr : vfs.c_str());
  if (rc != SQLITE_OK) {
    Error error = sqliteError(db, rc, "opening the store database \"" + path + "\"");
    sqlite3_close_v2(db);
    return error;
  }
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<SqliteConnection>(new SqliteConnection(db));
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  // A transaction left open by a failure is rolled back by the close itself.
  sqlite3_close_v2(db_);
}

Result<Done> SqliteConnection::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);  // sqlite3_errmsg below still holds the same text
  if (rc != SQLITE_OK) return sqliteError(db_, rc, "\"" + text + "\"");
  return Done{};
}

Result<Statement> SqliteConnection::prepare(std::string_view sql) {
  auto found = cache_.find(sql);
  if (found == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, nullptr);
    if (rc != SQLITE_OK) return sqliteError(db_, rc, "preparing \"" + std::string(sql) + "\"");
    found = cache_.emplace(std::string(sql), stmt).first;
  }
  return Statement(db_, found->second);
}

Result<std::int64_t> SqliteConnection::queryInt(std::string_view sql) {
  auto statement = prepare(sql);
  if (!statement) return statement.error();
  auto row = statement->step();
  if (!row) return row.error();
  return row.value() ? statement->columnInt(0) : 0;
}

bool SqliteConnection::inTransaction() const noexcept { return sqlite3_get_autocommit(db_) == 0; }

void SqliteConnection::rollbackQuietly() noexcept {
  if (inTransaction()) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

std::int64_t SqliteConnection::changes() const noexcept { return sqlite3_changes64(db_); }

}  // namespace loyalty::store

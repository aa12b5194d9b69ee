#include "hq/store/sqlite_database.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <sqlite3.h>

namespace loyalty::hq {

Error sqliteFailure(sqlite3* db, int code, std::string_view what) {
  const int primary = code & 0xff;
  const bool busy = primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
  std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  return makeError(ErrorCode::io_error, busy ? "store_busy" : "store_failed",
                   "HQ's SQLite store failed to " + std::string(what) + ": " + detail + ".");
}

Query::~Query() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Query& Query::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Query& Query::bind(int index, std::string_view text) {
  // Sizes are bounded by the wire caps long before int overflows.
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Query& Query::bindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Query::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqliteFailure(db_, rc, "run a statement");
}

Result<Done> Query::run() {
  for (;;) {
    auto row = step();
    if (!row || !row.value()) {
      reset();
      if (!row) return row.error();
      return Done{};
    }
  }
}

void Query::reset() noexcept {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Query::integer(int column) const noexcept { return sqlite3_column_int64(stmt_, column); }

std::string Query::text(int column) const {
  const auto* bytes = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (!bytes) return {};
  return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

bool Query::isNull(int column) const noexcept { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const std::string& path) {
  // Create the file 0600 before SQLite does (its -wal and -shm files copy this mode).
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return makeError(ErrorCode::io_error, "store_failed",
                     "cannot open HQ's database " + path + ": " + std::strerror(errno) + ".");
  }
  ::close(fd);
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(raw));
  if (rc != SQLITE_OK) return sqliteFailure(raw, rc, "open " + path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
    auto done = db->exec(pragma);
    if (!done) return done.error();
  }
  return db;
}

SqliteDatabase::~SqliteDatabase() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Result<Done> SqliteDatabase::exec(std::string_view sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK) return sqliteFailure(db_, rc, "run " + std::string(sql.substr(0, 40)));
  return Done{};
}

Result<Query> SqliteDatabase::query(std::string_view sql) {
  auto found = cache_.find(std::string(sql));
  if (found == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, nullptr);
    if (rc != SQLITE_OK) return sqliteFailure(db_, rc, "prepare a statement");
    found = cache_.emplace(std::string(sql), stmt).first;
  }
  return Query(db_, found->second);
}

std::int64_t SqliteDatabase::changes() const noexcept { return sqlite3_changes64(db_); }

std::int64_t SqliteDatabase::lastInsertId() const noexcept { return sqlite3_last_insert_rowid(db_); }

void SqliteDatabase::rollbackQuietly() noexcept {
  if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

}  // namespace loyalty::hq

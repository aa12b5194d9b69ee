// A small RAII wrapper of one SQLite connection for HQ's store: cached prepared
// statements and errors as values. (The terminal has its own in agent/store; HQ does not
// depend on agent/.)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/result.h"
#include "hq/store/hq_store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace loyalty::hq {

// A cached statement, reset and cleared when the Query goes out of scope.
class Query {
 public:
  Query(sqlite3* db, sqlite3_stmt* stmt) noexcept : db_(db), stmt_(stmt) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Query(Query&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Query& operator=(Query&&) = delete;
  ~Query();

  Query& bind(int index, std::int64_t value);
  Query& bind(int index, std::string_view text);
  Query& bindNull(int index);
  // true: a row is ready; false: done. Errors: io_error "store_busy" / "store_failed".
  [[nodiscard]] Result<bool> step();
  [[nodiscard]] Result<Done> run();  // steps to the end, then resets for the next bindings
  void reset() noexcept;              // ready for new bindings (a loop reusing the statement)
  [[nodiscard]] std::int64_t integer(int column) const noexcept;
  [[nodiscard]] std::string text(int column) const;
  [[nodiscard]] bool isNull(int column) const noexcept;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class SqliteDatabase {
 public:
  // Opens (creating it 0600 when absent) with WAL, synchronous=FULL, foreign keys and a
  // busy timeout. Errors: io_error "store_failed".
  [[nodiscard]] static Result<std::unique_ptr<SqliteDatabase>> open(const std::string& path);
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;
  ~SqliteDatabase();

  [[nodiscard]] Result<Done> exec(std::string_view sql);
  [[nodiscard]] Result<Query> query(std::string_view sql);
  [[nodiscard]] std::int64_t changes() const noexcept;
  [[nodiscard]] std::int64_t lastInsertId() const noexcept;
  void rollbackQuietly() noexcept;

 private:
  explicit SqliteDatabase(sqlite3* db) noexcept : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

[[nodiscard]] Error sqliteFailure(sqlite3* db, int code, std::string_view what);

}  // namespace loyalty::hq

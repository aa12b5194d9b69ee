// A thin RAII layer over one SQLite connection: prepared statements cached per connection
// (lookups on the quote path never re-parse SQL), and every SQLite failure turned into a
// loyalty::Error with a reason code. One connection is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace loyalty::store {

// The value of a Result that carries nothing but success.
struct Done {};

// A cached statement borrowed from its connection: bind, step, read columns. Reset (and
// its bindings cleared) when the borrow ends, so the next user starts clean.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) noexcept : db_(db), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQL (?1, ?2...).
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bindBlob(int index, std::span<const std::uint8_t> bytes);
  Statement& bindNull(int index);

  // A row is ready (true), or the statement is done (false), or an Error.
  [[nodiscard]] Result<bool> step();
  // Steps a statement that returns no row (INSERT, UPDATE, DELETE).
  [[nodiscard]] Result<Done> run();

  // Columns are 0-based, as in SQLite's C interface.
  [[nodiscard]] std::int64_t columnInt(int column) const noexcept;
  [[nodiscard]] std::string columnText(int column) const;
  [[nodiscard]] std::span<const std::uint8_t> columnBlob(int column) const noexcept;
  [[nodiscard]] bool columnIsNull(int column) const noexcept;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

enum class OpenMode { readWrite, readOnly };

class SqliteConnection {
 public:
  // Opens (readWrite: creating when `create`) the database file. `vfs` empty = SQLite's
  // default; tests name a fault-injecting one.
  [[nodiscard]] static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, OpenMode mode,
                                                                      bool create, const std::string& vfs);
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection();

  // Runs one or more statements that return nothing of interest (DDL, PRAGMA, BEGIN...).
  [[nodiscard]] Result<Done> exec(std::string_view sql);
  // Borrows the cached statement for `sql`, preparing it on first use.
  [[nodiscard]] Result<Statement> prepare(std::string_view sql);
  // The single integer of a query such as "PRAGMA user_version".
  [[nodiscard]] Result<std::int64_t> queryInt(std::string_view sql);

  [[nodiscard]] bool inTransaction() const noexcept;
  // Rolls back an open transaction; used after a failure, so it never reports one.
  void rollbackQuietly() noexcept;
  [[nodiscard]] std::int64_t changes() const noexcept;
  [[nodiscard]] sqlite3* handle() const noexcept { return db_; }

 private:
  explicit SqliteConnection(sqlite3* db) noexcept : db_(db) {}

  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
  };

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache_;
};

// The Error for a failed SQLite call: reason by result code ("disk_full", "io_failure",
// "store_busy", "store_corrupt", "constraint_violation", "read_only", "cannot_open",
// "store_error"), message naming `what` and SQLite's own text.
[[nodiscard]] Error sqliteError(sqlite3* db, int resultCode, std::string_view what);

}  // namespace loyalty::store

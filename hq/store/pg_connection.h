// One libpq connection for HQ's PostgreSQL store: named prepared statements (prepared
// lazily, again after a reconnect), results as RAII values, errors as values with the
// SQLSTATE kept so the store can retry what PostgreSQL says is retryable.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/result.h"
#include "hq/store/hq_store.h"

struct pg_conn;
struct pg_result;

namespace loyalty::hq {

class PgResult {
 public:
  explicit PgResult(pg_result* result) noexcept : result_(result) {}
  PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PgResult& operator=(PgResult&&) = delete;
  ~PgResult();

  [[nodiscard]] int rows() const noexcept;
  [[nodiscard]] bool isNull(int row, int column) const noexcept;
  [[nodiscard]] std::string text(int row, int column) const;
  [[nodiscard]] std::int64_t integer(int row, int column) const noexcept;  // 0 for NULL or non-numbers
  [[nodiscard]] bool boolean(int row, int column) const noexcept;          // 't'

 private:
  pg_result* result_;
};

// A statement parameter: text, or NULL.
using PgParam = std::optional<std::string>;

// The SQLSTATE of a failed statement travels in Error::reason as "sqlstate_<code>" only
// inside the store (isRetryable); callers of HqStore see "store_failed" / "store_busy".
class PgConnection {
 public:
  // Errors: io_error "store_failed" (cannot connect).
  [[nodiscard]] static Result<std::unique_ptr<PgConnection>> connect(const std::string& conninfo);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection();

  // Reconnects when the server went away since the last call.
  [[nodiscard]] Result<Done> ensureConnected();
  [[nodiscard]] Result<PgResult> exec(std::string_view sql);
  // Prepares `sql` under `name` on first use on this session.
  [[nodiscard]] Result<PgResult> execPrepared(const std::string& name, std::string_view sql,
                                              const std::vector<PgParam>& params);
  void rollbackQuietly() noexcept;

 private:
  explicit PgConnection(pg_conn* conn) noexcept : conn_(conn) {}
  [[nodiscard]] Result<PgResult> check(pg_result* result, std::string_view what);

  pg_conn* conn_;
  std::unordered_set<std::string> prepared_;
};

// Serialization failure, deadlock, unique violation (two terminals racing on one id):
// the whole transaction may be run again.
[[nodiscard]] bool isRetryable(const Error& error) noexcept;
// The Error a caller of HqStore sees for a database failure (hides the SQLSTATE reason).
[[nodiscard]] Error publicError(Error error);

// A PostgreSQL array literal ({"a","b"}) of texts or integers, for unnest($1::text[]).
[[nodiscard]] std::string pgTextArray(const std::vector<std::string_view>& items);
[[nodiscard]] std::string pgIntArray(const std::vector<std::int64_t>& items);

}  // namespace loyalty::hq

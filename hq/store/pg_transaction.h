// Runs a body in a PostgreSQL transaction, again (up to kAttempts) when PostgreSQL reports
// a retryable failure, and maps database failures to HqStore's public reasons.
#pragma once

#include "hq/store/pg_connection.h"

namespace loyalty::hq {

inline constexpr int kPgAttempts = 5;

template <typename T, typename Body>
[[nodiscard]] Result<T> pgTransaction(PgConnection& db, Body&& body) {
  for (int attempt = 1;; ++attempt) {
    if (auto connected = db.ensureConnected(); !connected) return publicError(connected.error());
    auto begin = db.exec("BEGIN");
    if (!begin) return publicError(begin.error());
    Result<T> result = body();
    if (result) {
      auto commit = db.exec("COMMIT");
      if (commit) return result;
      result = commit.error();
    }
    db.rollbackQuietly();
    if (attempt >= kPgAttempts || !isRetryable(result.error())) return publicError(result.error());
  }
}

// One statement outside a transaction (autocommit).
[[nodiscard]] inline Result<PgResult> pgRun(PgConnection& db, const std::string& name, std::string_view sql,
                                            const std::vector<PgParam>& params) {
  if (auto connected = db.ensureConnected(); !connected) return publicError(connected.error());
  auto result = db.execPrepared(name, sql, params);
  if (!result) return publicError(result.error());
  return result;
}

}  // namespace loyalty::hq

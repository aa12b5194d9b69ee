#include "hq/store/pg_connection.h"

#include <charconv>
#include <cstring>

#include <libpq-fe.h>

namespace loyalty::hq {
namespace {

Error failure(pg_conn* conn, pg_result* result, std::string_view what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  std::string reason = state ? "sqlstate_" + std::string(state) : "store_failed";
  return makeError(ErrorCode::io_error, std::move(reason),
                   "HQ's PostgreSQL store failed to " + std::string(what) + ": " + message + ".");
}

}  // namespace

PgResult::~PgResult() {
  if (result_) PQclear(result_);
}

int PgResult::rows() const noexcept { return result_ ? PQntuples(result_) : 0; }

bool PgResult::isNull(int row, int column) const noexcept { return PQgetisnull(result_, row, column) == 1; }

std::string PgResult::text(int row, int column) const {
  const char* value = PQgetvalue(result_, row, column);
  return std::string(value, static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::int64_t PgResult::integer(int row, int column) const noexcept {
  const char* value = PQgetvalue(result_, row, column);
  std::int64_t out = 0;
  std::from_chars(value, value + std::strlen(value), out);
  return out;
}

bool PgResult::boolean(int row, int column) const noexcept { return PQgetvalue(result_, row, column)[0] == 't'; }

Result<std::unique_ptr<PgConnection>> PgConnection::connect(const std::string& conninfo) {
  pg_conn* conn = PQconnectdb(conninfo.c_str());
  std::unique_ptr<PgConnection> connection(new PgConnection(conn));
  if (!conn || PQstatus(conn) != CONNECTION_OK) return failure(conn, nullptr, "connect");
  // Quiet the notices (e.g. "relation already exists, skipping") on stderr.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  return connection;
}

PgConnection::~PgConnection() {
  if (conn_) PQfinish(conn_);
}

Result<Done> PgConnection::ensureConnected() {
  if (PQstatus(conn_) == CONNECTION_OK) return Done{};
  PQreset(conn_);
  prepared_.clear();
  if (PQstatus(conn_) != CONNECTION_OK) return failure(conn_, nullptr, "reconnect");
  return Done{};
}

Result<PgResult> PgConnection::check(pg_result* result, std::string_view what) {
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return PgResult(result);
  Error error = failure(conn_, result, what);
  if (result) PQclear(result);
  return error;
}

Result<PgResult> PgConnection::exec(std::string_view sql) {
  return check(PQexec(conn_, std::string(sql).c_str()), "run " + std::string(sql.substr(0, 40)));
}

Result<PgResult> PgConnection::execPrepared(const std::string& name, std::string_view sql,
                                            const std::vector<PgParam>& params) {
  if (prepared_.count(name) == 0) {
    auto prepared = check(PQprepare(conn_, name.c_str(), std::string(sql).c_str(), 0, nullptr), "prepare " + name);
    if (!prepared) return prepared.error();
    prepared_.insert(name);
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const PgParam& param : params) values.push_back(param ? param->c_str() : nullptr);
  return check(PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0),
               "run " + name);
}

void PgConnection::rollbackQuietly() noexcept {
  if (PQtransactionStatus(conn_) != PQTRANS_IDLE) PQclear(PQexec(conn_, "ROLLBACK"));
}

bool isRetryable(const Error& error) noexcept {
  return error.reason == "sqlstate_40001" || error.reason == "sqlstate_40P01" || error.reason == "sqlstate_23505";
}

Error publicError(Error error) {
  if (error.reason.rfind("sqlstate_", 0) == 0) {
    const bool busy = error.reason == "sqlstate_40001" || error.reason == "sqlstate_40P01" ||
                      error.reason == "sqlstate_55P03" || error.reason == "sqlstate_57014";
    error.reason = busy ? "store_busy" : "store_failed";
  }
  return error;
}

std::string pgTextArray(const std::vector<std::string_view>& items) {
  std::size_t size = 2;
  for (const std::string_view item : items) size += item.size() + 3;
  std::string out;
  out.reserve(size + size / 16);
  out += '{';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (const char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string pgIntArray(const std::vector<std::int64_t>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(items[i]);
  }
  out += '}';
  return out;
}

}  // namespace loyalty::hq

// A throwaway PostgreSQL server for tests and benchmarks: initdb into a fresh directory
// under /tmp, pg_ctl start on 127.0.0.1 at a free port with its unix socket in that
// directory, pg_ctl stop and removal when the object goes. Run as root (CI), the server
// runs as the `postgres` system user through runuser (PostgreSQL refuses to run as root).
#pragma once

#include <memory>
#include <string>

#include "engine/result.h"

namespace loyalty::testing {

struct PostgresOptions {
  // false: fsync and synchronous_commit off, for quick tests. Benchmarks keep it true.
  bool durable = false;
};

class PostgresServer {
 public:
  // Errors: io_error "postgres_unavailable" (no binaries, initdb or start failed; the
  // message says why, with the server log's tail).
  [[nodiscard]] static Result<std::unique_ptr<PostgresServer>> start(PostgresOptions options = {});
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;
  ~PostgresServer();  // pg_ctl stop -m fast, then removes the directory

  // A libpq conninfo for `database` over TCP on loopback, user postgres.
  [[nodiscard]] std::string conninfo(const std::string& database = "postgres") const;
  // CREATE DATABASE `name` (letters, digits, '_'). Errors: io_error "postgres_failed".
  [[nodiscard]] Result<std::string> createDatabase(const std::string& name) const;
  [[nodiscard]] int port() const noexcept { return port_; }
  [[nodiscard]] const std::string& directory() const noexcept { return directory_; }

 private:
  PostgresServer(std::string directory, int port) : directory_(std::move(directory)), port_(port) {}
  std::string directory_;
  int port_;
};

// Whether tests must fail (not skip) when no server can start: LOYALTY_REQUIRE_POSTGRES=1.
[[nodiscard]] bool postgresRequired() noexcept;

// One server per test process, started on first use; nullptr with `reason` set when it
// cannot start. Stopped at exit.
[[nodiscard]] PostgresServer* sharedPostgresServer(std::string& reason);

}  // namespace loyalty::testing

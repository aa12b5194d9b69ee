// The two HqStore implementations as Catch2 template parameters, so every case of the
// suite runs against both: SQLite in a fresh temporary file, PostgreSQL in a fresh
// database of the test process's throwaway server (tests/support/postgres_server.h).
// Without a server the PostgreSQL cases are skipped with a printed reason, or FAIL when
// LOYALTY_REQUIRE_POSTGRES=1 (CI).
#pragma once

#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "hq/store/postgres_hq_store.h"
#include "hq/store/sqlite_hq_store.h"
#include "postgres_server.h"

namespace loyalty::hq::test {

inline std::string uniqueSuffix() {
  static std::atomic<int> counter{0};
  return std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

struct SqliteBackend {
  SqliteBackend() {
    dir = std::filesystem::temp_directory_path() / ("loyalty-hqstore-" + uniqueSuffix());
    std::filesystem::create_directories(dir);
  }
  ~SqliteBackend() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  SqliteBackend(const SqliteBackend&) = delete;
  SqliteBackend& operator=(const SqliteBackend&) = delete;

  bool available() { return true; }
  std::unique_ptr<HqStore> open() {
    auto store = SqliteHqStore::open((dir / "hq.db").string());
    INFO((store ? std::string() : store.error().message));
    REQUIRE(store.ok());
    return std::move(store).value();
  }

  std::filesystem::path dir;
};

struct PostgresBackend {
  bool available() {
    std::string reason;
    testing::PostgresServer* server = testing::sharedPostgresServer(reason);
    if (server == nullptr) {
      if (testing::postgresRequired()) FAIL("PostgreSQL is required (LOYALTY_REQUIRE_POSTGRES=1): " + reason);
      WARN("PostgreSQL case skipped: " + reason);
      return false;
    }
    auto created = server->createDatabase("hq_test_" + uniqueSuffix());
    INFO((created ? std::string() : created.error().message));
    REQUIRE(created.ok());
    conninfo = created.value();
    return true;
  }
  std::unique_ptr<HqStore> open() {
    auto store = PostgresHqStore::open(conninfo);
    INFO((store ? std::string() : store.error().message));
    REQUIRE(store.ok());
    return std::move(store).value();
  }

  std::string conninfo;
};

}  // namespace loyalty::hq::test

// Shared helpers of the store tests: a scratch directory per test, opening a store on it,
// a minimal valid snapshot meta, and raw SQL on the database file (for tampering).
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "store/store_database.h"
#include "store/snapshot_records.h"

namespace loyalty::store::test {

// A fresh directory under the build tree, removed when the test ends.
class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::path(LOYALTY_BINARY_DIR) / "store_test_files" /
            (std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline std::unique_ptr<StoreDatabase> openStore(const std::string& path, const std::string& terminal = "till-1",
                                                StoreOptions options = {}) {
  options.path = path;
  options.terminalId = terminal;
  auto opened = StoreDatabase::open(options);
  if (!opened) throw std::runtime_error("open failed: " + opened.error().reason + ": " + opened.error().message);
  return std::move(opened).value();
}

inline SnapshotMeta sampleMeta(std::int64_t version, std::int64_t ledgerIncluded = 0) {
  SnapshotMeta meta;
  meta.version = version;
  meta.storeId = "berlin-01";
  meta.createdAt = 1'780'000'000 + version;
  meta.bundleText = R"({"format":1,"version":)" + std::to_string(version) + "}";
  meta.bundleHash = std::string(63, 'a') + static_cast<char>('0' + version % 10);
  meta.bundleVersion = version;
  meta.ledgerIncludedThrough = ledgerIncluded;
  return meta;
}

// A plain connection of its own to the database file, for SQL the store would never run.
class RawDatabase {
 public:
  explicit RawDatabase(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
      throw std::runtime_error("cannot open " + path);
    }
    sqlite3_busy_timeout(db_, 5000);
  }
  RawDatabase(const RawDatabase&) = delete;
  RawDatabase& operator=(const RawDatabase&) = delete;
  ~RawDatabase() { sqlite3_close_v2(db_); }

  void exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message != nullptr ? message : "?";
      sqlite3_free(message);
      throw std::runtime_error("SQL failed: " + text + ": " + sql);
    }
  }

  std::int64_t queryInt(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("prepare failed: ") + sqlite3_errmsg(db_));
    }
    std::int64_t value = 0;
    if (sqlite3_step(stmt) == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace loyalty::store::test

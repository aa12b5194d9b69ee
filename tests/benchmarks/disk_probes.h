// What durability costs on this disk without the agent, measured in the same directory as
// the agent's database and interleaved with its commits: the raw floor (one 4 KiB write
// and one fdatasync, which is what SQLite issues for a WAL commit on Linux) and SQLite
// alone (one small INSERT per transaction, WAL, synchronous=FULL).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/result.h"

struct sqlite3;

namespace loyalty::bench {

class FsyncProbe {
 public:
  // Creates (0600) and preallocates `directory`/fsync-probe.bin. Errors: io_error "probe_failed".
  [[nodiscard]] static Result<std::unique_ptr<FsyncProbe>> open(const std::string& directory);
  FsyncProbe(const FsyncProbe&) = delete;
  FsyncProbe& operator=(const FsyncProbe&) = delete;
  ~FsyncProbe();

  // Overwrites the next 4 KiB block of the file (as a reused WAL is written) and
  // fdatasyncs it; returns the nanoseconds both took.
  [[nodiscard]] Result<std::int64_t> syncOnce();

 private:
  FsyncProbe(int fd, std::string path) noexcept : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
  std::int64_t next_ = 0;
  std::vector<char> block_ = std::vector<char>(4096, 'x');
};

class SqliteProbe {
 public:
  // A fresh database `directory`/sqlite-probe.db in WAL mode with synchronous=FULL.
  // Errors: io_error "probe_failed".
  [[nodiscard]] static Result<std::unique_ptr<SqliteProbe>> open(const std::string& directory);
  SqliteProbe(const SqliteProbe&) = delete;
  SqliteProbe& operator=(const SqliteProbe&) = delete;
  ~SqliteProbe();

  // One transaction inserting one ~1 KiB row (about a ledger entry's size); nanoseconds.
  [[nodiscard]] Result<std::int64_t> commitOnce();

 private:
  explicit SqliteProbe(sqlite3* db) noexcept : db_(db) {}
  sqlite3* db_;
  std::int64_t rows_ = 0;
};

}  // namespace loyalty::bench

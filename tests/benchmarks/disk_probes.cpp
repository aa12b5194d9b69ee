#include "disk_probes.h"

#include <fcntl.h>
#include <unistd.h>

#include <sqlite3.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

namespace loyalty::bench {
namespace {

constexpr std::int64_t kBlock = 4096;
constexpr std::int64_t kProbeFileBytes = 4 * 1024 * 1024;  // about a WAL between checkpoints

Error probeFailed(const std::string& what) {
  return makeError(ErrorCode::io_error, "probe_failed", what);
}

std::int64_t nanosSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Result<std::unique_ptr<FsyncProbe>> FsyncProbe::open(const std::string& directory) {
  const std::string path = directory + "/fsync-probe.bin";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return probeFailed("cannot create " + path + ": " + std::strerror(errno));
  std::unique_ptr<FsyncProbe> probe(new FsyncProbe(fd, path));
  // Written and synced once up front, so the timed writes overwrite allocated blocks and
  // an fdatasync needs no metadata (size, extents) journalled: the floor, not file growth.
  for (std::int64_t offset = 0; offset < kProbeFileBytes; offset += kBlock) {
    if (::pwrite(fd, probe->block_.data(), kBlock, offset) != kBlock) {
      return probeFailed("cannot write " + path + ": " + std::strerror(errno));
    }
  }
  if (::fsync(fd) != 0) return probeFailed("cannot fsync " + path + ": " + std::strerror(errno));
  return probe;
}

FsyncProbe::~FsyncProbe() {
  ::close(fd_);
  ::unlink(path_.c_str());
}

Result<std::int64_t> FsyncProbe::syncOnce() {
  block_[static_cast<std::size_t>(next_ % kBlock)]++;  // different bytes every time
  const auto start = std::chrono::steady_clock::now();
  if (::pwrite(fd_, block_.data(), kBlock, next_) != kBlock) {
    return probeFailed(std::string("probe write failed: ") + std::strerror(errno));
  }
  if (::fdatasync(fd_) != 0) return probeFailed(std::string("probe fdatasync failed: ") + std::strerror(errno));
  const std::int64_t nanos = nanosSince(start);
  next_ = (next_ + kBlock) % kProbeFileBytes;
  return nanos;
}

Result<std::unique_ptr<SqliteProbe>> SqliteProbe::open(const std::string& directory) {
  const std::string path = directory + "/sqlite-probe.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  const int created = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);  // SQLite keeps the mode
  if (created >= 0) ::close(created);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return probeFailed("cannot open " + path + ": " + message);
  }
  std::unique_ptr<SqliteProbe> probe(new SqliteProbe(db));
  const char* setup =
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
      "CREATE TABLE entries (sequence INTEGER PRIMARY KEY, payload BLOB NOT NULL);";
  if (sqlite3_exec(db, setup, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return probeFailed(std::string("cannot set up the SQLite probe: ") + sqlite3_errmsg(db));
  }
  return probe;
}

SqliteProbe::~SqliteProbe() { sqlite3_close_v2(db_); }

Result<std::int64_t> SqliteProbe::commitOnce() {
  static const std::vector<unsigned char> payload(1024, 0x5a);
  sqlite3_stmt* insert = nullptr;
  const auto start = std::chrono::steady_clock::now();
  // Prepared per call like a plain application would; the cost is microseconds, not the fsync.
  int rc = sqlite3_prepare_v2(db_, "INSERT INTO entries (sequence, payload) VALUES (?1, ?2)", -1, &insert, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) {
    sqlite3_bind_int64(insert, 1, ++rows_);
    sqlite3_bind_blob(insert, 2, payload.data(), static_cast<int>(payload.size()), SQLITE_STATIC);
    rc = sqlite3_step(insert) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
  }
  sqlite3_finalize(insert);
  if (rc == SQLITE_OK) rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  const std::int64_t nanos = nanosSince(start);
  if (rc != SQLITE_OK) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return probeFailed(std::string("SQLite probe commit failed: ") + sqlite3_errmsg(db_));
  }
  return nanos;
}

}  // namespace loyalty::bench

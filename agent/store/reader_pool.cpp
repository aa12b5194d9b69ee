#include "store/reader_pool.h"

#include <utility>

namespace loyalty::store {
namespace {

// A reader only waits on the rare occasions SQLite itself must (WAL recovery after a crash).
constexpr std::string_view kReaderPragmas = "PRAGMA busy_timeout = 2000;";

}  // namespace

ReaderLease::~ReaderLease() {
  if (pool_ != nullptr && connection_) {
    connection_->rollbackQuietly();
    pool_->giveBack(std::move(connection_));
  }
}

ReaderPool::ReaderPool(std::string path, std::string vfs, std::size_t maxIdle)
    : path_(std::move(path)), vfs_(std::move(vfs)), maxIdle_(maxIdle) {}

Result<ReaderLease> ReaderPool::lease() {
  {
    const std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<SqliteConnection> connection = std::move(idle_.back());
      idle_.pop_back();
      return ReaderLease(*this, std::move(connection));
    }
  }
  auto opened = openReader();  // outside the lock: opening touches the file system
  if (!opened) return opened.error();
  return ReaderLease(*this, std::move(opened).value());
}

void ReaderPool::giveBack(std::unique_ptr<SqliteConnection> connection) noexcept {
  std::unique_ptr<SqliteConnection> surplus;
  {
    const std::lock_guard lock(mutex_);
    if (idle_.size() < maxIdle_) {
      try {
        idle_.push_back(std::move(connection));
      } catch (...) {
        surplus = std::move(connection);  // out of memory: close it instead
      }
    } else {
      surplus = std::move(connection);
    }
  }
  // `surplus` closes here, outside the lock.
}

Result<std::unique_ptr<SqliteConnection>> ReaderPool::openReader() const {
  auto connection = SqliteConnection::open(path_, OpenMode::readOnly, false, vfs_);
  if (!connection) return connection.error();
  if (auto configured = connection.value()->exec(kReaderPragmas); !configured) return configured.error();
  return std::move(connection).value();
}

}  // namespace loyalty::store

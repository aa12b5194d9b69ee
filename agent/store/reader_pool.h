// Read-only connections for lookups. In WAL mode a reader never waits for the writer, so a
// quote is not held up by a commit or a snapshot load; each thread borrows a connection
// (with its warm statement cache) and gives it back.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite_connection.h"

namespace loyalty::store {

class ReaderPool;

// A borrowed connection, returned to its pool when the lease ends. Any transaction the
// borrower left open is rolled back first.
class ReaderLease {
 public:
  ReaderLease(ReaderPool& pool, std::unique_ptr<SqliteConnection> connection) noexcept
      : pool_(&pool), connection_(std::move(connection)) {}
  ReaderLease(ReaderLease&& other) noexcept = default;
  ReaderLease& operator=(ReaderLease&&) = delete;
  ReaderLease(const ReaderLease&) = delete;
  ReaderLease& operator=(const ReaderLease&) = delete;
  ~ReaderLease();

  SqliteConnection& operator*() const noexcept { return *connection_; }
  SqliteConnection* operator->() const noexcept { return connection_.get(); }

 private:
  ReaderPool* pool_;
  std::unique_ptr<SqliteConnection> connection_;
};

class ReaderPool {
 public:
  // Keeps at most `maxIdle` connections open between leases; more are opened on demand
  // (a burst never waits for a free one) and closed when returned beyond that.
  ReaderPool(std::string path, std::string vfs, std::size_t maxIdle);

  [[nodiscard]] Result<ReaderLease> lease();
  void giveBack(std::unique_ptr<SqliteConnection> connection) noexcept;

 private:
  [[nodiscard]] Result<std::unique_ptr<SqliteConnection>> openReader() const;

  std::string path_;
  std::string vfs_;
  std::size_t maxIdle_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;
};

}  // namespace loyalty::store

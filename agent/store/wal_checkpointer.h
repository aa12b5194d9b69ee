// Checkpoints the WAL on a thread of its own, so that no ledger commit pays for one.
// SQLite's automatic checkpoint runs inside the COMMIT that crosses the threshold: that
// commit copies the whole WAL into the database file and fsyncs it, which made about one
// commit in a hundred several times slower than the others (p99) and a few hundred
// milliseconds slow (max). Here the committing connection only signals; a PASSIVE
// checkpoint on a separate connection never blocks readers or the writer.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "store/sqlite_connection.h"

namespace loyalty::store {

class WalCheckpointer {
 public:
  // `connection` is a read-write connection of its own to the database, which has read it
  // once (before its first read a connection does not know the file is in WAL mode);
  // `thresholdPages` the WAL size (in pages) from which a commit asks for a checkpoint.
  WalCheckpointer(std::unique_ptr<SqliteConnection> connection, std::int64_t thresholdPages);
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;
  ~WalCheckpointer();  // finishes a checkpoint in progress, then stops the thread

  // Makes `writer` ask for a checkpoint after each commit that leaves the WAL at or above
  // the threshold (sqlite3_wal_hook; this also turns SQLite's automatic checkpoint off on
  // that connection). detach() must run before the writer or this object goes away.
  void attach(SqliteConnection& writer) noexcept;
  void detach(SqliteConnection& writer) noexcept;

  // WAL frames copied into the database file so far, over all checkpoints (each may copy
  // only part of the WAL while readers still need the rest; the next commit asks again).
  [[nodiscard]] std::int64_t checkpointedFrames() const noexcept { return checkpointedFrames_.load(); }

 private:
  static int onCommit(void* self, ::sqlite3* db, const char* schema, int walPages) noexcept;
  void request() noexcept;
  void run() noexcept;

  std::unique_ptr<SqliteConnection> connection_;
  std::int64_t thresholdPages_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  std::atomic<std::int64_t> checkpointedFrames_{0};
  std::thread thread_;
};

}  // namespace loyalty::store

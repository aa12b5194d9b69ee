#include "store/wal_checkpointer.h"

#include <pthread.h>
#include <sqlite3.h>

#include <utility>

namespace loyalty::store {

WalCheckpointer::WalCheckpointer(std::unique_ptr<SqliteConnection> connection, std::int64_t thresholdPages)
    : connection_(std::move(connection)), thresholdPages_(thresholdPages) {
  thread_ = std::thread([this] { run(); });
  pthread_setname_np(thread_.native_handle(), "wal-checkpoint");  // for ps, gdb and the benchmark
}

WalCheckpointer::~WalCheckpointer() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void WalCheckpointer::attach(SqliteConnection& writer) noexcept {
  sqlite3_wal_hook(writer.handle(), &WalCheckpointer::onCommit, this);
}

void WalCheckpointer::detach(SqliteConnection& writer) noexcept {
  sqlite3_wal_hook(writer.handle(), nullptr, nullptr);
}

int WalCheckpointer::onCommit(void* self, sqlite3* /*db*/, const char* /*schema*/, int walPages) noexcept {
  auto* checkpointer = static_cast<WalCheckpointer*>(self);
  if (walPages >= checkpointer->thresholdPages_) checkpointer->request();
  return SQLITE_OK;  // the commit itself succeeded whatever happens here
}

void WalCheckpointer::request() noexcept {
  {
    const std::lock_guard lock(mutex_);
    requested_ = true;
  }
  wake_.notify_one();
}

void WalCheckpointer::run() noexcept {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return requested_ || stopping_; });
      if (stopping_) return;
      requested_ = false;
    }
    // PASSIVE: copies what no reader still needs, waits for nobody. A failure (disk full,
    // I/O error) leaves the WAL as it was; the next commit asks again.
    int walFrames = 0;
    int copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(connection_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &walFrames,
                                             &copied);
    if (rc == SQLITE_OK && copied > 0) checkpointedFrames_.fetch_add(copied);
  }
}

}  // namespace loyalty::store

// A SQLite VFS that wraps the default one and can make one chosen I/O call fail, the way
// SQLite's own test suite injects faults: the Nth read, write, sync or truncate after
// arming returns an I/O error (or SQLITE_FULL for a write) instead of reaching the disk.
// It also counts syncs, to check how many fsyncs a commit costs.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace loyalty::store::test {

class FaultVfs {
 public:
  enum class WriteFailure { io_error, disk_full };

  // Registers the VFS under `name` (not as the default).
  explicit FaultVfs(std::string name);
  FaultVfs(const FaultVfs&) = delete;
  FaultVfs& operator=(const FaultVfs&) = delete;
  ~FaultVfs();

  [[nodiscard]] const std::string& name() const noexcept { return name_; }

  // From now on, count I/O calls and fail the `nth` one (1-based), once.
  void arm(int nth, WriteFailure writeFailure = WriteFailure::io_error) noexcept;
  void disarm() noexcept { armed_ = false; }
  [[nodiscard]] int callsSinceArmed() const noexcept { return calls_; }
  [[nodiscard]] bool fired() const noexcept { return fired_; }
  [[nodiscard]] int syncs() const noexcept { return syncs_; }
  // Syncs made by the calling thread: what a commit itself waited for, whatever a
  // background thread syncs meanwhile.
  [[nodiscard]] int syncsOnThisThread() const;
  // Of those, the syncs of the main database file: only a checkpoint syncs it in WAL mode
  // (a commit syncs the WAL alone), so these tell "a checkpoint ran here" apart from the
  // WAL header sync a commit makes when it starts the WAL over after a checkpoint.
  [[nodiscard]] int databaseSyncsOnThisThread() const;

  // Called by the I/O methods: true when this call must fail.
  bool shouldFail() noexcept;
  void countSync(bool mainDatabase) noexcept;
  [[nodiscard]] WriteFailure writeFailure() const noexcept { return writeFailure_; }
  [[nodiscard]] sqlite3_vfs* real() const noexcept { return real_; }

 private:
  std::string name_;
  sqlite3_vfs* real_ = nullptr;
  sqlite3_vfs vfs_{};
  std::atomic<bool> armed_{false};
  std::atomic<bool> fired_{false};
  std::atomic<int> nth_{0};
  std::atomic<int> calls_{0};
  std::atomic<int> syncs_{0};
  mutable std::mutex threadSyncsMutex_;
  std::map<std::thread::id, int> threadSyncs_;
  std::map<std::thread::id, int> threadDatabaseSyncs_;
  WriteFailure writeFailure_ = WriteFailure::io_error;
};

}  // namespace loyalty::store::test

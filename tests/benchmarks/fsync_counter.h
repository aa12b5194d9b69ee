// Counts the fsync and fdatasync calls a running process makes, by attaching
// `strace -f -e trace=fsync,fdatasync` to it for a while: how the benchmark checks the
// issue's "one fsync per commit" on the real agent. Each call is attributed to its thread
// (by name: the API lanes that commit, the store's "wal-checkpoint" thread) and its file
// (the database or its WAL).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>

#include "engine/result.h"

namespace loyalty::bench {

struct SyncCounts {
  // "thread name: file name" -> calls, e.g. "api-lane-0: agent.db-wal".
  std::map<std::string, std::int64_t> byThreadAndFile;
  std::int64_t total = 0;
  // Calls made by threads whose name starts with `prefix`.
  [[nodiscard]] std::int64_t ofThreads(const std::string& prefix) const;
};

class FsyncCounter {
 public:
  // Attaches to every thread of `pid`; returns once strace reports it attached.
  // Errors: io_error "strace_unavailable" (not installed, or ptrace not permitted).
  [[nodiscard]] static Result<FsyncCounter> attach(const std::string& stracePath, pid_t pid,
                                                   const std::string& outputPath);
  FsyncCounter(FsyncCounter&& other) noexcept;
  FsyncCounter& operator=(FsyncCounter&&) = delete;
  FsyncCounter(const FsyncCounter&) = delete;
  FsyncCounter& operator=(const FsyncCounter&) = delete;
  ~FsyncCounter();  // detaches if finish() was not called

  // Detaches (SIGINT to strace) and attributes the calls it saw. Call it while the traced
  // process still runs: thread and file names are read from its /proc entries.
  [[nodiscard]] Result<SyncCounts> finish();

 private:
  FsyncCounter(pid_t stracePid, pid_t tracedPid, int stderrFd, std::string outputPath) noexcept
      : stracePid_(stracePid), tracedPid_(tracedPid), stderrFd_(stderrFd), outputPath_(std::move(outputPath)) {}
  pid_t stracePid_;
  pid_t tracedPid_;
  int stderrFd_;  // strace's own messages; kept open so that it never gets SIGPIPE
  std::string outputPath_;
};

}  // namespace loyalty::bench

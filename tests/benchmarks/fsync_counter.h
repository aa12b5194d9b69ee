// Counts the fsync and fdatasync calls a running process makes, by attaching
// `strace -f -c -e trace=fsync,fdatasync` to it for a while: how the benchmark checks the
// issue's "one fsync per commit" on the real agent.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "engine/result.h"

namespace loyalty::bench {

struct SyncCounts {
  std::int64_t fsync = 0;
  std::int64_t fdatasync = 0;
  [[nodiscard]] std::int64_t total() const noexcept { return fsync + fdatasync; }
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

  // Detaches (SIGINT to strace) and reads its summary.
  [[nodiscard]] Result<SyncCounts> finish();

 private:
  FsyncCounter(pid_t stracePid, int stderrFd, std::string outputPath) noexcept
      : stracePid_(stracePid), stderrFd_(stderrFd), outputPath_(std::move(outputPath)) {}
  pid_t stracePid_;
  int stderrFd_;  // strace's own messages; kept open so that it never gets SIGPIPE
  std::string outputPath_;
};

}  // namespace loyalty::bench

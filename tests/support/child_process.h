// Real child processes for end-to-end tests: run a command to completion capturing its
// output, or keep a daemon running while a thread collects its stderr line by line (the
// agent logs JSON lines there; a pipe nobody drains would block it).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/result.h"

namespace loyalty::testing {

struct ExitStatus {
  int code = -1;   // the exit code when it exited; -1 when a signal ended it
  int signal = 0;  // the signal that ended it, 0 when it exited
  friend bool operator==(const ExitStatus&, const ExitStatus&) = default;
};

struct CommandResult {
  ExitStatus status;
  std::string out;
  std::string err;
};

// Runs `program` with `args` (no shell), stdin from /dev/null, and waits for it.
// Errors: io_error "spawn_failed".
[[nodiscard]] Result<CommandResult> runCommand(const std::string& program, const std::vector<std::string>& args);

// A child whose stderr is read by a thread into a list of lines, stdout to /dev/null.
// It gets SIGKILL if the test process dies (PR_SET_PDEATHSIG), so no agent outlives a
// crashed test. Not copyable; the destructor kills and reaps a child still running.
class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Errors: io_error "spawn_failed", "already_running".
  [[nodiscard]] Result<pid_t> spawn(const std::string& program, const std::vector<std::string>& args);
  [[nodiscard]] bool running() const noexcept { return pid_ > 0; }
  [[nodiscard]] pid_t pid() const noexcept { return pid_; }
  // Sends a signal to the running child (false when there is none or kill(2) failed).
  bool signal(int signal) const noexcept;
  // Waits for the child to end and reaps it. Errors: io_error "not_running", "still_running"
  // (did not end within `limit`; it keeps running).
  [[nodiscard]] Result<ExitStatus> wait(std::chrono::milliseconds limit);
  // SIGKILL and reap.
  [[nodiscard]] Result<ExitStatus> kill9();

  // Lines written to stderr so far (by this and earlier runs), in order.
  [[nodiscard]] std::vector<std::string> lines() const;
  [[nodiscard]] std::size_t lineCount() const;
  // Waits until a line at index >= `from` satisfies `match`, the stream ends (the child
  // closed stderr) or `limit` passes; returns that line's index or -1.
  [[nodiscard]] long waitForLine(std::size_t from, const std::function<bool(const std::string&)>& match,
                                 std::chrono::milliseconds limit) const;

 private:
  void readLines(int fd);
  void joinReader();

  pid_t pid_ = -1;
  std::thread reader_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<std::string> lines_;
  bool streamOpen_ = false;
};

}  // namespace loyalty::testing

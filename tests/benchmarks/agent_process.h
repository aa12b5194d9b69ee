// The real loyalty-agent as a child process, for the agent benchmark: spawned with a
// config, its stderr (JSON log lines) read until "agent_ready" gives the port, then
// drained on a thread so the agent never blocks on a full pipe; memory read from
// /proc/PID/status; stopped with SIGTERM as a service manager would.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine/result.h"

namespace loyalty::bench {

struct ProcessMemory {
  std::int64_t rssKiB = 0;  // VmRSS: resident now
  std::int64_t hwmKiB = 0;  // VmHWM: the peak resident size so far
};

// A program run to its end (loyaltyctl): exit status, wall time and what it printed.
struct ToolRun {
  int exitCode = -1;  // -1: killed by a signal
  double seconds = 0;
  std::string output;  // stdout and stderr together
};

// The 1-minute load average of the machine (it is shared: the figures depend on it).
[[nodiscard]] double loadAverage();

// Runs `program args...` (no shell), waits for it. Errors: io_error "spawn_failed".
[[nodiscard]] Result<ToolRun> runTool(const std::string& program, const std::vector<std::string>& args);

class AgentProcess {
 public:
  using Clock = std::chrono::steady_clock;

  // Starts `agentPath --config configPath` and waits (at most `timeout`) for its
  // "agent_ready" line. Errors: io_error "spawn_failed", "agent_exited" (with its last
  // log line), "ready_timeout".
  [[nodiscard]] static Result<std::unique_ptr<AgentProcess>> start(const std::string& agentPath,
                                                                   const std::string& configPath,
                                                                   std::chrono::seconds timeout);
  AgentProcess(const AgentProcess&) = delete;
  AgentProcess& operator=(const AgentProcess&) = delete;
  ~AgentProcess();  // kills (SIGKILL) an agent that was not stopped

  [[nodiscard]] pid_t pid() const noexcept { return pid_; }
  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  [[nodiscard]] Clock::time_point spawnedAt() const noexcept { return spawnedAt_; }
  [[nodiscard]] Clock::time_point readyAt() const noexcept { return readyAt_; }
  [[nodiscard]] std::int64_t errorLines() const noexcept { return errorLines_.load(); }

  [[nodiscard]] Result<ProcessMemory> memory() const;
  // CPU time (user + system, all threads) the agent used so far, from /proc/PID/stat.
  [[nodiscard]] Result<double> cpuSeconds() const;
  // SIGTERM, then waits for the exit. Returns the seconds it took; "unclean_exit" when the
  // agent did not exit 0.
  [[nodiscard]] Result<double> stop();

 private:
  AgentProcess(pid_t pid, int stderrFd, Clock::time_point spawnedAt) noexcept
      : pid_(pid), stderrFd_(stderrFd), spawnedAt_(spawnedAt) {}
  [[nodiscard]] Result<std::uint16_t> awaitReady(std::chrono::seconds timeout);
  void drain();

  pid_t pid_;
  int stderrFd_;
  Clock::time_point spawnedAt_;
  Clock::time_point readyAt_;
  std::uint16_t port_ = 0;
  std::string pending_;  // bytes read past the ready line
  std::atomic<std::int64_t> errorLines_{0};
  std::thread drainer_;
  bool exited_ = false;
};

}  // namespace loyalty::bench

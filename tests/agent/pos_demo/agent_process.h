// A real loyalty-agent process for end-to-end tests: started with a config file, its JSON
// log (stderr) written to a file, ready once it logged "agent_ready" with its port, stopped
// with SIGTERM and its exit status collected. Killed (SIGKILL) if a test ends without stop().
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace loyalty::pos_demo::test {

class AgentProcess {
 public:
  // Starts `agentPath --config configPath`; waits until the log says agent_ready (fails the
  // test if the agent exits first or stays silent for 20 s).
  AgentProcess(const std::string& agentPath, const std::string& configPath, const std::string& logPath);
  ~AgentProcess();
  AgentProcess(const AgentProcess&) = delete;
  AgentProcess& operator=(const AgentProcess&) = delete;

  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  // SIGTERM, then waits: the exit code (-1 if it ended by a signal).
  int stop();

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string logPath_;
};

}  // namespace loyalty::pos_demo::test

#include "agent_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace loyalty::pos_demo::test {
namespace {

// The port of the first agent_ready line of the log, 0 while there is none.
std::uint16_t readyPort(const std::string& logPath) {
  std::ifstream in(logPath);
  std::string line;
  while (std::getline(in, line)) {
    const auto event = nlohmann::json::parse(line, nullptr, false);
    if (event.is_object() && event.value("event", "") == "agent_ready" && event.contains("port")) {
      return event["port"].get<std::uint16_t>();
    }
  }
  return 0;
}

int waitFor(pid_t pid, int options, bool& exited) {
  int status = 0;
  pid_t done = -1;
  while ((done = ::waitpid(pid, &status, options)) < 0 && errno == EINTR) {
  }
  exited = done == pid;
  if (!exited) return 0;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

AgentProcess::AgentProcess(const std::string& agentPath, const std::string& configPath, const std::string& logPath)
    : logPath_(logPath) {
  std::vector<std::string> args{agentPath, "--config", configPath};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    const int in = ::open("/dev/null", O_RDONLY);
    const int err = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || err < 0) ::_exit(127);
    ::dup2(in, 0);
    ::dup2(err, 1);
    ::dup2(err, 2);
    ::execv(agentPath.c_str(), argv.data());
    ::_exit(127);
  }
  // Waiting for readiness, not timing anything: the bound only keeps a broken agent from
  // hanging the test run.
  const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while ((port_ = readyPort(logPath_)) == 0) {
    bool exited = false;
    const int code = waitFor(pid_, WNOHANG, exited);
    if (exited) {
      pid_ = -1;
      std::ifstream in(logPath_);
      std::stringstream log;
      log << in.rdbuf();
      FAIL("the agent exited with " << code << " before it was ready:\n" << log.str());
    }
    if (std::chrono::steady_clock::now() > giveUp) {
      ::kill(pid_, SIGKILL);
      (void)waitFor(pid_, 0, exited);
      pid_ = -1;
      FAIL("the agent did not log agent_ready within 20 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

AgentProcess::~AgentProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    bool exited = false;
    (void)waitFor(pid_, 0, exited);
  }
}

int AgentProcess::stop() {
  REQUIRE(pid_ > 0);
  REQUIRE(::kill(pid_, SIGTERM) == 0);
  bool exited = false;
  const int code = waitFor(pid_, 0, exited);
  pid_ = -1;
  return exited ? code : -2;
}

}  // namespace loyalty::pos_demo::test

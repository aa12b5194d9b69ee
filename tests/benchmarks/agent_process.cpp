#include "agent_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace loyalty::bench {
namespace {

Error spawnFailed(const std::string& what) {
  return makeError(ErrorCode::io_error, "spawn_failed", what + ": " + std::strerror(errno) + ".");
}

std::vector<char*> argvOf(std::vector<std::string>& words) {
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  return argv;
}

// Forks `words`; the child's stdin is /dev/null, its stdout and stderr go to `outFd`
// (stdout to /dev/null when `stderrOnly`). Returns the child's pid.
Result<pid_t> spawn(std::vector<std::string> words, int outFd, bool stderrOnly) {
  std::vector<char*> argv = argvOf(words);
  const pid_t pid = ::fork();
  if (pid < 0) return spawnFailed("fork");
  if (pid == 0) {
    const int null = ::open("/dev/null", O_RDWR);
    if (null < 0) ::_exit(127);
    ::dup2(null, 0);
    ::dup2(stderrOnly ? null : outFd, 1);
    ::dup2(outFd, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

int waitExit(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool isErrorLine(const std::string& line) {
  return line.find("\"level\":\"error\"") != std::string::npos ||
         line.find("\"level\":\"warn\"") != std::string::npos;
}

}  // namespace

Result<ToolRun> runTool(const std::string& program, const std::vector<std::string>& args) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return spawnFailed("pipe");
  std::vector<std::string> words{program};
  words.insert(words.end(), args.begin(), args.end());
  const auto start = std::chrono::steady_clock::now();
  auto pid = spawn(std::move(words), fds[1], false);
  ::close(fds[1]);
  if (!pid) {
    ::close(fds[0]);
    return pid.error();
  }
  ToolRun run;
  char buffer[4096];
  for (;;) {
    const ssize_t got = ::read(fds[0], buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    run.output.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fds[0]);
  run.exitCode = waitExit(pid.value());
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

Result<std::unique_ptr<AgentProcess>> AgentProcess::start(const std::string& agentPath, const std::string& configPath,
                                                          std::chrono::seconds timeout) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return spawnFailed("pipe");
  const Clock::time_point spawnedAt = Clock::now();
  auto pid = spawn({agentPath, "--config", configPath}, fds[1], true);
  ::close(fds[1]);
  if (!pid) {
    ::close(fds[0]);
    return pid.error();
  }
  std::unique_ptr<AgentProcess> agent(new AgentProcess(pid.value(), fds[0], spawnedAt));
  auto port = agent->awaitReady(timeout);
  if (!port) return port.error();  // the destructor kills and reaps it
  agent->port_ = port.value();
  agent->drainer_ = std::thread([raw = agent.get()] { raw->drain(); });
  return agent;
}

Result<std::uint16_t> AgentProcess::awaitReady(std::chrono::seconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  std::string lastLine;
  char buffer[4096];
  for (;;) {
    std::size_t newline;
    while ((newline = pending_.find('\n')) != std::string::npos) {
      std::string line = pending_.substr(0, newline);
      pending_.erase(0, newline + 1);
      if (isErrorLine(line)) std::fprintf(stderr, "agent: %s\n", line.c_str());
      const auto parsed = nlohmann::json::parse(line, nullptr, false);
      if (parsed.is_object() && parsed.value("event", "") == "agent_ready" && parsed.contains("port")) {
        readyAt_ = Clock::now();
        return static_cast<std::uint16_t>(parsed["port"].get<int>());
      }
      lastLine = std::move(line);
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return makeError(ErrorCode::io_error, "ready_timeout", "the agent did not log agent_ready in time.");
    pollfd poller{stderrFd_, POLLIN, 0};
    if (::poll(&poller, 1, static_cast<int>(left)) <= 0) continue;
    const ssize_t got = ::read(stderrFd_, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      exited_ = true;
      const int code = waitExit(pid_);
      return makeError(ErrorCode::io_error, "agent_exited",
                       "the agent exited (" + std::to_string(code) + ") before it was ready: " + lastLine);
    }
    pending_.append(buffer, static_cast<std::size_t>(got));
  }
}

void AgentProcess::drain() {
  char buffer[4096];
  for (;;) {
    std::size_t newline;
    while ((newline = pending_.find('\n')) != std::string::npos) {
      const std::string line = pending_.substr(0, newline);
      pending_.erase(0, newline + 1);
      if (isErrorLine(line)) {
        // Warnings and errors during a benchmark are worth seeing (they may explain outliers).
        if (errorLines_.fetch_add(1) < 20) std::fprintf(stderr, "agent: %s\n", line.c_str());
      }
    }
    const ssize_t got = ::read(stderrFd_, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return;
    pending_.append(buffer, static_cast<std::size_t>(got));
  }
}

double loadAverage() {
  std::ifstream in("/proc/loadavg");
  double load = -1;
  in >> load;
  return load;
}

Result<double> AgentProcess::cpuSeconds() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
  std::string text;
  std::getline(in, text);
  // Fields after the command name (which may hold spaces, hence the last ')'): utime and
  // stime are the 12th and 13th of them.
  const auto close = text.rfind(')');
  if (!in || close == std::string::npos) {
    return makeError(ErrorCode::io_error, "no_status", "cannot read /proc/PID/stat of the agent.");
  }
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  long long utime = 0;
  long long stime = 0;
  for (int i = 1; i <= 13 && fields >> field; ++i) {
    if (i == 12) utime = std::stoll(field);
    if (i == 13) stime = std::stoll(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

Result<ProcessMemory> AgentProcess::memory() const {
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  if (!status) return makeError(ErrorCode::io_error, "no_status", "cannot read /proc/PID/status of the agent.");
  ProcessMemory memory;
  std::string line;
  while (std::getline(status, line)) {
    long long kib = 0;
    if (std::sscanf(line.c_str(), "VmRSS: %lld kB", &kib) == 1) memory.rssKiB = kib;
    if (std::sscanf(line.c_str(), "VmHWM: %lld kB", &kib) == 1) memory.hwmKiB = kib;
  }
  return memory;
}

Result<double> AgentProcess::stop() {
  const auto start = Clock::now();
  ::kill(pid_, SIGTERM);
  const int code = waitExit(pid_);
  exited_ = true;
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (drainer_.joinable()) drainer_.join();
  if (code != 0) {
    return makeError(ErrorCode::io_error, "unclean_exit", "the agent exited with " + std::to_string(code) + ".");
  }
  return seconds;
}

AgentProcess::~AgentProcess() {
  if (!exited_) {
    ::kill(pid_, SIGKILL);
    waitExit(pid_);
  }
  if (drainer_.joinable()) drainer_.join();
  ::close(stderrFd_);
}

}  // namespace loyalty::bench
